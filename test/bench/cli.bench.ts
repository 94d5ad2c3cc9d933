/**
 * Start-up: `query` (static keys, the local sandbox), `profiles` and `whoami` as whole
 * processes against `node -e 0` on the same Node in the same run (target: each ≤ 1.5× it), and
 * against the floor: query-floor.mjs, the least a signed query has to do in Node.
 *
 * `appsync-workbench query` end to end (process start included) vs a Python script doing the
 * same signed request with botocore + requests (the baseline: the way AppSync users script
 * it), against the same local sandbox, in one run; botocore + urllib is printed too, as a leaner
 * baseline. The runs alternate so that other load on the machine hits all of them alike;
 * medians are compared.
 * Run: node scripts/build-cli.ts && node_modules/.bin/node test/bench/cli.bench.ts [--start-only]
 * (CLI_BIN=<path> measures another entry point; BENCH_RUNS=<n> the runs per contender.)
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cliBundleIsFresh, demoCliWorld } from '../cli/cli-runner.ts';

// Async: the sandbox answers from this process, so a synchronous spawn would block it.
const run = promisify(execFile);
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// The sandbox and a HOME whose AWS files are its demo profiles, as the CLI tests use.
const { sandbox, env } = await demoCliWorld('cli-bench');
const query = '{ whoami { arn } }';
const pythonRequests = `
import json, requests, botocore.session
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
session = botocore.session.Session(profile='sandbox-keys')
body = json.dumps({'query': ${JSON.stringify(query)}})
request = AWSRequest(method='POST', url=${JSON.stringify(sandbox.graphqlUrl)}, data=body, headers={'content-type': 'application/json'})
SigV4Auth(session.get_credentials(), 'appsync', 'us-east-1').add_auth(request)
print(requests.post(request.url, data=body.encode(), headers=dict(request.headers)).text)
`;
const pythonUrllib = `
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

interface Contender {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  times: number[];
  /** What its output must hold (default: the sandbox's answer). */
  expect?: string;
}

async function once(contender: Contender): Promise<number> {
  const start = performance.now();
  const out = (await run(contender.command, contender.args, { env: contender.env })).stdout;
  const elapsed = performance.now() - start;
  if (!out.includes(contender.expect ?? 'sandbox-demo'))
    throw new Error(`${contender.label} did not get the answer: ${out}`);
  return elapsed;
}

async function measure(contenders: Contender[]): Promise<number[]> {
  for (const contender of contenders) await once(contender); // warm file and compile caches
  for (let i = 0; i < RUNS; i++) {
    for (const contender of contenders) contender.times.push(await once(contender));
  }
  for (const { label, times } of contenders) {
    console.log(
      `${label.padEnd(44)} median ${median(times).toFixed(0).padStart(4)} ms, best ${Math.min(
        ...times,
      )
        .toFixed(0)
        .padStart(4)} ms (${RUNS} runs)`,
    );
  }
  return contenders.map((c) => median(c.times));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const bin = process.env.CLI_BIN ?? join(ROOT, 'main/cli/bin.mjs');
const cliArgs = [bin, 'query', sandbox.graphqlUrl, '--profile', 'sandbox-keys', '--query', query];
const node = join(ROOT, 'node_modules/.bin/node');
const bundled = cliBundleIsFresh();
if (!bundled) console.log('(no fresh bundle: run node scripts/build-cli.ts first)');

// Start-up against a bare Node process; the runs alternate so load hits all of them alike.
const command = (label: string, args: string[], expect: string): Contender => ({
  label,
  command: node,
  args: [bin, ...args],
  env,
  times: [],
  expect,
});
const [bare, ...starts] = await measure([
  { label: 'node -e 0', command: node, args: ['-e', '0'], env, times: [], expect: '' },
  command('appsync-workbench query (static keys)', cliArgs.slice(1), 'sandbox-demo'),
  command('appsync-workbench profiles', ['profiles'], 'sandbox-keys'),
  command('appsync-workbench whoami', ['whoami', '--profile', 'sandbox-keys'], 'sandbox-demo'),
  {
    label: 'floor: a bare signed query (query-floor.mjs)',
    command: node,
    args: [join(ROOT, 'test/bench/query-floor.mjs'), sandbox.graphqlUrl, query],
    env,
    times: [],
  },
]);
for (const [name, ms] of [
  ['query', starts[0]!],
  ['profiles', starts[1]!],
  ['whoami', starts[2]!],
] as const) {
  const ratio = ms / bare!;
  console.log(
    `start, ${name.padEnd(8)} ${ratio.toFixed(2)}× node -e 0 (${ms.toFixed(0)} vs ${bare!.toFixed(0)} ms; target ≤ 1.5×) — meets target: ${ratio <= 1.5 ? 'yes' : 'no'}`,
  );
}
// The floor: the same signed request, history row and output with nothing else (no options, no
// checks, no profile model), in the same Node. A target under it cannot be met by a Node CLI.
const floor = starts[3]!;
console.log(
  `floor, query ${(floor / bare!).toFixed(2)}× node -e 0 (${floor.toFixed(0)} ms); appsync-workbench query is ${(starts[0]! / floor).toFixed(2)}× the floor`,
);
if (process.argv.includes('--start-only')) {
  await sandbox.close();
  process.exit(0);
}

const contenders: Contender[] = [
  {
    label: `appsync-workbench query${bundled ? ', dist/cli bundle' : ' (bundle missing or stale)'}`,
    command: node,
    args: cliArgs,
    env,
    times: [],
  },
  {
    label: 'python3 botocore + requests',
    command: 'python3',
    args: ['-c', pythonRequests],
    env,
    times: [],
  },
  {
    label: 'python3 botocore + urllib',
    command: 'python3',
    args: ['-c', pythonUrllib],
    env,
    times: [],
  },
  {
    label: 'appsync-workbench query, .ts sources',
    command: node,
    args: cliArgs,
    env: { ...env, APPSYNC_WORKBENCH_SOURCES: '1' },
    times: [],
  },
];
const [ours, withRequests, withUrllib, sources] = (await measure(contenders)) as [
  number,
  number,
  number,
  number,
];
console.log(
  `CLI end to end: ${(withRequests / ours).toFixed(2)}× a botocore + requests script (target ≥ 3×); ` +
    `${(withUrllib / ours).toFixed(2)}× a leaner botocore + urllib one; from .ts sources ${(withRequests / sources).toFixed(2)}×`,
);
await sandbox.close();
