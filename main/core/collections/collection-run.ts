/**
 * A collection run: requests one after another, in the collection's `order` (collection.json)
 * and then tree order, sharing one set of run variables, so what one request's script sets
 * (`vars.set('noteId', …)`) feeds the next one's `{{noteId}}`. A request with `repeat` runs
 * that many times; one with `data` once per row of its data file, the row as run variables.
 */
import { AppError } from '../../../shared/errors.ts';
import type { RequestResultDTO } from '../../../shared/requests.ts';
import { readCollectionFile } from './collection-boundary.ts';
import { readSettings } from './collection-settings.ts';
import type { CollectionStore } from './collection-store.ts';
import { runSavedRequest, type SavedRunOptions } from './saved-request-runner.ts';
import type { SecretVault } from '../ports.ts';
import type { RequestRunner } from '../requests/request-service.ts';
import { parseDataRows, type DataRow } from './data-rows.ts';
import { newRunState, type RunState } from '../tests/request-checks.ts';

export interface RunStep {
  id: string;
  /** 1-based; with `of`, how many times this request runs in this pass. */
  iteration: number;
  of: number;
  result: RequestResultDTO | null;
  /** Why it did not run or had no answer. */
  error: AppError | null;
}

export interface CollectionRunOptions extends Omit<SavedRunOptions, 'state' | 'edits'> {
  /** Run variables every request starts from (`--var k=v`). */
  vars?: Record<string, unknown>;
  /** Stop after the first request that fails (no answer, HTTP error or a failed check). */
  bail?: boolean;
  /** Called after each run, in order. */
  onStep?: (step: RunStep) => void;
}

/** `ids` in the collection's `order` first, the rest as given. Unknown ids in `order` are skipped. */
export async function orderedIds(store: CollectionStore, ids: string[]): Promise<string[]> {
  const order = (await readSettings(store.folder)).settings.order ?? [];
  const wanted = new Set(ids);
  const first = order.filter((id, i) => wanted.has(id) && order.indexOf(id) === i);
  const placed = new Set(first);
  return [...first, ...ids.filter((id) => !placed.has(id))];
}

/** Whether a run of one request counts as failed: no answer, an HTTP or GraphQL error, a check. */
export function stepFailed(step: RunStep): boolean {
  if (step.error || !step.result) return true;
  const { result } = step;
  if (result.status >= 400 || result.errors.length > 0 || result.diagnosis) return true;
  return result.tests ? !result.tests.passed : false;
}

async function rowsOf(store: CollectionStore, file: string): Promise<DataRow[]> {
  const text = await readCollectionFile(store.folder, file);
  if (text === null) {
    throw new AppError('COLLECTION_INVALID', `The data file ${file} is not in the collection.`, {
      file,
    });
  }
  return parseDataRows(text, file);
}

/**
 * Runs `ids` (already in tree order) once; returns every step. A request that cannot be read
 * or run is a failed step, not the end of the run (unless `bail`). Throws only for what is not
 * the collection's fault (the sandbox failing to load, a bug).
 */
export async function runCollection(
  store: CollectionStore,
  ids: string[],
  options: CollectionRunOptions,
  runner: RequestRunner,
  vault: SecretVault,
  state: RunState = newRunState(options.vars),
): Promise<RunStep[]> {
  const steps: RunStep[] = [];
  const { bail, onStep, ...rest } = options;
  delete rest.vars;
  const runOptions: SavedRunOptions = rest;
  for (const id of await orderedIds(store, ids)) {
    if (options.signal?.aborted) break;
    let rows: (DataRow | null)[] = [null];
    try {
      const saved = await store.read(id);
      if (saved.data) rows = await rowsOf(store, saved.data);
      else if (saved.repeat) rows = Array.from({ length: saved.repeat }, () => null);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const step: RunStep = { id, iteration: 1, of: 1, result: null, error };
      steps.push(step);
      onStep?.(step);
      if (bail) return steps;
      continue;
    }
    for (const [index, row] of rows.entries()) {
      if (options.signal?.aborted) break;
      if (row) Object.assign(state.vars, row);
      const step: RunStep = {
        id,
        iteration: index + 1,
        of: rows.length,
        result: null,
        error: null,
      };
      try {
        step.result = await runSavedRequest(store, id, { ...runOptions, state }, runner, vault);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        step.error = error;
      }
      steps.push(step);
      onStep?.(step);
      if (bail && stepFailed(step)) return steps;
    }
  }
  return steps;
}
