import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  echoedForms,
  startEchoServer,
  type EchoServer,
} from '../core/requests/support/echo-server.ts';
import { testWorkbench } from '../support/workbench.ts';
import { makeAwsHome } from '../support/aws-home.ts';

const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKENvalue0123456789';

test('the profile payload sent to the renderer carries no secret, no token, no key id', async () => {
  const home = await makeAwsHome({
    config: '[profile temp]\nregion = eu-west-1\n',
    credentials: `[temp]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\n`,
  });
  const { router, close } = testWorkbench(home.environment());
  try {
    const listed = await router.dispatch('profiles.list', {});
    const selected = await router.dispatch('profiles.select', { name: 'temp' });
    assert.ok(listed.ok && selected.ok);
    const head = listed.value as { revision: string; first: Array<Record<string, unknown>> };
    const paged = await router.dispatch('profiles.page', { revision: head.revision, offset: 0 });
    assert.ok(paged.ok);
    assert.equal(head.first[0]?.kind, 'static', 'the fixture really is a static-keys profile');
    for (const payload of [listed, selected, paged]) {
      const wire = JSON.stringify(payload);
      assert.ok(!wire.includes(SECRET), 'secret access key crossed IPC');
      assert.ok(!wire.includes(SESSION_TOKEN), 'session token crossed IPC');
      assert.ok(!wire.includes(ACCESS_KEY_ID), 'access key id crossed IPC');
    }
  } finally {
    await close();
  }
});

test('exporting credentials puts them on the clipboard from main; the renderer gets no secret', async () => {
  const home = await makeAwsHome({
    credentials: `[temp]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\nregion = eu-west-1\n`,
  });
  const workbench = testWorkbench(home.environment());
  try {
    const answer = await workbench.router.dispatch('credentials.copyExport', {
      profile: 'temp',
      format: 'bash',
    });
    assert.deepEqual(answer, { ok: true, value: { copied: true, expiresAt: null } });
    const wire = JSON.stringify(answer);
    assert.ok(!wire.includes(SECRET) && !wire.includes(SESSION_TOKEN));
    assert.equal(workbench.clipboard.length, 1);
    assert.match(
      workbench.clipboard[0] ?? '',
      new RegExp(`export AWS_SECRET_ACCESS_KEY='${SECRET}'`),
    );
    assert.match(workbench.clipboard[0] ?? '', /export AWS_SESSION_TOKEN=/);
  } finally {
    await workbench.close();
  }
});

describe('an endpoint that echoes every secret it received, in every form', () => {
  const API_KEY = 'da2-echoed/api+key00000000001';
  const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJlY2hvIn0.c2ln+bmF0/dXJl';
  let server: EchoServer;
  let workbench: ReturnType<typeof testWorkbench>;
  let dataDir: string;

  before(async () => {
    // To a signed request it also echoes the secret key (which it never receives).
    server = await startEchoServer((headers) => (headers['x-amz-security-token'] ? [SECRET] : []));
    const home = await makeAwsHome({
      credentials: `[temp]\naws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET}\naws_session_token = ${SESSION_TOKEN}\n`,
    });
    const environment = home.environment({
      APPSYNC_WORKBENCH_KEY: API_KEY,
      AWS_SECRET_ACCESS_KEY: SECRET,
    });
    dataDir = environment.dataDir;
    workbench = testWorkbench(environment);
  });

  after(async () => {
    await workbench?.close();
    await server?.close();
  });

  const create = async (name: string, authModes: unknown[]) => {
    const created = await workbench.router.dispatch('endpoints.create', {
      endpoint: { name, url: server.url, authModes },
    });
    assert.ok(created.ok, JSON.stringify(created));
    return (created.value as { id: string }).id;
  };

  test('an endpoint naming a variable without the APPSYNC_WORKBENCH_ prefix is refused, unsent', async () => {
    const before = server.received.length;
    const leaky = await create('leaky', [
      { type: 'API_KEY', source: { from: 'env', variable: 'AWS_SECRET_ACCESS_KEY' } },
    ]);
    const answer = await workbench.router.dispatch('requests.run', {
      endpointId: leaky,
      query: '{ echo }',
    });
    assert.equal(answer.ok, false);
    assert.equal(!answer.ok && answer.error.code, 'ENV_VARIABLE_REFUSED');
    assert.match(!answer.ok ? answer.error.message : '', /APPSYNC_WORKBENCH_/);
    assert.equal(server.received.length, before, 'nothing was sent');
    assert.ok(!JSON.stringify(answer).includes(SECRET));
  });

  test('reaches neither the IPC result nor the history database', async () => {
    const iam = await create('echo iam', [
      { type: 'AWS_IAM', profile: 'temp', region: 'us-east-1' },
    ]);
    const key = await create('echo key', [
      { type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_WORKBENCH_KEY' } },
    ]);
    const oidc = await create('echo jwt', [
      { type: 'OPENID_CONNECT', source: { from: 'vault', secretRef: 'unset' } },
    ]);
    const stored = await workbench.router.dispatch('endpoints.setSecret', {
      id: oidc,
      mode: 'OPENID_CONNECT',
      value: JWT,
    });
    assert.ok(stored.ok);
    const wires: string[] = [];
    for (const endpointId of [iam, key, oidc]) {
      const answer = await workbench.router.dispatch('requests.run', {
        endpointId,
        query: '{ echo }',
      });
      assert.ok(answer.ok, JSON.stringify(answer));
      assert.equal((answer.value as { status: number }).status, 200);
      wires.push(JSON.stringify(answer));
    }
    assert.equal(server.received.length, 3, 'every request was sent');
    assert.ok(server.received[0]?.['x-amz-security-token'], 'the server got the session token');
    const listed = await workbench.router.dispatch('history.list', {});
    assert.ok(listed.ok);
    const entries = (listed.value as { groups: { entries: unknown[] }[] }).groups.flatMap(
      (g) => g.entries,
    );
    assert.equal(entries.length, 4, 'history kept the refused run and the three answered ones');
    await workbench.close();

    const files = (await readdir(dataDir)).filter((f) => f.startsWith('history'));
    assert.ok(files.length > 0, 'the history database is on disk');
    const database = (
      await Promise.all(files.map((f) => readFile(join(dataDir, f), 'latin1')))
    ).join('\n');
    for (const secret of [SESSION_TOKEN, SECRET, API_KEY, JWT]) {
      for (const form of echoedForms(secret)) {
        const spelled = [form, JSON.stringify(form).slice(1, -1)];
        for (const text of spelled) {
          for (const wire of wires) assert.ok(!wire.includes(text), `IPC: ${text.slice(0, 10)}…`);
          assert.ok(!database.includes(text), `history database: ${text.slice(0, 10)}…`);
        }
      }
    }
  });
});
