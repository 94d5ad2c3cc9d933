/**
 * What the rune-store tests share: the renderer's own typed client (`shared/client.ts`) over a
 * real workbench's router, in process. Inputs and answers cross as JSON, as they do over the
 * web host's socket, so a store that sends a live `$state` proxy or keeps a reference into
 * main's answer is caught. `calls` lists the methods the stores called, `idle` waits for the
 * calls still in flight (a store's fire-and-forget save), `delayNext` holds back the answer to
 * the next call of a method (to make answers arrive out of order), `until` waits for a
 * condition, re-checking on every event main sends.
 */
import type { Workbench } from '../../../main/ipc/workbench-router.ts';
import { createApi, type Api } from '../../../shared/client.ts';
import type { WorkspaceDTO } from '../../../shared/workspace.ts';
import { makeAwsHome } from '../../support/aws-home.ts';
import { openDemoWorkbench } from '../../support/demo-workbench.ts';
import { testWorkbench } from '../../support/workbench.ts';

export interface StoreHarness {
  api: Api;
  workbench: Workbench;
  calls: string[];
  idle(): Promise<void>;
  /** Holds the answer to the next call of `method` until the returned function is called. */
  delayNext(method: string): () => void;
  until(check: () => boolean, what: string): Promise<void>;
  close(): Promise<void>;
}

const json = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

function harness(workbench: Workbench): StoreHarness {
  const calls: string[] = [];
  const inFlight = new Set<Promise<unknown>>();
  const delayed = new Map<string, Promise<void>>();
  const waiters = new Set<() => void>();
  workbench.router.onEvent(() => {
    for (const wake of waiters) wake();
  });
  const api = createApi({
    invoke: (method, input) => {
      calls.push(method);
      const gate = delayed.get(method);
      delayed.delete(method);
      const answer = workbench.router.dispatch(method, json(input)).then(json);
      const call = gate ? gate.then(() => answer) : answer;
      inFlight.add(call);
      void call.finally(() => inFlight.delete(call));
      return call;
    },
    subscribe: (event, listener) =>
      workbench.router.onEvent((name, payload) => {
        if (name === event) listener(json(payload));
      }),
  });
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 10_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(wake, 25);
        waiters.add(wake);
      });
    }
  };
  const idle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };
  const delayNext = (method: string) => {
    let release = () => {};
    delayed.set(method, new Promise<void>((resolve) => (release = resolve)));
    return release;
  };
  return { api, workbench, calls, idle, delayNext, until, close: () => workbench.close() };
}

/** The user's workspace on a temporary HOME whose `~/.aws` holds `files`. */
export async function userWorkbench(
  files: { config?: string; credentials?: string } = {},
  env: Record<string, string> = {},
): Promise<StoreHarness & { home: string; dataDir: string }> {
  const aws = await makeAwsHome(files);
  const environment = aws.environment(env);
  return { ...harness(testWorkbench(environment)), home: aws.home, dataDir: environment.dataDir };
}

/** The demo workspace: the local sandbox's AppSync, Events and STS peers, its profiles. */
export async function demoWorkbench(
  name: string,
): Promise<StoreHarness & { workspace: WorkspaceDTO }> {
  const { workbench, workspace } = await openDemoWorkbench(name, () => undefined);
  return { ...harness(workbench), workspace };
}
