/**
 * moto models Event APIs and channel namespaces, but writes their `created` / `lastModified` as
 * ISO strings where AppSync's wire format (and so the AWS SDK for JavaScript) has epoch
 * seconds; botocore tolerates that, the JS SDK refuses the page. This proxy forwards every call
 * to moto unchanged and rewrites only those two fields of its answers, so the test still runs
 * against moto's own model of Event APIs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const ISO_FIELD = /"(created|lastModified)":\s*"([^"]+)"/g;

export async function startMotoEventApiProxy(motoUrl: string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([, v]) => typeof v === 'string') as [string, string][],
      );
      const body = Buffer.concat(chunks);
      fetch(`${motoUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length ? { body } : {}),
      }).then(
        async (answer) => {
          const text = (await answer.text()).replace(
            ISO_FIELD,
            (_, field: string, iso: string) => `"${field}": ${Date.parse(iso) / 1000}`,
          );
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
