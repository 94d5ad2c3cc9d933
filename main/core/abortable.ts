/**
 * Waiting on work that takes no AbortSignal of its own (openid-client's calls, a flight other
 * callers share): the wait ends on abort, the work itself goes on.
 */

/**
 * Resolves or rejects as `work` does, or rejects with `cancelled()` as soon as `signal` aborts
 * (after `onAbort`, e.g. to let go of a shared flight). The listener is removed once `work`
 * settles, and abandoned work never surfaces as an unhandled rejection.
 */
export function waitUntilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
  cancelled: () => Error,
  onAbort?: () => void,
): Promise<T> {
  if (!signal) return work;
  work.catch(() => undefined);
  if (signal.aborted) {
    onAbort?.();
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const aborted = () => {
      onAbort?.();
      reject(cancelled());
    };
    signal.addEventListener('abort', aborted, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', aborted);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', aborted);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
