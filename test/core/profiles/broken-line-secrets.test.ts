/**
 * A broken line in an AWS file is reported by file and line and what is wrong with it, never
 * by quoting it: in the credentials file any line may hold a key, and in the config file a
 * secret- or token-looking setting (or a credential_process with a password argument) may too.
 * Checked on everything the profile methods and events send across IPC.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import { awsFilePaths, loadAwsFiles } from '../../../main/core/profiles/aws-files.ts';
import type { ConfigFileProblem } from '../../../shared/profiles.ts';
import { makeAwsHome } from '../../support/aws-home.ts';
import { testWorkbench } from '../../support/workbench.ts';

const SECRET = 'q7Vx2LmN9pR4sT1uW8yZ3aB6cD0eF5gH2jK7mP4r';
const TOKEN = 'Tk9zQ1wX8vB3nM6lK0jH4gF7dS2aP5oI9uY1tR3eW6qZ8xC0vB2nM4';
const PASSWORD = 'hunter2hunter2';
const SECRETS = [SECRET, TOKEN, PASSWORD];

/** The first run of eight characters of any secret found in `text`, or null. */
function secretRunIn(text: string): string | null {
  for (const secret of SECRETS) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const run = secret.slice(i, i + 8);
      if (text.includes(run)) return run;
    }
  }
  return null;
}

const CREDENTIALS = [
  '[broken-keys]', // 1
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', // 2
  `aws_secret_access_key ${SECRET}`, // 3: no "="
  `${SECRET}`, // 4: the key pasted on its own line
  `aws_session_token: ${TOKEN}`, // 5: ":" for "="
  `[${SECRET}`, // 6: a header without "]"
  '[quoted]', // 7
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', // 8
  `aws_secret_access_key = "${SECRET}"`, // 9: quotes kept by the SDK
  '[split]', // 10
  'aws_access_key_id = AKIAIOSFODNN7EXAMPLE', // 11
  'aws_secret_access_key =', // 12: empty value, read as nested settings
  `    ${SECRET}`, // 13
  '',
].join('\n');

const CONFIG = [
  '[profile app]', // 1
  'region = eu-west-1', // 2
  `aws_session_token ${TOKEN}`, // 3
  `my_api_token ${TOKEN}`, // 4
  `db_password ${PASSWORD}`, // 5
  `client_secret_value: ${SECRET}`, // 6
  `credential_process /usr/local/bin/creds --password ${PASSWORD}`, // 7
  `${PASSWORD}`, // 8
  '',
].join('\n');

function assertUseful(problems: ConfigFileProblem[], file: string, line: number, what: RegExp) {
  const problem = problems.find((p) => p.file === file && p.line === line);
  assert.ok(problem, `line ${line} of ${file} is reported (got ${JSON.stringify(problems)})`);
  assert.match(problem.message, what);
}

describe('broken lines in AWS files', () => {
  test('are reported by file, line and what is wrong, without their content', async () => {
    const home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const { problems } = await loadAwsFiles(awsFilePaths(home.environment()));
    const creds = home.credentialsFile;
    assertUseful(problems, creds, 3, /aws_secret_access_key.*no "="/);
    assertUseful(problems, creds, 4, /not a "key = value" line/);
    assertUseful(problems, creds, 5, /aws_session_token.*":" where "=" is needed/);
    assertUseful(problems, creds, 6, /not a section header/);
    assertUseful(problems, creds, 9, /value of aws_secret_access_key is in quotes/);
    assertUseful(problems, creds, 12, /aws_secret_access_key has no value/);
    assertUseful(problems, creds, 13, /not a "key = value" line/);
    for (const line of [3, 4, 5, 6, 7, 8]) {
      assertUseful(problems, home.configFile, line, /not a "key = value" line|no "="|":"/);
    }
    assertUseful(problems, home.configFile, 3, /aws_session_token/);
    assertUseful(problems, home.configFile, 7, /credential_process/);
    assert.equal(secretRunIn(JSON.stringify(problems)), null, JSON.stringify(problems, null, 1));
  });

  test('nothing the profile methods and events send to the renderer quotes them', async () => {
    const home = await makeAwsHome({ config: CONFIG, credentials: CREDENTIALS });
    const workbench = testWorkbench(home.environment());
    const events: unknown[] = [];
    const stop = workbench.router.onEvent((event, payload) => events.push({ event, payload }));
    try {
      const answers = [
        await workbench.router.dispatch('profiles.list', {}),
        await workbench.router.dispatch('profiles.select', { name: 'broken-keys' }),
        await workbench.router.dispatch('profiles.pin', { name: 'split', pinned: true }),
        await workbench.router.dispatch('credentials.chain', { profile: 'broken-keys' }),
      ];
      assert.ok(answers.every((answer) => answer.ok));
      // An edit adds one more broken line; the change event must carry it, unquoted too.
      const changed = new Promise<void>((resolve) => {
        const off = workbench.router.onEvent((event, payload) => {
          const list = payload as { problems?: ConfigFileProblem[] };
          if (event === 'profiles.changed' && list.problems?.some((p) => p.line === 9)) {
            off();
            resolve();
          }
        });
      });
      await writeFile(home.configFile, `${CONFIG}aws_secret_access_key ${SECRET}\n`);
      await changed;
      const wire = JSON.stringify({ answers, events });
      assert.equal(secretRunIn(wire), null);
    } finally {
      stop();
      await workbench.close();
    }
  });
});
