/**
 * The typed client the renderer (and tests) use: `api.profiles.list()` instead of channel strings.
 * It unwraps `{ok,value}` results and throws `IpcClientError` for `{ok:false,error}`.
 */
import {
  METHOD_NAMES,
  type Bridge,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from './contract.ts';
import type { IpcError, IpcResult, ErrorCode } from './errors.ts';

type Domain = MethodName extends `${infer D}.${string}` ? D : never;

type Args<M extends MethodName> =
  Record<string, never> extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export type Api = {
  [D in Domain]: {
    [M in MethodName as M extends `${D}.${infer V}` ? V : never]: (
      ...args: Args<M>
    ) => Promise<MethodOutput<M>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export class IpcClientError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcClientError';
    this.code = error.code;
    this.details = error.details;
  }
}

export function createApi(bridge: Bridge): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const method of METHOD_NAMES) {
    const [domain, verb] = method.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = async (input?: unknown) => {
      const result = (await bridge.invoke(method, input ?? {})) as IpcResult<unknown>;
      if (!result.ok) throw new IpcClientError(result.error);
      return result.value;
    };
  }
  const on = (event: string, listener: (payload: unknown) => void) =>
    bridge.subscribe(event, listener);
  return Object.freeze({ ...api, on }) as unknown as Api;
}
