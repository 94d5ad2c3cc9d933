/**
 * `appsync-workbench run <collection-dir>[/<request>] [--env NAME] [--profile P] [--json]`:
 * runs one saved request or every request of a folder (depth first, in the tree's order) with
 * the collection's environment, prints one line per request and a summary, and exits non-zero
 * if any failed — so a CI job can run a collection as a smoke test. Runs go to history.
 */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import type { CollectionFolderNode } from '../../../shared/collections.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT, exitCodeFor } from '../exit-codes.ts';

const OPTIONS = {
  env: { type: 'string' },
  profile: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  /** Answers yes to the run's questions: mutations on production, signing for a non-AWS host. */
  yes: { type: 'boolean', short: 'y' },
} as const;

interface Outcome {
  id: string;
  ok: boolean;
  status: number | null;
  durationMs: number | null;
  /** Why it failed: the error code, or the first GraphQL error. */
  error: string | null;
  exitCode: number;
}

const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** The collection a path belongs to: the nearest folder up holding collection.json. */
async function collectionRoot(start: string): Promise<string | null> {
  for (let dir = start; ; dir = dirname(dir)) {
    if (await isFile(join(dir, 'collection.json'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** What the path names: a folder of requests, or one request (with or without `.graphql`). */
async function target(path: string): Promise<{ root: string; folder: string; request?: string }> {
  const absolute = resolve(path.replace(/\.(graphql|request\.json)$/, ''));
  if (await isFolder(absolute)) {
    const root = (await collectionRoot(absolute)) ?? absolute;
    return { root, folder: toId(relative(root, absolute)) };
  }
  if (await isFile(`${absolute}.graphql`)) {
    const root = (await collectionRoot(dirname(absolute))) ?? dirname(absolute);
    const id = toId(relative(root, absolute));
    return { root, folder: toId(dirname(id)), request: id };
  }
  throw new UsageError(`${path} is neither a collection folder nor a saved request.`);
}

const toId = (path: string) => (path === '.' ? '' : path.split(sep).join('/'));

function requestIds(node: CollectionFolderNode): string[] {
  return node.children.flatMap((child) =>
    child.kind === 'folder' ? requestIds(child) : [child.id],
  );
}

function findFolder(node: CollectionFolderNode, id: string): CollectionFolderNode | null {
  if (node.id === id) return node;
  for (const child of node.children) {
    if (child.kind !== 'folder') continue;
    const found = findFolder(child, id);
    if (found) return found;
  }
  return null;
}

function judge(id: string, result: RequestResultDTO): Outcome {
  const base = { id, status: result.status, durationMs: Math.round(result.timing.totalMs) };
  if (result.diagnosis) {
    return { ...base, ok: false, error: result.diagnosis.code, exitCode: EXIT.authRefused };
  }
  if (result.status === 401 || result.status === 403) {
    return { ...base, ok: false, error: `HTTP ${result.status}`, exitCode: EXIT.authRefused };
  }
  if (result.status >= 400 || result.errors.length > 0) {
    const first = result.errors[0];
    const error = first ? `${first.errorType ?? 'GraphQL error'}: ${first.message}` : null;
    return {
      ...base,
      ok: false,
      error: error ?? `HTTP ${result.status} ${result.statusText}`,
      exitCode: EXIT.graphqlErrors,
    };
  }
  return { ...base, ok: true, error: null, exitCode: EXIT.ok };
}

export async function runCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new UsageError('run takes one collection folder or request.');
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout-ms is a positive number of milliseconds.');
  const where = await target(path);

  const [{ createWorkbenchCore }, { CollectionStore }, { runSavedRequest }, { FileVault }] =
    await Promise.all([
      import('../../core/workbench-core.ts'),
      import('../../core/collections/collection-store.ts'),
      import('../../core/collections/collections-service.ts'),
      import('../../core/vault/file-vault.ts'),
    ]);
  const [{ TtyPrompter }, { RunConsent }] = await Promise.all([
    import('../tty-prompter.ts'),
    import('../../core/requests/run-consent.ts'),
  ]);
  // One run, one set of answers: a folder of mutations on production is asked about once.
  const consent = new RunConsent({ assumeYes: values.yes ?? false });
  const vault = new FileVault(cli.environment.dataDir);
  const core = createWorkbenchCore(
    cli.environment,
    {
      prompter: new TtyPrompter(cli.io.stdin, cli.io.stderr),
      // A run never signs anyone in; if a login is needed the error says so.
      opener: { open: async (url) => cli.err(`open ${url} in a browser to continue.`) },
      vault,
    },
    'cli',
  );
  const store = await CollectionStore.open(where.root, { vault, watch: false });
  const outcomes: Outcome[] = [];
  try {
    let ids: string[];
    if (where.request) ids = [where.request];
    else {
      const tree = await store.tree();
      const folder = findFolder(tree.root, where.folder);
      ids = folder ? requestIds(folder) : [];
      // A file the tree could not read (a broken sidecar, a link out of the collection) fails
      // the run instead of silently dropping out of it.
      for (const problem of tree.problems) {
        if (where.folder && !problem.file.startsWith(`${where.folder}/`)) continue;
        outcomes.push(failure(problem.file, 'COLLECTION_INVALID', problem.message));
        if (!values.json) cli.out(line(outcomes[outcomes.length - 1]!));
      }
    }
    if (ids.length === 0 && outcomes.length === 0)
      throw new UsageError(`${path} holds no saved requests.`);
    for (const id of ids) {
      if (cli.io.signal.aborted) break;
      let outcome: Outcome;
      try {
        const result = await runSavedRequest(
          store,
          id,
          {
            environment: values.env ?? null,
            ...(values.profile ? { profile: values.profile } : {}),
            ...(timeoutMs ? { timeoutMs } : {}),
            signal: cli.io.signal,
            consent,
          },
          core.requests,
          vault,
        );
        outcome = judge(id, result);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        outcome = failure(id, error.code, error.message);
      }
      outcomes.push(outcome);
      if (!values.json) cli.out(line(outcome));
    }
  } finally {
    store.close();
    await core.close();
  }

  const failed = outcomes.filter((o) => !o.ok);
  if (values.json) {
    cli.out(
      JSON.stringify({
        collection: where.root,
        environment: values.env ?? null,
        passed: outcomes.length - failed.length,
        failed: failed.length,
        results: outcomes.map(({ exitCode: _exit, ...rest }) => rest),
      }),
    );
  } else {
    cli.out(
      `${outcomes.length - failed.length} passed, ${failed.length} failed` +
        (values.env ? ` (environment ${values.env})` : ''),
    );
  }
  if (cli.io.signal.aborted) return EXIT.interrupted;
  return failed[0]?.exitCode ?? EXIT.ok;
}

function failure(id: string, code: ErrorCode, message: string): Outcome {
  const error = `${code}: ${message}`;
  return { id, ok: false, status: null, durationMs: null, error, exitCode: exitCodeFor(code) };
}

function line(outcome: Outcome): string {
  const status = outcome.status === null ? '---' : String(outcome.status);
  const time = outcome.durationMs === null ? '' : ` ${outcome.durationMs} ms`;
  const mark = outcome.ok ? 'ok  ' : 'FAIL';
  return `${mark} ${status} ${outcome.id}${time}${outcome.error ? ` — ${outcome.error}` : ''}`;
}
