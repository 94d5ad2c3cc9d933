/**
 * The one router between transports and the core. Every call is checked against the contract
 * and its input validated before a handler runs; every answer is `{ok,value}` or
 * `{ok:false,error}` with a stable code, never a stack trace.
 */
import {
  isMethodName,
  methods,
  type EventName,
  type EventPayload,
  type MethodName,
  type MethodOutput,
  type ParsedInput,
} from '../../shared/contract.ts';
import { messageSizeProblem } from '../../shared/contract/common.ts';
import { AppError, type IpcResult } from '../../shared/errors.ts';

export type Handlers = {
  [M in MethodName]: (input: ParsedInput<M>) => Promise<MethodOutput<M>>;
};

export type EventListener = (event: EventName, payload: unknown) => void;

export interface Router {
  dispatch(method: unknown, input: unknown): Promise<IpcResult<unknown>>;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Subscribes a transport to every event; returns the unsubscribe function. */
  onEvent(listener: EventListener): () => void;
}

/** Free-form JSON puts the caller's own keys in a path; a key is cut so the answer stays small. */
const MAX_KEY_SHOWN = 40;

function describePath(path: PropertyKey[]): string {
  const keys = path.map((key) => {
    const text = String(key);
    return text.length > MAX_KEY_SHOWN ? `${text.slice(0, MAX_KEY_SHOWN)}…` : text;
  });
  return keys.join('.') || '(input)';
}

function invalid(
  method: string,
  issues: Array<{ path: string; message: string }>,
): IpcResult<never> {
  const first = issues[0];
  return {
    ok: false,
    error: {
      code: 'INVALID_INPUT',
      message: `Invalid input for ${method}: ${first ? `${first.path}: ${first.message}` : 'rejected'}.`,
      details: { issues },
    },
  };
}

export function createRouter(
  handlers: Handlers,
  logUnexpected: (method: string, error: unknown) => void = (method, error) =>
    console.error(`[ipc] ${method} failed unexpectedly:`, error),
): Router {
  const listeners = new Set<EventListener>();
  return {
    async dispatch(method, input) {
      if (!isMethodName(method)) {
        return {
          ok: false,
          error: {
            code: 'UNKNOWN_METHOD',
            message: `"${String(method).slice(0, 80)}" is not a method of the workbench contract.`,
          },
        };
      }
      const parsed = methods[method].input.safeParse(input);
      if (!parsed.success) {
        return invalid(
          method,
          parsed.error.issues.map((issue) => ({
            path: describePath(issue.path),
            message: issue.message,
          })),
        );
      }
      // After the schema, which bounds the nesting JSON.stringify would otherwise overflow on.
      const tooLarge = messageSizeProblem(parsed.data);
      if (tooLarge) return invalid(method, [{ path: '(input)', message: tooLarge }]);
      try {
        const handler = handlers[method] as (input: unknown) => Promise<unknown>;
        return { ok: true, value: await handler(parsed.data) };
      } catch (error) {
        if (error instanceof AppError) return { ok: false, error: error.toIpcError() };
        logUnexpected(method, error);
        return {
          ok: false,
          error: {
            code: 'INTERNAL',
            message: `${method} failed unexpectedly. The details are in the app's log.`,
          },
        };
      }
    },
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The handlers of one domain: exactly the methods of its `shared/contract/<domain>-methods.ts`. */
export type DomainHandlers<Methods> = Pick<Handlers, keyof Methods & MethodName>;
