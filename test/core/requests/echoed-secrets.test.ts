/**
 * A hostile endpoint echoes every secret a run used, in every form; none of it reaches the
 * result the renderer gets or the record history keeps.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { RequestService, type CompletedRun } from '../../../main/core/requests/request-service.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { echoedForms, startEchoServer, type EchoServer } from './support/echo-server.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const TEMP = {
  accessKeyId: 'ASIATEMP000000000001',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCY+EXAMPLEKEY',
  sessionToken: 'IQoJb3JpZ2luX2VjE+/session/token+value==',
};
const API_KEY = 'da2-api/key+value0000000001';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln+bmF0/dXJl';

let server: EchoServer;
let service: RequestService;
const runs: CompletedRun[] = [];

before(async () => {
  // To a signed request the server also echoes the secret key (which it never receives).
  server = await startEchoServer((headers) =>
    headers['x-amz-security-token'] ? [TEMP.secretAccessKey] : [],
  );
  const dataDir = await makeTempDir('echoed-secrets');
  const vault = new FileVault(dataDir);
  await vault.put('jwt', JWT);
  service = new RequestService({
    environment: { env: { APPSYNC_WORKBENCH_KEY: API_KEY }, homeDir: dataDir, dataDir },
    credentials: new StaticCredentialSource({ temp: { credentials: [TEMP] } }),
    vault,
  });
  service.on('completed', (run) => runs.push(run));
});

after(async () => {
  await service.transport.close();
  await server.close();
});

function assertNoForm(value: unknown, secrets: string[], where: string) {
  const text = JSON.stringify(value);
  for (const secret of secrets) {
    for (const form of echoedForms(secret)) {
      // JSON.stringify escapes backslashes once more: look for both spellings.
      for (const spelled of [form, JSON.stringify(form).slice(1, -1)]) {
        assert.ok(!text.includes(spelled), `${where}: ${spelled.slice(0, 12)}… leaked`);
      }
    }
  }
}

/** Each mode with the secrets its run uses. */
const modes = {
  AWS_IAM: [
    { type: 'AWS_IAM', profile: 'temp', region: 'us-east-1' },
    [TEMP.secretAccessKey, TEMP.sessionToken],
  ],
  API_KEY: [
    { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_WORKBENCH_KEY' } },
    [API_KEY],
  ],
  OPENID_CONNECT: [{ type: 'OPENID_CONNECT', source: { from: 'vault', secretRef: 'jwt' } }, [JWT]],
} as const;

for (const [name, [auth, used]] of Object.entries(modes)) {
  test(`${name}: an answer echoing the secrets in every form reaches neither result nor history`, async () => {
    const before = server.received.length;
    const result = await service.run({ url: server.url, auth, query: '{ echo }' });
    assert.equal(server.received.length, before + 1, 'the request was sent');
    assert.equal(result.status, 200);
    assert.ok(result.bodyIsJson, 'the scrubbed body is still JSON');
    assert.ok(Object.keys(result.headers).some((h) => h.startsWith('x-echo-')));
    assertNoForm(result, [...used], 'result');
    assertNoForm(runs.at(-1), [...used], 'history record');
  });
}
