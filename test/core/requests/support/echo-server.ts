/**
 * A hostile GraphQL endpoint on 127.0.0.1: it answers every request by echoing back what
 * authorized it (x-api-key, authorization, x-amz-security-token) and any values the test names,
 * in every form an echo can take — raw, JSON-escaped (`\/`, `\u002b`, every character as
 * `\uXXXX`, escaped twice inside an embedded JSON string), URL-encoded — in headers, the status
 * line and the body.
 */
import { createServer, type IncomingMessage } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

export interface EchoServer {
  url: string;
  /** Every request's headers, as received. */
  received: IncomingMessage['headers'][];
  /** As an HTTP proxy (HTTP_PROXY=proxyUrl), every host asked for: it answers for all of them. */
  proxyUrl: string;
  tunnelled: string[];
  close(): Promise<void>;
}

const AUTH_HEADERS = ['x-api-key', 'authorization', 'x-amz-security-token'];

/** `value` with every character as a JSON `\uXXXX` escape. */
export const unicodeEscaped = (value: string) =>
  [...value].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** `value` as JSON writes it with `/` escaped and `+` as `\u002b` (what many servers emit). */
export const jsonEscaped = (value: string) =>
  value.replaceAll('/', '\\/').replaceAll('+', '\\u002b').replaceAll('=', '\\u003d');

/** Every form of `value` the server puts in its answer body, as text. */
export function echoedForms(value: string): string[] {
  return [
    value,
    jsonEscaped(value),
    unicodeEscaped(value),
    encodeURIComponent(value),
    encodeURIComponent(value).toLowerCase(),
  ];
}

/** `extra` names more values to echo for a request (e.g. the secret key behind its signature). */
export async function startEchoServer(
  extra: (headers: IncomingMessage['headers']) => string[] = () => [],
): Promise<EchoServer> {
  const received: IncomingMessage['headers'][] = [];
  const server = createServer((req, res) => {
    received.push(req.headers);
    req.resume();
    req.on('end', () => {
      const values = [
        ...AUTH_HEADERS.map((name) => req.headers[name]).filter(
          (v): v is string => typeof v === 'string',
        ),
        ...extra(req.headers),
      ];
      const headers: Record<string, string> = {};
      values.forEach((value, i) => {
        headers[`x-echo-${i}`] = value;
        headers[`x-echo-${i}-url`] = encodeURIComponent(value);
      });
      // The body is written by hand so the escapes stay as the server chose them.
      const fields = values.flatMap((value, i) => [
        `"raw${i}":"${value}"`,
        `"json${i}":"${jsonEscaped(value)}"`,
        `"unicode${i}":"${unicodeEscaped(value)}"`,
        `"url${i}":"${encodeURIComponent(value)}"`,
        // An embedded JSON document: its escapes are escaped once more.
        `"nested${i}":"{\\"token\\":\\"${jsonEscaped(value).replaceAll('\\', '\\\\')}\\"}"`,
      ]);
      const errors = values.map((value) => `{"message":"denied for ${value}","errorType":"E"}`);
      const body = `{"data":{"echo":{${fields.join(',')}}},"errors":[${errors.join(',')}]}`;
      res.writeHead(200, `OK ${values[0] ?? ''}`, {
        'content-type': 'application/json',
        ...headers,
      });
      res.end(body);
    });
  });
  const tunnelled: string[] = [];
  server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
    tunnelled.push(req.url ?? '');
    const upstream = connect((server.address() as AddressInfo).port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    proxyUrl: `http://127.0.0.1:${port}`,
    tunnelled,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
