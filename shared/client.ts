/**
 * The typed client the renderer (and tests) use: `api.profiles.list()` instead of channel strings.
 * It unwraps `{ok,value}` results and throws `IpcClientError` for `{ok:false,error}`.
 *
 * The contract is imported for its types only: its zod schemas are main's to run (the router
 * validates every input), and building them was ~50 ms of the window's start. A method is made
 * when first asked for; a name outside the contract is refused by main's router (and by the types
 * before that).
 */
import type {
  Bridge,
  EventName,
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
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
  const call = (method: string) => async (input?: unknown) => {
    const result = (await bridge.invoke(method, input ?? {})) as IpcResult<unknown>;
    if (!result.ok) throw new IpcClientError(result.error);
    return result.value;
  };
  const on = (event: string, listener: (payload: unknown) => void) =>
    bridge.subscribe(event, listener);
  const domains = new Map<string, object>();
  // Not a thenable (`await api` is the api itself), and what JSON.stringify, String() or a
  // debugger read (`toJSON`, `toString`, `constructor`…) is the plain object's, not a call.
  const named = (key: string | symbol): key is string =>
    typeof key === 'string' && key !== 'then' && key !== 'toJSON' && !(key in Object.prototype);
  const domain = (name: string) => {
    const verbs = new Map<string, (input?: unknown) => Promise<unknown>>();
    return new Proxy(Object.freeze({}), {
      get: (target, verb) => {
        if (!named(verb)) return Reflect.get(target, verb);
        let method = verbs.get(verb);
        if (!method) verbs.set(verb, (method = call(`${name}.${verb}`)));
        return method;
      },
    });
  };
  return new Proxy(Object.freeze({ on }), {
    get: (target, name) => {
      if (name === 'on') return target.on;
      if (!named(name)) return Reflect.get(target, name);
      let calls = domains.get(name);
      if (!calls) domains.set(name, (calls = domain(name)));
      return calls;
    },
  }) as unknown as Api;
}
