/**
 * `appsync-workbench run <collection-dir>[/<request>] [--env NAME] [--profile P] [--json]
 * [--var k=v]… [--data rows.csv] [--bail] [--reporter junit|json|html <file>]…`: runs one saved
 * request or every request of a folder (in the collection's `order`, then depth first in the
 * tree's order) with the collection's environment, one progress line per request with its
 * checks, a summary, and a non-zero exit if anything failed — so a CI job can run a collection
 * as its test suite. Runs go to history.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../../shared/errors.ts';
import { reportCounts } from '../../../shared/request-tests.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';
import { failure, judge, line, type Outcome } from './run-outcome.ts';
import { REPORTERS, writeReports, type ReporterKind } from './run-reports.ts';
import { findFolder, requestIds, runTarget } from './run-target.ts';

const OPTIONS = {
  env: { type: 'string' },
  profile: { type: 'string' },
  'timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  /** Answers yes to the run's questions: mutations on production, signing for a non-AWS host. */
  yes: { type: 'boolean', short: 'y' },
  var: { type: 'string', multiple: true },
  data: { type: 'string' },
  bail: { type: 'boolean' },
} as const;

/** `--reporter <kind> <file>` takes two values, which parseArgs cannot: they are taken first. */
function takeReporters(args: string[]): {
  rest: string[];
  reporters: { kind: ReporterKind; file: string }[];
} {
  const rest: string[] = [];
  const reporters: { kind: ReporterKind; file: string }[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] !== '--reporter') {
      rest.push(args[i]!);
      continue;
    }
    const kind = args[i + 1];
    const file = args[i + 2];
    if (!REPORTERS.includes(kind as ReporterKind) || !file || file.startsWith('--')) {
      throw new UsageError(
        `--reporter takes a kind (${REPORTERS.join(', ')}) and a file: --reporter junit results.xml`,
      );
    }
    reporters.push({ kind: kind as ReporterKind, file });
    i += 2;
  }
  return { rest, reporters };
}

function runVariables(pairs: string[] | undefined): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at < 1)
      throw new UsageError(`--var takes name=value, like --var tenant=acme (got "${pair}").`);
    vars[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return vars;
}

export async function runCommand(args: string[], cli: CliContext): Promise<number> {
  const { rest, reporters } = takeReporters(args);
  const { values, positionals } = parseArgs({
    args: rest,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [path, ...extra] = positionals;
  if (!path || extra.length) throw new UsageError('run takes one collection folder or request.');
  const timeoutMs = values['timeout-ms'] === undefined ? undefined : Number(values['timeout-ms']);
  if (timeoutMs !== undefined && !(timeoutMs > 0))
    throw new UsageError('--timeout-ms is a positive number of milliseconds.');
  const vars = runVariables(values.var);
  const where = await runTarget(path);

  const [{ createWorkbenchCore }, { CollectionStore }, { FileVault }, { runCollection }] =
    await Promise.all([
      import('../../core/workbench-core.ts'),
      import('../../core/collections/collection-store.ts'),
      import('../../core/vault/file-vault.ts'),
      import('../../core/collections/collection-run.ts'),
    ]);
  const [{ TtyPrompter }, { RunConsent }, { parseDataRows }, { newRunState }] = await Promise.all([
    import('../tty-prompter.ts'),
    import('../../core/requests/run-consent.ts'),
    import('../../core/collections/data-rows.ts'),
    import('../../core/tests/request-checks.ts'),
  ]);
  // `--data` is the person's own file, named on their command line: read where it is.
  let passes: Record<string, unknown>[] = [{}];
  if (values.data) {
    const text = await readFile(resolve(values.data), 'utf8').catch(() => {
      throw new UsageError(`--data ${values.data} cannot be read.`);
    });
    passes = parseDataRows(text, values.data);
    if (passes.length === 0) throw new UsageError(`--data ${values.data} has no rows.`);
  }
  // One run, one set of answers: a folder of mutations on production is asked about once.
  const consent = new RunConsent({ assumeYes: values.yes ?? false });
  const vault = new FileVault(cli.environment.dataDir);
  const core = createWorkbenchCore(
    cli.environment,
    {
      prompter: new TtyPrompter(cli.io),
      // A run never signs anyone in; if a login is needed the error says so.
      opener: { open: async (url) => cli.err(`open ${url} in a browser to continue.`) },
      vault,
    },
    'cli',
  );
  const store = await CollectionStore.open(where.root, { vault, watch: false });
  const outcomes: Outcome[] = [];
  const startedAt = new Date();
  const show = (outcome: Outcome) => {
    outcomes.push(outcome);
    if (!values.json) cli.out(line(outcome));
  };
  let collection: string | undefined;
  try {
    let ids: string[];
    const tree = await store.tree();
    collection = tree.name;
    if (where.request) ids = [where.request];
    else {
      const folder = findFolder(tree.root, where.folder);
      ids = folder ? requestIds(folder) : [];
      // A file the tree could not read (a broken sidecar, a link out of the collection) fails
      // the run instead of silently dropping out of it.
      for (const problem of tree.problems) {
        if (where.folder && !problem.file.startsWith(`${where.folder}/`)) continue;
        show(
          failure({ id: problem.file, iteration: 1, of: 1 }, 'COLLECTION_INVALID', problem.message),
        );
      }
    }
    if (ids.length === 0 && outcomes.length === 0)
      throw new UsageError(`${path} holds no saved requests.`);
    for (const [index, row] of passes.entries()) {
      if (cli.io.signal.aborted || (values.bail && outcomes.some((o) => !o.ok))) break;
      let stopped = false;
      await runCollection(
        store,
        ids,
        {
          environment: values.env ?? null,
          ...(values.profile ? { profile: values.profile } : {}),
          ...(timeoutMs ? { timeoutMs } : {}),
          signal: cli.io.signal,
          consent,
          accountOf: (name) => (name ? core.credentials.knownAccount(name) : null),
          bail: values.bail ?? false,
          onStep: (step) => {
            // A `--data` pass numbers its runs by row; a request's own repeat/data by its runs.
            const place =
              passes.length > 1
                ? { id: step.id, iteration: index + 1, of: passes.length }
                : { id: step.id, iteration: step.iteration, of: step.of };
            if (step.result) show(judge(place, step.result));
            else if (step.error) show(failure(place, step.error.code, step.error.message));
            if (!outcomes[outcomes.length - 1]!.ok && values.bail) stopped = true;
          },
        },
        core.requests,
        vault,
        newRunState({ ...vars, ...row }),
      ).catch((error: unknown) => {
        if (!(error instanceof AppError)) throw error;
        show(failure({ id: path, iteration: 1, of: 1 }, error.code, error.message));
      });
      if (stopped) break;
    }
  } finally {
    store.close();
    await core.close();
  }

  const failed = outcomes.filter((o) => !o.ok);
  const checks = outcomes.reduce(
    (sum, o) => {
      if (!o.tests) return sum;
      const counts = reportCounts(o.tests);
      return { passed: sum.passed + counts.passed, failed: sum.failed + counts.failed };
    },
    { passed: 0, failed: 0 },
  );
  const report = {
    collection: collection ?? where.root,
    environment: values.env ?? null,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    outcomes,
  };
  const written = await writeReports(reporters, report);
  if (values.json) {
    cli.out(
      JSON.stringify({
        collection: where.root,
        environment: values.env ?? null,
        passed: outcomes.length - failed.length,
        failed: failed.length,
        checks,
        results: outcomes.map(({ exitCode: _exit, ...rest }) => rest),
      }),
    );
  } else {
    cli.out(
      `${outcomes.length - failed.length} passed, ${failed.length} failed` +
        (values.env ? ` (environment ${values.env})` : '') +
        (checks.passed + checks.failed
          ? `; checks: ${checks.passed} passed, ${checks.failed} failed`
          : ''),
    );
    for (const file of written) cli.out(`report: ${file}`);
  }
  if (cli.io.signal.aborted) return EXIT.interrupted;
  return failed[0]?.exitCode ?? EXIT.ok;
}
