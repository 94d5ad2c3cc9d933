/**
 * Waiting without sleeping: whoever sees something happen (a frame at the peer, a state at the
 * client) calls `notify()`, and `until()` re-checks its condition then, failing with what it
 * waited for once the deadline passes.
 */
export class Changes {
  readonly #waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.#waiters]) waiter();
  }

  until(check: () => boolean, what: string, ms = 2000): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        if (error) reject(error);
        else resolve();
      };
      const waiter = () => {
        try {
          if (check()) settle();
        } catch (error) {
          settle(error as Error);
        }
      };
      const timer = setTimeout(
        () => settle(new Error(`timed out after ${ms} ms waiting for ${what}`)),
        ms,
      );
      this.#waiters.add(waiter);
      waiter();
    });
  }
}
