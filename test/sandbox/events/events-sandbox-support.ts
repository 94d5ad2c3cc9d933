/**
 * What the Events sandbox tests share: a sandbox with JWT issuers, the demo credentials, and the
 * auth header object of each mode — IAM signed with the app's signer over the exact body (the
 * sandbox verifies it with its own, independent verifier; botocore cross-checks the signer).
 */
import { signRequest } from '../../../main/core/requests/sigv4-signer.ts';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { jwtIssuer } from '../../support/jwt-issuer.ts';

export const OIDC = 'https://oidc.events.test';
export const COGNITO = 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Events';

export type Mode =
  'API_KEY' | 'AWS_IAM' | 'OPENID_CONNECT' | 'AMAZON_COGNITO_USER_POOLS' | 'AWS_LAMBDA';
export const ALL_MODES: Mode[] = [
  'API_KEY',
  'AWS_IAM',
  'OPENID_CONNECT',
  'AMAZON_COGNITO_USER_POOLS',
  'AWS_LAMBDA',
];

export interface EventsWorld {
  sandbox: Sandbox;
  /** ws://127.0.0.1:PORT/event/realtime */
  realtimeUrl: string;
  host: string;
  /** Valid JWTs of the sandbox's OIDC issuer and Cognito pool. */
  tokens: { OPENID_CONNECT: string; AMAZON_COGNITO_USER_POOLS: string };
  /** The auth header object of `mode` for a POST /event over `body`. */
  headers(mode: Mode, body: string, base?: Record<string, string>): Promise<Record<string, string>>;
}

export async function eventsWorld(): Promise<EventsWorld> {
  const oidc = await jwtIssuer(OIDC, 'workbench', 'o1');
  const cognito = await jwtIssuer(COGNITO, 'pool-client', 'c1');
  const sandbox = await startSandbox({
    jwt: {
      openid: { issuer: OIDC, clientId: 'workbench', keySet: { keys: [oidc.jwk] } },
      cognitoUserPool: {
        issuer: COGNITO,
        clientId: 'pool-client',
        keySet: { keys: [cognito.jwk] },
      },
    },
    // No test here plays a dead link: a silence this long only comes of a loaded machine.
    realtime: { keepAliveIntervalMs: 50, connectionTimeoutMs: 5_000 },
  });
  const host = new URL(sandbox.eventUrl).host;
  const tokens = {
    OPENID_CONNECT: await oidc.sign(),
    AMAZON_COGNITO_USER_POOLS: await cognito.sign(),
  };
  const { user } = sandbox.demo;
  return {
    sandbox,
    host,
    tokens,
    realtimeUrl: sandbox.eventUrl.replace(/^http/, 'ws') + '/realtime',
    async headers(mode, body, base = { 'content-type': 'application/json' }) {
      if (mode === 'API_KEY') return { host, 'x-api-key': sandbox.apiKey };
      if (mode === 'AWS_LAMBDA') return { host, Authorization: sandbox.demo.lambdaToken };
      if (mode !== 'AWS_IAM') return { host, Authorization: tokens[mode] };
      return signRequest(
        {
          method: 'POST',
          url: new URL(sandbox.eventUrl),
          headers: { ...base, host },
          body: Buffer.from(body),
        },
        {
          credentials: { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey },
          region: 'us-east-1',
          service: 'appsync',
          signingDate: new Date(),
        },
      );
    },
  };
}
