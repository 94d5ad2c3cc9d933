import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IdentityStore } from './identity-store.ts';
import type { IncomingSignedRequest } from './sigv4/sigv4-verifier.ts';
import { createFederationPeer, type SigninCall } from './signin/federation-peer.ts';
import { createSsoPeers, type SsoCall, type SsoFixture } from './sso/sso-peers.ts';
import { createStsEmulator } from './sts/sts-emulator.ts';
import type { StsCall, StsFixture } from './sts/sts-fixture.ts';
import type { WireResponse } from './sts/sts-wire.ts';

/**
 * The local AWS endpoints the credentials engine is tested against — STS, SSO-OIDC and the SSO
 * portal on one loopback server. Point the real SDK at it with `AWS_ENDPOINT_URL_STS`,
 * `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL_SSO_OIDC` (or `endpoint`) = `url`. Paths do not
 * overlap: STS is `POST /` (awsQuery), SSO-OIDC `/client/register`, `/device_authorization`,
 * `/token`, `/authorize`, `/device`, the portal `/federation/…`, `/assignment/…`, `/logout`,
 * and the console sign-in federation endpoint `/signin/federation`.
 */

export interface AwsPeersFixture extends StsFixture {
  sso?: SsoFixture;
}

export type AwsPeerCall = StsCall | SsoCall | SigninCall;

export interface AwsPeersOptions {
  fixture: AwsPeersFixture;
  clock?: { now(): number };
  identities?: IdentityStore;
}

export interface AwsPeersHandler {
  /** True if the request was for one of the peers (the answer may still be in flight). */
  handle(req: IncomingMessage, res: ServerResponse, body: Buffer): boolean;
  identities: IdentityStore;
  /** Every call answered, in order, successes and refusals alike. */
  calls: AwsPeerCall[];
  /** What the person at the browser does: approve a device code (as shown, dash optional). */
  approveDeviceCode(code: string, userName?: string): void;
  /** The person refuses: the client's next poll gets access_denied. */
  denyDeviceCode(code: string): void;
}

export interface AwsPeers {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
  identities: IdentityStore;
  calls: AwsPeerCall[];
  approveDeviceCode(code: string, userName?: string): void;
  denyDeviceCode(code: string): void;
}

function send(res: ServerResponse, response: WireResponse): void {
  res.writeHead(response.status, response.headers);
  res.end(response.body);
}

function internalError(res: ServerResponse, error: unknown): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'content-type': 'text/plain' });
  res.end(`AWS peers failed: ${error instanceof Error ? error.message : String(error)}`);
}

export function createAwsPeersHandler(options: AwsPeersOptions): AwsPeersHandler {
  const clock = options.clock ?? Date;
  const identities = options.identities ?? new IdentityStore(clock);
  const calls: AwsPeerCall[] = [];
  const record = (call: AwsPeerCall) => calls.push(call);
  for (const user of options.fixture.users ?? []) identities.addUser(user);

  const sts = createStsEmulator({ fixture: options.fixture, identities, clock, record });
  const sso = createSsoPeers({ fixture: options.fixture.sso ?? {}, identities, clock, record });
  const signin = createFederationPeer({ identities, clock, record });

  return {
    identities,
    calls,
    approveDeviceCode: (code, userName) => sso.approveDeviceCode(code, userName),
    denyDeviceCode: (code) => sso.denyDeviceCode(code),
    handle(req, res, body) {
      const request: IncomingSignedRequest = {
        method: req.method ?? 'GET',
        rawPath: req.url ?? '/',
        headers: req.headers,
        body,
      };
      const federation = signin.handle(request.method, request.rawPath);
      if (federation) {
        send(res, federation);
        return true;
      }
      const path = request.rawPath.split('?')[0];
      const answer = path === '/' ? sts.handle(request) : sso.handle(request);
      if (answer === undefined) return false;
      answer
        .then((response) => send(res, response))
        .catch((error: unknown) => internalError(res, error));
      return true;
    },
  };
}

export async function startAwsPeers(
  options: AwsPeersOptions & { port?: number },
): Promise<AwsPeers> {
  const handler = createAwsPeersHandler(options);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (!handler.handle(req, res, Buffer.concat(chunks))) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end(`No local AWS peer answers ${req.method} ${req.url}`);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    identities: handler.identities,
    calls: handler.calls,
    approveDeviceCode: handler.approveDeviceCode,
    denyDeviceCode: handler.denyDeviceCode,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
