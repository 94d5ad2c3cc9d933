/**
 * Request scripts run on a worker thread (`script-worker.ts`), one at a time, with the QuickJS
 * module kept warm there. QuickJS's own time limit is checked between its instructions, so one
 * built-in call on a huge value (`new Array(1e5).fill(0)` in a loop) runs past it; on this
 * thread such a script would stall the whole process until the memory limit stopped it. Here
 * the host keeps a deadline of its own and terminates the worker when it passes, and the next
 * script gets a fresh worker. The in-QuickJS limits stay as the first line of defence.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SandboxLimits, SandboxOutcome, SandboxStep } from './quickjs-sandbox.ts';

export interface ScriptJob {
  label: string;
  prelude: SandboxStep;
  steps: SandboxStep[];
  limits: SandboxLimits;
}

export interface ScriptJobResult {
  collected: SandboxOutcome;
  failure: string | null;
}

/**
 * Past the script's own limit: QuickJS's interrupt normally stops it first, and its results
 * collector may take up to 200 ms more; this margin is for the thread's round trip.
 */
const HARD_STOP_MARGIN_MS = 300;

/** V8's own heap of the worker: the JSON crossing in and out. QuickJS's memory is its own limit. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 };

/**
 * Where the worker's entry file is for the way this code runs: the TypeScript sources, the
 * CLI's ES module bundle (dist/cli/script-worker.mjs) or the desktop's CommonJS bundle
 * (dist/electron/script-worker.cjs), each built as an entry point beside the code using it.
 */
function workerEntry(): URL {
  // The desktop's main process is a CommonJS bundle, where import.meta is empty.
  if (typeof __filename === 'string') return pathToFileURL(join(__dirname, 'script-worker.cjs'));
  const here = import.meta.url;
  return new URL(here.endsWith('.ts') ? './script-worker.ts' : './script-worker.mjs', here);
}

let warm: Promise<Worker> | null = null;
let queue: Promise<unknown> = Promise.resolve();

/**
 * A worker that has compiled QuickJS and said so. It keeps the process alive only while it
 * starts or runs a script: an idle one never holds a finished command open.
 */
function worker(): Promise<Worker> {
  if (warm) return warm;
  const starting = new Promise<Worker>((resolve, reject) => {
    const thread = new Worker(workerEntry(), { resourceLimits: WORKER_LIMITS });
    const failed = (error: Error) => {
      thread.off('message', ready);
      reject(new Error(`the script sandbox could not start: ${error.message}`));
    };
    const ready = () => {
      thread.unref();
      resolve(thread);
    };
    // Kept for the thread's life: an error with no listener would throw on this thread.
    thread.on('error', failed);
    thread.once('message', ready);
    // Whenever it ends (stopped, crashed, failed to start), the next script gets a new one.
    thread.once('exit', (code) => {
      if (warm === starting) warm = null;
      failed(new Error(`its thread exited (${code})`));
    });
  });
  warm = starting;
  return starting;
}

/**
 * Runs one script's steps on the worker (see `runIsolated` for what they are). A script past
 * its time limit is stopped however it is spending it; a worker that dies takes only its
 * current script with it. Throws only when no worker can start.
 */
export function runOnThread(job: ScriptJob): Promise<ScriptJobResult> {
  const run = queue.then(() => runOne(job));
  queue = run.catch(() => undefined);
  return run;
}

async function runOne(job: ScriptJob): Promise<ScriptJobResult> {
  const thread = await worker();
  thread.ref();
  return new Promise<ScriptJobResult>((resolve) => {
    const done = (result: ScriptJobResult) => {
      clearTimeout(timer);
      thread.off('message', answered);
      thread.off('error', crashed);
      thread.off('exit', exited);
      thread.unref();
      resolve(result);
    };
    const stopped = (message: string) => {
      warm = null;
      void thread.terminate();
      // The next script should not wait for a new thread to compile QuickJS.
      worker().catch(() => undefined);
      done({ collected: { ok: false, message }, failure: message });
    };
    const answered = (result: ScriptJobResult) => done(result);
    const crashed = (error: Error & { code?: string }) =>
      stopped(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `${job.label} stopped: it needed more memory than a script may have.`
          : `${job.label} failed: the script sandbox stopped (${error.message})`,
      );
    const exited = (code: number) =>
      stopped(`${job.label} failed: the script sandbox stopped (its thread exited with ${code})`);
    const timer = setTimeout(
      () =>
        stopped(
          `${job.label} stopped: it ran longer than ${job.limits.timeMs} ms (the time limit for a script).`,
        ),
      job.limits.timeMs + Math.min(job.limits.timeMs, 200) + HARD_STOP_MARGIN_MS,
    );
    thread.once('message', answered);
    thread.once('error', crashed);
    thread.once('exit', exited);
    thread.postMessage(job);
  });
}
