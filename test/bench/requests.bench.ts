/**
 * Requests engine figures, printed as ratios measured in the same run:
 * - core overhead per request with cached credentials (sign + send + parse) vs a raw unsigned
 *   request to the same local endpoint (target: p50 overhead < 0.2 ms), the target's figure taken
 *   with the two requests in turns;
 * - 100 signed requests at once over the service's one keep-alive pool, each recorded in history
 *   as the CLI's `run` records it: errors, connections opened, runs found in history;
 * - SigV4 signing throughput vs botocore's SigV4Auth on the same requests (python3 subprocess),
 *   and as a fraction of this machine's HMAC-SHA256 limit (node:crypto createHmac in a tight
 *   loop, same run: a signature with a cached signing key is one HMAC plus two SHA-256s).
 * Run: node_modules/.bin/node test/bench/requests.bench.ts
 */
import { execFileSync } from 'node:child_process';
import { createHmac, createSecretKey } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HistoryRepository } from '../../main/core/history/history-repository.ts';
import { HistoryWiring } from '../../main/core/history/history-wiring.ts';
import { RequestService } from '../../main/core/requests/request-service.ts';
import { signRequest } from '../../main/core/requests/sigv4-signer.ts';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import { StaticCredentialSource } from '../core/requests/support/static-credential-source.ts';
import { makeTempDir } from '../support/web-host-process.ts';

const N = Number(process.env.BENCH_N ?? 2000);
const CREDS = {
  accessKeyId: 'AKIDBENCH',
  secretAccessKey: 'bench-secret-0000000000000000000000000000',
  sessionToken: 'bench-token-000000000000000000000000000000000000',
};

const answer = JSON.stringify({
  data: { listNotes: { items: [{ id: '1', title: 'hello' }], nextToken: null } },
});
const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(answer);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const query = 'query List { listNotes(limit: 10) { items { id title } nextToken } }';

/** Mean and median ms per request. */
async function time(label: string, fn: () => Promise<unknown>): Promise<[number, number]> {
  for (let i = 0; i < 200; i++) await fn(); // warm-up: JIT, keep-alive sockets
  const samples: number[] = [];
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  const perRequest = (performance.now() - start) / N;
  const p50 = samples.sort((a, b) => a - b)[samples.length >> 1]!;
  console.log(
    `${label.padEnd(44)} ${(perRequest * 1000).toFixed(1).padStart(8)} µs/request mean, p50 ${(p50 * 1000).toFixed(1)} µs`,
  );
  return [perRequest, p50];
}

const [rawFetch, rawP50] = await time('raw unsigned fetch', async () => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  await response.json();
});
// The leanest raw request: node:http over one keep-alive socket, no signing, no parsing.
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const body = JSON.stringify({ query });
const rawHttp = () =>
  new Promise<void>((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
      (answer) => {
        answer.resume();
        answer.on('end', () => resolve());
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
const [, rawHttpP50] = await time('raw unsigned node:http, keep-alive', rawHttp);
const dataDir = await makeTempDir('bench');
const service = new RequestService({
  environment: { env: {}, homeDir: dataDir, dataDir },
  credentials: new StaticCredentialSource({ bench: { credentials: [CREDS] } }),
  vault: new FileVault(dataDir),
});
const signed = () =>
  service.run({ url, auth: { type: 'AWS_IAM', profile: 'bench', region: 'us-east-1' }, query });
const [core, coreP50] = await time('core: resolve (cached) + sign + send + parse', signed);
const overheadP50 = coreP50 - Math.min(rawP50, rawHttpP50);
console.log(
  `core overhead vs the faster raw request, run after it: p50 ${(overheadP50 * 1000).toFixed(1)} µs per request; vs raw fetch: mean ${((core - rawFetch) * 1000).toFixed(1)} µs, ratio ${(core / rawFetch).toFixed(2)}×`,
);

// The figure for the target: the same two requests taken in turns, so that both meet the same
// load on the machine (run one after the other, a change in load lands on one side only).
const turns = { raw: [] as number[], signed: [] as number[] };
for (let i = 0; i < N; i++) {
  for (const side of i % 2 ? (['raw', 'signed'] as const) : (['signed', 'raw'] as const)) {
    const t = performance.now();
    await (side === 'raw' ? rawHttp() : signed());
    turns[side].push(performance.now() - t);
  }
}
agent.destroy();
const median = (samples: number[]) => samples.sort((a, b) => a - b)[samples.length >> 1]!;
const turnsOverhead = median(turns.signed) - median(turns.raw);
console.log(
  `signed-request overhead, taken in turns with raw node:http: p50 ${(turnsOverhead * 1000).toFixed(1)} µs per request (${(median(turns.signed) * 1000).toFixed(1)} vs ${(median(turns.raw) * 1000).toFixed(1)} µs; target < 200 µs) — meets target: ${turnsOverhead < 0.2 ? 'yes' : 'no'}`,
);

const CONCURRENT = 100;
let connections = 0;
server.on('connection', () => connections++);
await service.transport.close(); // a fresh pool: every connection below is one it opened
const history = HistoryRepository.open(dataDir);
const notRecorded: unknown[] = [];
const wiring = new HistoryWiring({
  source: 'cli',
  history: () => history,
  accountOf: () => null,
  onFailure: (error) => notRecorded.push(error),
});
wiring.requests(service);
const burstStart = performance.now();
const outcomes = await Promise.allSettled(
  Array.from({ length: CONCURRENT }, (_, i) =>
    service.run({
      url,
      auth: { type: 'AWS_IAM', profile: 'bench', region: 'us-east-1' },
      query,
      operationName: 'List',
      variables: { i },
    }),
  ),
);
const burstMs = performance.now() - burstStart;
await wiring.settled();
const failed = outcomes.filter((o) => o.status === 'rejected' || o.value.status !== 200).length;
const recorded = history.list({ limit: 500 }).groups.reduce((n, g) => n + g.entries.length, 0);
history.close();
console.log(
  `${CONCURRENT} signed requests at once over one keep-alive pool: ${failed} failed, ${connections} connections, ${burstMs.toFixed(0)} ms; ${recorded} of ${CONCURRENT} in history${notRecorded.length ? ` (${notRecorded.length} not recorded)` : ''} — meets target: ${failed === 0 && recorded === CONCURRENT ? 'yes' : 'no'}`,
);
await service.transport.close();
server.close();

// Signing alone: the same SIGN_N requests in both signers, each in its own process, in PASSES
// passes: the first is cold (ours still in V8's interpreter and baseline tiers), the best of the
// others is the steady-state throughput — the figure; best-of damps other load on the machine
// for both sides alike. botocore has no JIT, so its passes differ only by noise.
const SIGN_N = Number(process.env.BENCH_SIGN_N ?? 10000);
const PASSES = 4;
const bodies = Array.from({ length: SIGN_N }, (_, i) =>
  JSON.stringify({ query, variables: { i } }),
);
const target = new URL(
  'https://abcdefghijklmnopqrstuvwxyz.appsync-api.us-east-1.amazonaws.com/graphql',
);
async function signAllPerSecond(): Promise<number> {
  const start = performance.now();
  for (const body of bodies) {
    await signRequest(
      {
        method: 'POST',
        url: target,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(body),
      },
      { credentials: CREDS, region: 'us-east-1', service: 'appsync', signingDate: new Date() },
    );
  }
  return SIGN_N / ((performance.now() - start) / 1000);
}
/** HMAC-SHA256 of one canonical string's size, as fast as node:crypto goes: the ceiling. */
function hmacsPerSecond(): number {
  const key = createSecretKey(Buffer.alloc(32, 7));
  const message =
    'AWS4-HMAC-SHA256\n20250101T000000Z\n20250101/us-east-1/appsync/aws4_request\n' +
    'f'.repeat(64);
  const start = performance.now();
  for (let i = 0; i < SIGN_N; i++) createHmac('sha256', key).update(message).digest('hex');
  return SIGN_N / ((performance.now() - start) / 1000);
}
const ours: number[] = [];
const hmacs: number[] = [];
for (let pass = 0; pass < PASSES; pass++) {
  ours.push(await signAllPerSecond());
  hmacs.push(hmacsPerSecond());
}
const python = `
import json, sys, time
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
bodies = json.load(sys.stdin)
creds = Credentials(${JSON.stringify(CREDS.accessKeyId)}, ${JSON.stringify(CREDS.secretAccessKey)}, ${JSON.stringify(CREDS.sessionToken)})
url = ${JSON.stringify(target.href)}
def per_second():
    start = time.perf_counter()
    for body in bodies:
        request = AWSRequest(method='POST', url=url, data=body, headers={'content-type': 'application/json'})
        SigV4Auth(creds, 'appsync', 'us-east-1').add_auth(request)
    return len(bodies) / (time.perf_counter() - start)
print(json.dumps([per_second() for _ in range(${PASSES})]))
`;
let botocore = Array.from({ length: PASSES }, () => Number.NaN);
try {
  botocore = JSON.parse(
    execFileSync('python3', ['-c', python], { input: JSON.stringify(bodies) }).toString(),
  ) as number[];
} catch (error) {
  console.log(`botocore baseline unavailable: ${(error as Error).message.split('\n')[0]}`);
}
const rate = (perSecond: number) =>
  `${perSecond.toFixed(0)}/s (${(1e6 / perSecond).toFixed(1)} µs each)`;
const passes = (rates: number[]) => ({ cold: rates[0]!, warm: Math.max(...rates.slice(1)) });
const [o, b] = [passes(ours), passes(botocore)];
console.log(
  `signing ${SIGN_N} requests, cold pass: ours ${rate(o.cold)}, botocore SigV4Auth ${rate(b.cold)} → ${(o.cold / b.cold).toFixed(1)}×`,
);
console.log(
  `signing ${SIGN_N} requests, warm (best of ${PASSES - 1}): ours ${rate(o.warm)}, botocore SigV4Auth ${rate(b.warm)} → ${(o.warm / b.warm).toFixed(1)}× (target ≥ 5×)`,
);
const limit = Math.max(...hmacs.slice(1));
console.log(
  `signing vs this machine's HMAC-SHA256 limit (${rate(limit)}): ours is ${((o.warm / limit) * 100).toFixed(0)}% of one bare HMAC per signature`,
);
