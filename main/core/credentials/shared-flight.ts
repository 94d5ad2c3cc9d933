/**
 * One piece of work per key, however many callers want it at once: concurrent resolutions of a
 * profile (or assumptions of a role) share one flight. Each caller may cancel its own wait; the
 * work itself is aborted only when every caller has gone.
 */
import { AppError } from '../../../shared/errors.ts';
import { waitUntilAborted } from '../abortable.ts';

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

export function cancelledError(what: string): AppError {
  return new AppError('CANCELLED', `${what} was cancelled.`);
}

export class SharedFlights<T> {
  readonly #flights = new Map<string, Flight<T>>();

  get size(): number {
    return this.#flights.size;
  }

  run(
    key: string,
    work: (signal: AbortSignal) => Promise<T>,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<T> {
    if (signal?.aborted) return Promise.reject(cancelledError(what));
    let flight = this.#flights.get(key);
    if (!flight) {
      const controller = new AbortController();
      const created: Flight<T> = {
        controller,
        waiters: 0,
        promise: Promise.resolve() as Promise<T>,
      };
      created.promise = Promise.resolve()
        .then(() => work(controller.signal))
        .finally(() => {
          if (this.#flights.get(key) === created) this.#flights.delete(key);
        });
      // Nobody may be waiting when it fails (all cancelled): keep that from being "unhandled".
      created.promise.catch(() => undefined);
      this.#flights.set(key, created);
      flight = created;
    }
    const joined = flight;
    joined.waiters += 1;
    return waitUntilAborted(
      joined.promise,
      signal,
      () => cancelledError(what),
      () => {
        joined.waiters -= 1;
        if (joined.waiters === 0) {
          joined.controller.abort();
          if (this.#flights.get(key) === joined) this.#flights.delete(key);
        }
      },
    );
  }

  /** Forgets in-flight work so the next caller starts afresh (callers already waiting keep theirs). */
  clear(key?: string): void {
    if (key === undefined) this.#flights.clear();
    else this.#flights.delete(key);
  }
}
