/**
 * A small AppSync-shaped server for the requests engine's tests: it verifies SigV4 by signing
 * the received request again with @smithy/signature-v4 (an independent check of our signer and
 * of curl's), checks API keys and raw JWT-style tokens, and answers with AppSync's status codes
 * and error shapes. Until the real sandbox is wired everywhere, this is the peer on the wire.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { Hash } from '@smithy/core/serde';

export interface StubIdentity {
  secretAccessKey: string;
  sessionToken?: string;
  expired?: boolean;
}

export interface StubOptions {
  identities: Record<string, StubIdentity>;
  apiKeys?: Record<string, { expired?: boolean }>;
  tokens?: string[];
  now?: () => number;
}

export interface StubServer {
  url: string;
  graphqlUrl: string;
  requests: { headers: IncomingMessage['headers']; body: string }[];
  close(): Promise<void>;
}

export async function startStubServer(options: StubOptions): Promise<StubServer> {
  const now = options.now ?? Date.now;
  const requests: StubServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests.push({ headers: req.headers, body: body.toString('utf8') });
    const send = (status: number, payload: unknown, errorType?: string) => {
      const text = JSON.stringify(payload);
      res.writeHead(status, {
        'content-type': 'application/json;charset=UTF-8',
        date: new Date(now()).toUTCString(),
        ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
      });
      res.end(text);
    };
    const refuse = (status: number, errorType: string, message: string) =>
      send(status, { errors: [{ errorType, message }] }, errorType);

    const verdict = await authorize(req, body, options, now);
    if (verdict) return refuse(verdict.status, verdict.errorType, verdict.message);
    const parsed = JSON.parse(body.toString('utf8')) as { query: string; variables?: unknown };
    if (parsed.query.includes('slow')) {
      // Answers late, or never if the client gives up first; the timer must not hold the test.
      await new Promise((resolve) => {
        setTimeout(resolve, 3000).unref();
        res.on('close', resolve);
      });
      if (res.destroyed) return;
    }
    if (parsed.query.includes('boom')) {
      return send(200, {
        data: null,
        errors: [
          {
            errorType: 'DynamoDB:ConditionalCheckFailedException',
            message: 'boom',
            path: ['boom'],
          },
        ],
      });
    }
    send(200, { data: { echo: { query: parsed.query, variables: parsed.variables ?? null } } });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    graphqlUrl: `${url}/graphql`,
    requests,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type Refusal = { status: number; errorType: string; message: string } | null;

async function authorize(
  req: IncomingMessage,
  body: Buffer,
  options: StubOptions,
  now: () => number,
): Promise<Refusal> {
  const unauthorized = (message = 'You are not authorized to make this call.') => ({
    status: 401,
    errorType: 'UnauthorizedException',
    message,
  });
  const apiKey = req.headers['x-api-key'];
  if (typeof apiKey === 'string') {
    const entry = options.apiKeys?.[apiKey];
    return !entry || entry.expired ? unauthorized() : null;
  }
  const authorization = req.headers.authorization ?? '';
  if (!authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    if (authorization.startsWith('Bearer ')) return unauthorized('Unable to parse JWT token.');
    return options.tokens?.includes(authorization) ? null : unauthorized();
  }
  const match =
    /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=(\w+)/.exec(
      authorization,
    );
  if (!match)
    return { status: 403, errorType: 'IncompleteSignatureException', message: 'bad header' };
  const [, keyId, , region, service, signedList, signature] = match as unknown as string[];
  const identity = options.identities[keyId as string];
  const token = req.headers['x-amz-security-token'];
  if (!identity || identity.sessionToken !== token) {
    return {
      status: 403,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    };
  }
  if (identity.expired) {
    return {
      status: 403,
      errorType: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    };
  }
  const amzDate = String(req.headers['x-amz-date']);
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  const signedAt = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!) : NaN;
  const fmt = (ms: number) =>
    new Date(ms)
      .toISOString()
      .replace(/[-:]/g, '')
      .replace(/\.\d{3}Z$/, 'Z');
  if (signedAt < now() - 300_000) {
    return {
      status: 403,
      errorType: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now earlier than ${fmt(now() - 300_000)} (${fmt(now())} - 5 min.)`,
    };
  }
  const headers: Record<string, string> = {};
  for (const name of (signedList as string).split(';'))
    headers[name] = String(req.headers[name] ?? '');
  const [path, rawQuery = ''] = (req.url ?? '/').split('?');
  const query = Object.fromEntries(new URLSearchParams(rawQuery));
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: keyId as string,
      secretAccessKey: identity.secretAccessKey,
      ...(token ? { sessionToken: String(token) } : {}),
    },
    region: region as string,
    service: service as string,
    sha256: Hash.bind(null, 'sha256'),
    applyChecksum: false,
  });
  const request = {
    method: req.method ?? 'POST',
    protocol: 'http:',
    hostname: '127.0.0.1',
    path: path ?? '/',
    query,
    headers,
    body,
  };
  const signedAgain = await signer.sign(request, { signingDate: new Date(signedAt) });
  const expected = /Signature=(\w+)/.exec(String(signedAgain.headers.authorization))?.[1];
  if (expected === signature) return null;
  const payloadHash = createHash('sha256').update(body).digest('hex');
  // The signer's own canonical form, so the message matches what AWS would print.
  const canonical = (
    signer as unknown as {
      createCanonicalRequest(r: unknown, h: Record<string, string>, p: string): string;
    }
  ).createCanonicalRequest(request, headers, payloadHash);
  return {
    status: 403,
    errorType: 'InvalidSignatureException',
    message: `The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\nThe Canonical String for this request should have been\n'${canonical}'\n\nThe String-to-Sign should have been\n'...'\n`,
  };
}
