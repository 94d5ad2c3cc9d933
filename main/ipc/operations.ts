/**
 * Long-running work started over IPC (a request in flight, a login, a resolution) carries an id
 * chosen by the renderer, so `operations.cancel` can abort it from the UI.
 */
import { AppError } from '../../shared/errors.ts';

export class OperationRegistry {
  readonly #running = new Map<string, AbortController>();

  /** Runs `work` under the id; a second start with a running id is refused. */
  async run<T>(id: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (id !== undefined) {
      if (this.#running.has(id)) {
        throw new AppError('INVALID_INPUT', `Operation ${id} is already running.`);
      }
      this.#running.set(id, controller);
    }
    try {
      return await work(controller.signal);
    } finally {
      if (id !== undefined) this.#running.delete(id);
    }
  }

  /** Returns whether something was running under that id. */
  cancel(id: string): boolean {
    const controller = this.#running.get(id);
    controller?.abort(new AppError('CANCELLED', 'Cancelled.'));
    return controller !== undefined;
  }

  cancelAll(): void {
    for (const controller of this.#running.values()) {
      controller.abort(new AppError('CANCELLED', 'Cancelled: the app is closing.'));
    }
  }
}
