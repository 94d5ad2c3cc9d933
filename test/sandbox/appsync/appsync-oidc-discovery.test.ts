/**
 * An OPENID_CONNECT provider configured by issuer URL only, as on AppSync: the sandbox finds the
 * keys through the issuer's discovery document, the way it will with a local oidc-provider.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { startSandbox, type Sandbox } from '../../../main/sandbox/sandbox-server.ts';
import { graphqlBody, send } from './appsync-test-client.ts';

let issuerServer: Server;
let issuer: string;
let key: CryptoKey;
let sandbox: Sandbox;
const served: string[] = [];

before(async () => {
  const pair = await generateKeyPair('ES256');
  key = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  issuerServer = createServer((req, res) => {
    served.push(req.url ?? '');
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    } else if (req.url === '/keys') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.writeHead(404).end('{}');
    }
  });
  await new Promise<void>((resolve) => issuerServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(issuerServer.address() as AddressInfo).port}`;
  sandbox = await startSandbox({ jwt: { openid: { issuer, clientId: 'cli' } } });
});
after(async () => {
  await sandbox.close();
  await new Promise<void>((resolve) => issuerServer.close(() => resolve()));
});

test('a token from an issuer configured by URL alone is verified through discovery', async () => {
  const token = await new SignJWT({ sub: 'u1' })
    .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience('cli')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(key);
  const reply = await send(sandbox.graphqlUrl, {
    headers: { authorization: token },
    body: graphqlBody('{ whoami { authMode sub issuer } }'),
  });
  assert.equal(reply.status, 200, reply.text);
  assert.deepEqual(reply.json.data.whoami, { authMode: 'OPENID_CONNECT', sub: 'u1', issuer });
  assert.deepEqual(served.slice(0, 2), ['/.well-known/openid-configuration', '/keys']);
});
