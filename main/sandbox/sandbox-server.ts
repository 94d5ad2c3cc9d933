/**
 * The sandbox: one HTTP server on 127.0.0.1 that plays AWS for the demo workspace and the tests.
 * `/graphql` is the AppSync-compatible endpoint; every other path goes to the local AWS peers
 * (STS at `POST /`, SSO-OIDC and the SSO portal). All of them share one IdentityStore, so a
 * session the local STS issues signs AppSync requests too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createAppSyncHandler,
  GRAPHQL_PATH,
  type AppSyncHandler,
} from './appsync/appsync-handler.ts';
import { appSyncHeaders, newRequestId, refusal, sendRefusal } from './appsync/appsync-response.ts';
import type { AuthProvider, JwtProviderConfig, LambdaAuthorizer } from './appsync/auth-config.ts';
import { createAwsPeersHandler, type AwsPeersFixture, type AwsPeersHandler } from './aws-peers.ts';
import { demoEventApi } from './events/demo-event-api.ts';
import { createEventsPeer, type EventsPeer } from './events/events-peer.ts';
import { createDemoFixture, demoLambdaAuthorizer, type DemoFixture } from './demo-fixture.ts';
import { IdentityStore } from './identity-store.ts';
import {
  createRealtimeServer,
  type RealtimeServer,
  type RealtimeServerOptions,
} from './realtime/realtime-server.ts';
import { assumedRoleBase } from './sts/role-trust.ts';

export interface SandboxOptions {
  /** Default 0: any free port. */
  port?: number;
  /** Drives token expiry, API key expiry, SigV4 skew and the `Date` header. */
  clock?: { now(): number };
  /** JWT modes to enable as additional providers (e.g. a local `oidc-provider`). */
  jwt?: { openid?: JwtProviderConfig; cognitoUserPool?: JwtProviderConfig };
  /** AWS_LAMBDA authorizer; default: the demo one (accepts `demo.lambdaToken`); false disables the mode. */
  lambdaAuthorizer?: LambdaAuthorizer | false;
  /** IAM policy stand-in for `appsync:GraphQL`; default: every known principal may call. */
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
  /** More people for the local STS/SSO, added to the demo user and role (e.g. an SSO fixture). */
  peers?: AwsPeersFixture;
  /** The real-time endpoint's keep-alive timing (tests make it fast); Events' too. */
  realtime?: RealtimeServerOptions;
  /**
   * Act as a private API behind an address: requests name the API's own host in
   * `x-appsync-domain` and are signed for it (appsync/private-api.ts).
   */
  privateApi?: boolean;
}

export interface Sandbox {
  /** `http://127.0.0.1:PORT`: the endpoint_url for STS (and any other AWS peer). */
  url: string;
  /** `http://127.0.0.1:PORT/graphql` */
  graphqlUrl: string;
  identities: IdentityStore;
  /** The demo API key's value (`x-api-key`). */
  apiKey: string;
  demo: DemoFixture;
  appsync: AppSyncHandler;
  /** The local STS and SSO: their call log and the device-code approval a person would give. */
  peers: AwsPeersHandler;
  /** AppSync's real-time WebSocket endpoint at `/graphql/realtime`. */
  realtime: RealtimeServer;
  /** The demo Event API (AppSync Events): `POST /event` and `/event/realtime`. */
  events: EventsPeer;
  /** `http://127.0.0.1:PORT/event` */
  eventUrl: string;
  /**
   * A session of the demo role, as the local STS would issue it, valid `seconds` from the
   * sandbox's now: temporary credentials without going through AssumeRole (tests).
   */
  demoRoleSession(
    seconds: number,
    sessionName?: string,
  ): { accessKeyId: string; secretAccessKey: string; sessionToken: string };
  close(): Promise<void>;
}

/** AppSync's documented request limit is far below this; the cap only protects the sandbox. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = options.clock ?? Date;
  const demo = createDemoFixture(clock.now());
  const identities = new IdentityStore(clock);
  const peers = createAwsPeersHandler({
    fixture: {
      ...options.peers,
      users: [...(demo.sts.users ?? []), ...(options.peers?.users ?? [])],
      roles: [...(demo.sts.roles ?? []), ...(options.peers?.roles ?? [])],
    },
    clock,
    identities,
  });

  const additional: AuthProvider[] = [{ mode: 'API_KEY' }];
  const lambda = options.lambdaAuthorizer ?? demoLambdaAuthorizer(demo);
  if (lambda) additional.push({ mode: 'AWS_LAMBDA', authorizer: lambda });
  if (options.jwt?.openid) additional.push({ mode: 'OPENID_CONNECT', openid: options.jwt.openid });
  if (options.jwt?.cognitoUserPool) {
    additional.push({ mode: 'AMAZON_COGNITO_USER_POOLS', userPool: options.jwt.cognitoUserPool });
  }
  const appsync = createAppSyncHandler({
    api: {
      apiId: demo.apiId,
      accountId: demo.accountId,
      region: demo.region,
      primary: { mode: 'AWS_IAM' },
      additional,
      ...(options.privateApi ? { privateApi: true } : {}),
    },
    identities,
    apiKeys: [
      {
        id: demo.apiKey.value,
        expiresAt: demo.apiKey.expiresAt,
        description: demo.apiKey.description,
      },
    ],
    clock,
    ...(options.iamAllows ? { iamAllows: options.iamAllows } : {}),
  });

  const notFound = (res: ServerResponse, path: string) =>
    sendRefusal(
      res,
      appSyncHeaders(clock.now(), newRequestId()),
      refusal(
        404,
        'NotFoundException',
        `Nothing is served at ${path} in the sandbox; GraphQL is at ${GRAPHQL_PATH}.`,
      ),
    );

  const server = createServer((req, res) => {
    readBody(req).then(
      (body) => {
        if (body === null) {
          sendRefusal(
            res,
            appSyncHeaders(clock.now(), newRequestId()),
            refusal(
              413,
              'PayloadTooLargeException',
              `The request body exceeds ${MAX_BODY_BYTES} bytes.`,
            ),
          );
          return;
        }
        if (appsync.handle(req, res, body)) return;
        if (events.handle(req, res, body)) return;
        if (peers.handle(req, res, body)) return;
        notFound(res, new URL(req.url ?? '/', 'http://sandbox.invalid').pathname);
      },
      () => res.destroy(),
    );
  });

  const realtime = createRealtimeServer({
    appsync,
    identities,
    clock,
    ...(options.iamAllows ? { iamAllows: options.iamAllows } : {}),
    ...(options.realtime ? { options: options.realtime } : {}),
  });
  const events = createEventsPeer({
    config: { ...demoEventApi(demo), ...(options.privateApi ? { privateApi: true } : {}) },
    providers: [{ mode: 'AWS_IAM' }, ...additional],
    identities,
    apiKeys: appsync.apiKeys,
    clock,
    ...(options.iamAllows ? { iamAllows: options.iamAllows } : {}),
    ...(options.realtime ? { options: options.realtime } : {}),
  });
  server.on('upgrade', (req, socket, head: Buffer) => {
    if (!realtime.handleUpgrade(req, socket, head) && !events.handleUpgrade(req, socket, head))
      socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    graphqlUrl: `${url}${GRAPHQL_PATH}`,
    identities,
    apiKey: demo.apiKey.value,
    demo,
    appsync,
    peers,
    realtime,
    events,
    eventUrl: `${url}/event`,
    demoRoleSession: (seconds, sessionName = 'test') => {
      const session = identities.issueSession(
        assumedRoleBase({ arn: demo.role.arn }, sessionName),
        seconds,
      );
      return {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken!,
      };
    },
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all([closed, appsync.idle(), realtime.close(), events.close()]);
    },
  };
}
