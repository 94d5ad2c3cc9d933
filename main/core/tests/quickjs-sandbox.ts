/**
 * The one place untrusted JavaScript runs: QuickJS compiled to WebAssembly. A script sees a
 * fresh runtime with nothing of Node in it (no require, process, fs, network, timers); values
 * cross in and out as JSON text only, so no host object or function is ever reachable from
 * inside. Each run has a deadline (the interrupt handler), a memory limit and a stack limit.
 * The WebAssembly module is compiled once per process and kept warm; runtimes are per run.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import releaseSync from '@jitl/quickjs-wasmfile-release-sync';
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSContext,
  type QuickJSHandle,
  type QuickJSSyncVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten-core';

export interface SandboxLimits {
  /** Wall time for everything one run evaluates. */
  timeMs: number;
  memoryBytes: number;
  stackBytes: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  timeMs: 1000,
  memoryBytes: 32 * 1024 * 1024,
  // Below the host's own stack: deeper, a recursing script overflows V8's stack under the
  // WebAssembly frames before QuickJS sees it, and the module aborts.
  stackBytes: 256 * 1024,
};

let loading: Promise<QuickJSWASMModule> | null = null;

/**
 * The QuickJS module, compiled on first use. The .wasm bytes are read by path (resolved like
 * any dependency), so a bundle (the CLI's, Electron's) needs no copy of the file beside it.
 */
export function quickJs(): Promise<QuickJSWASMModule> {
  loading ??= (async () => {
    // The desktop's main process is a CommonJS bundle, where import.meta is empty.
    const here = typeof __filename === 'string' ? __filename : import.meta.url;
    const wasm = readFileSync(
      createRequire(here).resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
    );
    // The package's types describe its CommonJS build; Node's import gets the variant itself.
    const base = releaseSync as unknown as QuickJSSyncVariant;
    const variant = newVariant(base, {
      wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
    });
    return newQuickJSWASMModuleFromVariant(variant);
  })();
  loading.catch(() => (loading = null));
  return loading;
}

/** Source evaluated as a script, named `file` in its error positions. */
export interface SandboxStep {
  source: string;
  file: string;
}

export type SandboxOutcome = { ok: true; value: string } | { ok: false; message: string };

/**
 * Evaluates `steps` in order in one fresh context, then calls the function the first step
 * evaluated to (the collector) and returns what it returns, as text (the collector returns
 * JSON). A step that throws ends the run: the error comes back as a message naming `label`
 * and, for a stopped script, the limit it hit. `after` runs whether or not a step failed: a
 * collector can then report what a script did before it failed.
 */
export function runIsolated(
  module: QuickJSWASMModule,
  label: string,
  prelude: SandboxStep,
  steps: SandboxStep[],
  limits: SandboxLimits = DEFAULT_LIMITS,
): { collected: SandboxOutcome; failure: string | null } {
  const runtime = module.newRuntime();
  runtime.setMemoryLimit(limits.memoryBytes);
  runtime.setMaxStackSize(limits.stackBytes);
  const deadline = performance.now() + limits.timeMs;
  let timedOut = false;
  runtime.setInterruptHandler(() => {
    if (performance.now() > deadline) timedOut = true;
    return timedOut;
  });
  const context = runtime.newContext();
  let collector: QuickJSHandle | null = null;
  try {
    const made = context.evalCode(prelude.source, prelude.file);
    if (made.error) {
      const message = describe(context, made.error, label, limits, timedOut);
      made.error.dispose();
      return { collected: { ok: false, message }, failure: message };
    }
    collector = made.value;
    let failure: string | null = null;
    for (const step of steps) {
      const result = context.evalCode(step.source, step.file);
      if (result.error) {
        failure = describe(context, result.error, label, limits, timedOut);
        result.error.dispose();
        break;
      }
      failure = settle(context, result.value, label, limits, () => timedOut);
      result.value.dispose();
      if (failure) break;
    }
    // The collector gets its own moment: a script that used up the time still reports.
    timedOut = false;
    const collectorDeadline = performance.now() + Math.min(limits.timeMs, 200);
    runtime.setInterruptHandler(() => performance.now() > collectorDeadline);
    const called = context.callFunction(collector, context.undefined);
    if (called.error) {
      const message = describe(context, called.error, label, limits, false);
      called.error.dispose();
      return { collected: { ok: false, message }, failure: failure ?? message };
    }
    const value = context.typeof(called.value) === 'string' ? context.getString(called.value) : '';
    called.value.dispose();
    return { collected: { ok: true, value }, failure };
  } finally {
    try {
      collector?.dispose();
      context.dispose();
      runtime.dispose();
    } catch {
      // An aborted module cannot run again: the next script compiles a fresh one.
      loading = null;
    }
  }
}

/**
 * A script whose completion value is a promise (`import('fs')`, an async function called
 * last) is run to its end here; its rejection is the script's failure. The script's other
 * pending jobs (a `.then` callback) run too, within the same limits.
 */
function settle(
  context: QuickJSContext,
  value: QuickJSHandle,
  label: string,
  limits: SandboxLimits,
  timedOut: () => boolean,
): string | null {
  const jobs = context.runtime.executePendingJobs();
  if (jobs.error) {
    const message = describe(context, jobs.error, label, limits, timedOut());
    jobs.error.dispose();
    return message;
  }
  const state = context.getPromiseState(value);
  if (state.type === 'rejected') {
    const message = describe(context, state.error, label, limits, timedOut());
    state.error.dispose();
    return message;
  }
  if (state.type === 'fulfilled' && !state.notAPromise) state.value.dispose();
  return null;
}

/** A thrown value as one line: `<label> stopped: …` for a limit, else its name and message. */
function describe(
  context: QuickJSContext,
  handle: QuickJSHandle,
  label: string,
  limits: SandboxLimits,
  timedOut: boolean,
): string {
  let name = '';
  let message: string;
  try {
    const dumped: unknown = context.dump(handle);
    if (dumped && typeof dumped === 'object') {
      name = String((dumped as { name?: unknown }).name ?? '');
      message = String((dumped as { message?: unknown }).message ?? '');
    } else message = String(dumped);
  } catch {
    message = 'an error that could not be read';
  }
  if (timedOut || /interrupted/.test(message)) {
    return `${label} stopped: it ran longer than ${limits.timeMs} ms (the time limit for a script).`;
  }
  if (/out of memory/i.test(message)) {
    return `${label} stopped: it needed more than ${Math.round(limits.memoryBytes / 1024 / 1024)} MB (the memory limit for a script).`;
  }
  if (/stack overflow/i.test(message)) {
    return `${label} stopped: it recursed too deep (the stack limit for a script is ${Math.round(limits.stackBytes / 1024)} KB).`;
  }
  const text = `${name && name !== 'Error' ? `${name}: ` : ''}${message}`.slice(0, 500);
  return `${label} failed: ${text || 'it threw a value that is not an error'}`;
}
