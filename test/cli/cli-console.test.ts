/**
 * `appsync-workbench console`: a real process signs in through the sandbox's STS and local
 * federation peer. The sign-in URL reaches the browser command only, or stdout with --print.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { DEMO_PROFILES } from '../../main/sandbox/demo-fixture.ts';
import { forwardedUrl } from '../support/launch-page.ts';
import { cliRunner, demoCliWorld, NODE } from './cli-runner.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let secrets: string[];
let home: string;

before(async () => {
  ({ sandbox, env, secrets, home } = await demoCliWorld('cli-console', (world) => ({
    APPSYNC_WORKBENCH_FEDERATION_ENDPOINT: `${world.url}/signin/federation`,
  })));
});
after(() => sandbox.close());

const { run: cli } = cliRunner(
  () => env,
  () => secrets,
);

async function follow(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, location: response.headers.get('location') };
}

describe('appsync-workbench console', () => {
  test('--print: the sign-in URL on stdout, said to be a credential, and it logs in', async () => {
    const run = await cli(
      'console',
      '--profile',
      DEMO_PROFILES.admin,
      '--api-id',
      'demoapi123',
      '--region',
      'eu-central-1',
      '--print',
    );
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /treat it as a password/);
    const url = run.stdout.trim();
    assert.ok(url.startsWith(`${sandbox.url}/signin/federation?Action=login&`), url);
    const destination =
      'https://eu-central-1.console.aws.amazon.com/appsync/home?region=eu-central-1#/demoapi123/v1/home';
    assert.deepEqual(await follow(url), { status: 302, location: destination });
  });

  test('long-term keys go through GetFederationToken and still log in', async () => {
    const run = await cli('console', '--profile', DEMO_PROFILES.keys, '--print');
    assert.equal(run.code, 0, run.stderr);
    assert.equal((await follow(run.stdout.trim())).status, 302);
  });

  test('without --print the URL goes to the browser command only', async () => {
    // The "browser" hands the URL it was given to this test over loopback.
    const received = new Promise<string>((resolve) => {
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (chunk: Buffer) => (body += chunk.toString()));
        req.on('end', () => {
          res.end();
          server.close();
          resolve(body);
        });
      });
      server.listen(0, '127.0.0.1', async () => {
        const { port } = server.address() as AddressInfo;
        const script = join(home, 'record-browser.mjs');
        await writeFile(
          script,
          `await fetch('http://127.0.0.1:${port}/', { method: 'POST', body: process.argv[2] });\n`,
        );
        env = { ...env, BROWSER: `${NODE} ${script}` };
        const opened = await cli(
          'console',
          '--profile',
          DEMO_PROFILES.admin,
          '--service',
          'appsync',
        );
        assert.equal(opened.code, 0, opened.stderr);
        assert.equal(opened.stdout, '');
        assert.doesNotMatch(opened.stderr, /SigninToken/);
        assert.match(opened.stderr, /Opened the AWS console as "sandbox-admin"/);
      });
    });
    const page = await received;
    const url = await forwardedUrl(page);
    assert.ok(!page.includes('SigninToken'), 'the URL is on the browser command line');
    assert.ok(url.startsWith(`${sandbox.url}/signin/federation?Action=login&`), url);
    assert.equal((await follow(url)).status, 302);
  });

  test('no browser: a clear line saying how to use --print, and no URL', async () => {
    env = { ...env, BROWSER: join(home, 'no-such-browser') };
    const run = await cli('console', '--profile', DEMO_PROFILES.admin);
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /--print/);
    assert.doesNotMatch(run.stderr, /SigninToken/);
  });

  test('a federation endpoint elsewhere is refused before anything is sent', async () => {
    const saved = env;
    env = { ...env, APPSYNC_WORKBENCH_FEDERATION_ENDPOINT: 'https://example.com/federation' };
    const run = await cli('console', '--profile', DEMO_PROFILES.admin, '--print');
    env = saved;
    assert.equal(run.code, 3);
    assert.match(run.stderr, /example\.com/);
    assert.equal(run.stdout, '');
  });
});
