/**
 * The questions main asks before a run, wherever it starts: a mutation on production (a
 * production-tagged profile or endpoint) and IAM signing for a host that is not AWS's. Real
 * settings file, real vault, real endpoint store, a local endpoint; only the person is a fake.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { EndpointStore } from '../../../main/core/endpoints/endpoint-store.ts';
import { RealtimeService } from '../../../main/core/realtime/realtime-service.ts';
import type { Prompter } from '../../../main/core/ports.ts';
import { RequestService, type RunRequest } from '../../../main/core/requests/request-service.ts';
import { RunConsent } from '../../../main/core/requests/run-consent.ts';
import { SettingsStore } from '../../../main/core/settings/settings-store.ts';
import { FileVault } from '../../../main/core/vault/file-vault.ts';
import type { AppError } from '../../../shared/errors.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { startEchoServer, type EchoServer } from './support/echo-server.ts';
import { StaticCredentialSource } from './support/static-credential-source.ts';

const KEYS = {
  accessKeyId: 'ASIAGUARD00000000001',
  secretAccessKey: 'guard-secret-key-value-000000000000001',
  sessionToken: 'guard-session-token-value-0000000000001',
};

/** A person who answers the questions in order, and whose questions the test reads. */
class AnsweringPerson implements Prompter {
  readonly asked: string[] = [];
  readonly #answers: boolean[];
  constructor(...answers: boolean[]) {
    this.#answers = answers;
  }
  async confirm(message: string): Promise<boolean> {
    this.asked.push(message);
    const answer = this.#answers.shift();
    if (answer === undefined) throw new Error(`asked more than expected: ${message}`);
    return answer;
  }
  async mfaCode(): Promise<string> {
    throw new Error('no MFA here');
  }
  showDeviceCode(): void {}
}

let server: EchoServer;
let dataDir: string;
let endpoints: EndpointStore;
const services: RequestService[] = [];

before(async () => {
  server = await startEchoServer();
  dataDir = await makeTempDir('run-guards');
  endpoints = new EndpointStore(dataDir, new FileVault(dataDir));
});

after(async () => {
  for (const service of services) await service.transport.close();
  await server.close();
});

function service(person: Prompter, env: Record<string, string> = {}) {
  const created = new RequestService({
    environment: {
      env: { APPSYNC_WORKBENCH_KEY: 'da2-guardkey000000000001', ...env },
      homeDir: dataDir,
      dataDir,
    },
    credentials: new StaticCredentialSource({
      'orders-prod': { credentials: [KEYS] },
      'orders-dev': { credentials: [KEYS] },
    }),
    vault: new FileVault(dataDir),
    endpoints,
    prompter: person,
    settings: new SettingsStore(dataDir),
  });
  services.push(created);
  return created;
}

const refusal = (code: string) => (error: AppError) => {
  assert.equal(error.code, code, error.message);
  return true;
};

const MUTATION = 'mutation Add { add }';
const iamRun = (profile: string, query = MUTATION): RunRequest => ({
  url: server.url,
  auth: { type: 'AWS_IAM', profile, region: 'us-east-1' },
  query,
});

describe('a mutation on production asks first, in main', () => {
  test('a production-tagged profile: declined sends nothing, confirmed runs', async () => {
    const person = new AnsweringPerson(false, true);
    const requests = service(person);
    const sent = server.received.length;
    await assert.rejects(requests.run(iamRun('orders-prod')), refusal('PRODUCTION_DECLINED'));
    assert.equal(server.received.length, sent, 'nothing was sent');
    assert.match(person.asked[0] ?? '', /profile orders-prod, tagged production/);
    const result = await requests.run(iamRun('orders-prod'));
    assert.equal(result.status, 200);
    assert.equal(server.received.length, sent + 1);
  });

  test('queries, and mutations elsewhere, never ask', async () => {
    const requests = service(new AnsweringPerson());
    await requests.run(iamRun('orders-prod', 'query Q { q }'));
    await requests.run(iamRun('orders-dev'));
  });

  test('the operation that runs decides, not the first in the document', async () => {
    const person = new AnsweringPerson(false);
    const requests = service(person);
    const document = 'query Read { q }\nmutation Write { w }';
    await requests.run({ ...iamRun('orders-prod', document), operationName: 'Read' });
    await assert.rejects(
      requests.run({ ...iamRun('orders-prod', document), operationName: 'Write' }),
      refusal('PRODUCTION_DECLINED'),
    );
    assert.equal(person.asked.length, 1);
  });

  test('a production-tagged endpoint name asks too, whatever its auth mode', async () => {
    const endpoint = await endpoints.create({
      name: 'Orders (prod)',
      url: server.url,
      authModes: [{ type: 'API_KEY', source: { from: 'env', variable: 'APPSYNC_WORKBENCH_KEY' } }],
    });
    const person = new AnsweringPerson(false);
    await assert.rejects(
      service(person).run({ endpointId: endpoint.id, query: MUTATION }),
      refusal('PRODUCTION_DECLINED'),
    );
    assert.match(person.asked[0] ?? '', /endpoint Orders \(prod\)/);
  });

  test('one run of many requests (a collection run) asks once', async () => {
    const person = new AnsweringPerson(true);
    const requests = service(person);
    const consent = new RunConsent();
    for (let i = 0; i < 3; i++) await requests.run(iamRun('orders-prod'), { consent });
    assert.equal(person.asked.length, 1);

    const declining = new AnsweringPerson(false);
    const declined = new RunConsent();
    const sent = server.received.length;
    for (let i = 0; i < 3; i++) {
      await assert.rejects(
        service(declining).run(iamRun('orders-prod'), { consent: declined }),
        refusal('PRODUCTION_DECLINED'),
      );
    }
    assert.equal(declining.asked.length, 1, 'a declined run is not asked again per request');
    assert.equal(server.received.length, sent);
  });

  test('--yes (assumeYes) runs without asking; no one to ask refuses', async () => {
    await service(new AnsweringPerson()).run(iamRun('orders-prod'), {
      consent: new RunConsent({ assumeYes: true }),
    });
    const alone = new RequestService({
      environment: { env: {}, homeDir: dataDir, dataDir },
      credentials: new StaticCredentialSource({ 'orders-prod': { credentials: [KEYS] } }),
      vault: new FileVault(dataDir),
    });
    services.push(alone);
    await assert.rejects(alone.run(iamRun('orders-prod')), refusal('PRODUCTION_DECLINED'));
  });
});

describe('IAM signing for a host that is not AWS asks once per endpoint', () => {
  // The request really goes out: through the local server acting as the HTTP proxy.
  const proxied = () => ({ HTTP_PROXY: server.proxyUrl });
  const custom: RunRequest = {
    url: 'http://graphql.orders.example/graphql',
    auth: { type: 'AWS_IAM', profile: 'orders-dev', region: 'us-east-1' },
    query: '{ q }',
  };

  test('declined: refused with a clear code, the session token never leaves', async () => {
    const person = new AnsweringPerson(false, false);
    const requests = service(person, proxied());
    const sent = server.received.length;
    await assert.rejects(requests.run(custom), refusal('SIGNING_HOST_DECLINED'));
    // A no is not kept: the next run asks again.
    await assert.rejects(requests.run(custom), refusal('SIGNING_HOST_DECLINED'));
    assert.equal(person.asked.length, 2);
    assert.match(person.asked[0] ?? '', /graphql\.orders\.example .*not an AWS endpoint/);
    assert.equal(server.received.length, sent, 'nothing was sent');
  });

  test('allowed once: sent, and remembered in the settings for later runs and restarts', async () => {
    const person = new AnsweringPerson(true);
    const sent = server.received.length;
    const result = await service(person, proxied()).run(custom);
    assert.equal(result.status, 200);
    assert.equal(server.received.at(-1)?.host, 'graphql.orders.example');
    assert.equal(server.received.length, sent + 1);
    // A new engine over the same settings file (the app restarted) does not ask.
    await service(new AnsweringPerson(), proxied()).run(custom);
    const saved = await new SettingsStore(dataDir).get();
    assert.deepEqual(saved.approvedSigningHosts, ['url:http://graphql.orders.example']);
  });

  test('a subscription asks too, before any socket opens', async () => {
    const person = new AnsweringPerson(false);
    const realtime = new RealtimeService({
      env: {},
      credentials: new StaticCredentialSource({ 'orders-dev': { credentials: [KEYS] } }),
      vault: new FileVault(dataDir),
      prompter: person,
      settings: new SettingsStore(dataDir),
    });
    await assert.rejects(
      realtime.subscribe({
        graphqlUrl: 'https://events.orders.example/graphql',
        auth: { type: 'AWS_IAM', profile: 'orders-dev', region: 'us-east-1' },
        query: 'subscription { onAdd { id } }',
      }),
      refusal('SIGNING_HOST_DECLINED'),
    );
    assert.equal(person.asked.length, 1);
    assert.equal(realtime.openSockets(), 0);
  });

  test('AWS endpoints and this machine never ask', async () => {
    const requests = service(new AnsweringPerson(), proxied());
    await requests.run({ ...custom, url: server.url });
    for (const url of [
      'http://abc.appsync-api.us-east-1.amazonaws.com/graphql',
      'http://localhost/graphql',
    ]) {
      const result = await requests.run({ ...custom, url });
      assert.equal(result.status, 200, url);
    }
  });

  test("AWS hosts that run their owner's code with every header (function URLs, API Gateway) ask", async () => {
    const person = new AnsweringPerson(false, false);
    const requests = service(person, proxied());
    for (const url of [
      'http://abc.lambda-url.us-east-1.on.aws/graphql',
      'http://abc123.execute-api.eu-west-1.amazonaws.com/prod/graphql',
    ]) {
      await assert.rejects(requests.run({ ...custom, url }), refusal('SIGNING_HOST_DECLINED'), url);
    }
    assert.equal(person.asked.length, 2);
  });
});
