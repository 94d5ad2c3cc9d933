/**
 * Where an EC2 instance and an ECS task get their credentials, locally: an IMDSv2 peer
 * (`PUT /latest/api/token` with a TTL header, then the role's credentials with that token)
 * and an ECS container credentials peer (a full URI checked against its Authorization token).
 * Both hand out sessions of a role in the shared IdentityStore, so the sandbox STS honours
 * them when a profile assumes another role from them.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IdentityStore, SandboxIdentity } from '../identity-store.ts';
import { isoSeconds } from '../sts/sts-wire.ts';

export interface MetadataPeer {
  /** `http://127.0.0.1:PORT` (for IMDS) or the full credentials URI (for ECS). */
  url: string;
  /** Every request answered: method, path and status. */
  requests: Array<{ method: string; path: string; status: number }>;
  /** The sessions handed out, newest last. */
  issued: SandboxIdentity[];
  close(): Promise<void>;
}

export interface MetadataRole {
  identities: IdentityStore;
  /** The role whose sessions are handed out, e.g. `arn:aws:iam::111122223333:role/base`. */
  roleArn: string;
  sessionName: string;
  clock?: { now(): number };
}

type Answer = { status: number; body: string; headers?: Record<string, string> };

async function serve(
  route: (req: IncomingMessage) => Answer,
  issued: SandboxIdentity[],
  path = '',
): Promise<MetadataPeer> {
  const requests: MetadataPeer['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      const answer = route(req);
      requests.push({ method: req.method ?? '', path: req.url ?? '', status: answer.status });
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    requests,
    issued,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function session(role: MetadataRole, issued: SandboxIdentity[]): SandboxIdentity {
  const [, , , , account, resource] = role.roleArn.split(':');
  const name = (resource ?? '').split('/').at(-1) ?? '';
  const identity = role.identities.issueSession(
    {
      arn: `arn:aws:sts::${account}:assumed-role/${name}/${role.sessionName}`,
      accountId: account ?? '',
      userId: `AROAMETADATA${name.toUpperCase()}:${role.sessionName}`,
      kind: 'assumed-role',
    },
    6 * 3600,
  );
  issued.push(identity);
  return identity;
}

const json = (body: unknown): Answer => ({
  status: 200,
  body: JSON.stringify(body),
  headers: { 'content-type': 'application/json' },
});

/** IMDSv2 only: a request without a live token is refused 401, as with HttpTokens=required. */
export async function startInstanceMetadataPeer(role: MetadataRole): Promise<MetadataPeer> {
  const clock = role.clock ?? Date;
  const tokens = new Map<string, number>();
  const roleName = role.roleArn.split('/').at(-1) ?? '';
  const credentialsPath = '/latest/meta-data/iam/security-credentials/';
  const issued: SandboxIdentity[] = [];
  return serve((req) => {
    if (req.method === 'PUT' && req.url === '/latest/api/token') {
      const ttl = Number(req.headers['x-aws-ec2-metadata-token-ttl-seconds']);
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21_600) return { status: 400, body: '' };
      const token = randomBytes(32).toString('base64');
      tokens.set(token, clock.now() + ttl * 1000);
      return {
        status: 200,
        body: token,
        headers: { 'x-aws-ec2-metadata-token-ttl-seconds': String(ttl) },
      };
    }
    const token = String(req.headers['x-aws-ec2-metadata-token'] ?? '');
    if ((tokens.get(token) ?? 0) <= clock.now()) return { status: 401, body: '' };
    if (req.method !== 'GET') return { status: 405, body: '' };
    if (req.url === credentialsPath) return { status: 200, body: roleName };
    if (req.url === `${credentialsPath}${roleName}`) {
      const given = session(role, issued);
      return json({
        Code: 'Success',
        LastUpdated: isoSeconds(clock.now()),
        Type: 'AWS-HMAC',
        AccessKeyId: given.accessKeyId,
        SecretAccessKey: given.secretAccessKey,
        Token: given.sessionToken,
        Expiration: isoSeconds(given.expiresAt ?? 0),
      });
    }
    return { status: 404, body: '' };
  }, issued);
}

/** The ECS (and EKS Pod Identity) credentials endpoint: the Authorization header must match. */
export async function startContainerCredentialsPeer(
  role: MetadataRole & { authorizationToken: string },
): Promise<MetadataPeer> {
  const clock = role.clock ?? Date;
  const path = '/v2/credentials/task';
  const issued: SandboxIdentity[] = [];
  return serve(
    (req) => {
      if (req.method !== 'GET' || req.url !== path) return { status: 404, body: '' };
      if (req.headers.authorization !== role.authorizationToken) {
        return { status: 401, body: JSON.stringify({ code: 'Unauthorized' }) };
      }
      const given = session(role, issued);
      return json({
        RoleArn: role.roleArn,
        AccessKeyId: given.accessKeyId,
        SecretAccessKey: given.secretAccessKey,
        Token: given.sessionToken,
        Expiration: isoSeconds(given.expiresAt ?? clock.now()),
      });
    },
    issued,
    path,
  );
}
