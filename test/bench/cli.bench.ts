/**
 * `appsync-workbench query` end to end (process start included) vs a Python script doing the
 * same signed request with botocore + urllib, against the same local sandbox, in one run.
 * Run: node_modules/.bin/node test/bench/cli.bench.ts (CLI_BIN=<path> measures another build, e.g. a bundle)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoAwsFiles } from '../../main/sandbox/demo-fixture.ts';
import { startSandbox } from '../../main/sandbox/sandbox-server.ts';
import { makeTempDir } from '../support/web-host-process.ts';

// Async: the sandbox answers from this process, so a synchronous spawn would block it.
const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const sandbox = await startSandbox();
const home = await makeTempDir('cli-bench');
const files = await writeDemoAwsFiles(join(home, 'aws'), {
  endpointUrl: sandbox.url,
  fixture: sandbox.demo,
});
const env = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: home,
  APPSYNC_WORKBENCH_DATA_DIR: join(home, 'data'),
  AWS_CONFIG_FILE: files.configFile,
  AWS_SHARED_CREDENTIALS_FILE: files.credentialsFile,
};
const query = '{ whoami { arn } }';
const python = `
import json, urllib.request, botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
session = botocore.session.Session(profile='sandbox-keys')
body = json.dumps({'query': ${JSON.stringify(query)}})
request = AWSRequest(method='POST', url=${JSON.stringify(sandbox.graphqlUrl)}, data=body, headers={'content-type': 'application/json'})
SigV4Auth(session.get_credentials(), 'appsync', 'us-east-1').add_auth(request)
prepared = request.prepare()
with urllib.request.urlopen(urllib.request.Request(prepared.url, data=body.encode(), headers=dict(prepared.headers), method='POST')) as response:
    print(response.read().decode())
`;

async function time(label: string, command: string, args: string[]): Promise<number> {
  await run(command, args, { env }); // warm the file cache
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) {
    const out = (await run(command, args, { env })).stdout;
    if (!out.includes('sandbox-demo')) throw new Error(`${label} did not get the answer: ${out}`);
  }
  const each = (performance.now() - start) / RUNS;
  console.log(`${label.padEnd(36)} ${each.toFixed(0).padStart(6)} ms per run`);
  return each;
}

const ours = await time('appsync-workbench query', join(ROOT, 'node_modules/.bin/node'), [
  process.env.CLI_BIN ?? join(ROOT, 'main/cli/bin.mjs'),
  'query',
  sandbox.graphqlUrl,
  '--profile',
  'sandbox-keys',
  '--query',
  query,
]);
const theirs = await time('python3 botocore + urllib', 'python3', ['-c', python]);
console.log(
  `CLI end to end: ${(theirs / ours).toFixed(2)}× the Python script's speed (target ≥ 3×)`,
);
await sandbox.close();
