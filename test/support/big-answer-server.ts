/**
 * A GraphQL endpoint on 127.0.0.1 that answers every POST with one large JSON document (about
 * `megabytes` MB) and remembers the x-api-key it was sent: the far end for "a 20 MB answer".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface BigAnswerServer {
  url: string;
  bytes: number;
  apiKeys: string[];
  close(): Promise<void>;
}

export function bigAnswer(megabytes: number): string {
  const item = (i: number) =>
    JSON.stringify({
      id: `item-${i}`,
      title: `Generated item number ${i}`,
      tags: ['bulk', 'demo'],
      body: 'x'.repeat(120),
    });
  const items: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const text = item(i);
    items.push(text);
    size += text.length + 1;
  }
  return `{"data":{"items":[${items.join(',')}]}}`;
}

export async function startBigAnswerServer(megabytes: number): Promise<BigAnswerServer> {
  const body = Buffer.from(bigAnswer(megabytes));
  const apiKeys: string[] = [];
  const server = createServer((req, res) => {
    apiKeys.push(String(req.headers['x-api-key'] ?? ''));
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    bytes: body.length,
    apiKeys,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
