/** Serves the built renderer's files over HTTP for the loopback web host. */
import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { contentType, resolveInside, securityHeaders } from '../hosting/renderer-files.ts';

export async function serveFile(root: string, urlPath: string, res: ServerResponse): Promise<void> {
  const file = resolveInside(root, urlPath);
  if (!file) {
    res.writeHead(400, securityHeaders()).end('Bad path');
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      ...securityHeaders(),
      'Content-Type': contentType(file),
      'Content-Length': body.length,
    });
    res.end(body);
  } catch {
    res.writeHead(404, securityHeaders()).end('Not found');
  }
}
