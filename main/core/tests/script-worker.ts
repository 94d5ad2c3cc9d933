/**
 * The worker thread request scripts run in (started by `script-thread.ts`). It holds the warm
 * QuickJS module and runs one script at a time, exactly as the host would in process; the host
 * can then stop a script that the in-QuickJS interrupt cannot reach (a single built-in call on a
 * huge value) by terminating this thread, without its own event loop ever stalling.
 */
import { parentPort } from 'node:worker_threads';
import { quickJs, runIsolated } from './quickjs-sandbox.ts';
import type { ScriptJob, ScriptJobResult } from './script-thread.ts';

const port = parentPort;
if (!port) throw new Error('script-worker runs only as a worker thread');
port.on('message', async (job: ScriptJob) => {
  let result: ScriptJobResult;
  try {
    // The same module every time, unless a run aborted it: then a freshly compiled one.
    result = runIsolated(await quickJs(), job.label, job.prelude, job.steps, job.limits);
  } catch (error) {
    const message = `${job.label} failed: the script sandbox broke (${(error as Error).message})`;
    result = { collected: { ok: false, message }, failure: message };
  }
  port.postMessage(result);
});
// Compiled before `ready`, so that no script's time limit pays for it. (No top-level await:
// the desktop's bundle of this file is CommonJS.) A failure to compile ends the thread.
void quickJs().then(() => port.postMessage('ready'));
