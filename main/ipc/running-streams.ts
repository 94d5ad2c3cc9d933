/**
 * What the subscription and channel handlers remember of each running stream: what it was
 * started for (a tab, an endpoint) and its latest state, kept from the core's state events, so
 * a stop can answer the final state and a list can say whose each stream is.
 */
import { AppError } from '../../shared/errors.ts';
import type { SubscriptionStateDTO } from '../../shared/realtime.ts';
import type { StreamHandle } from '../core/streams/stream-service.ts';

const ended = (state: SubscriptionStateDTO) =>
  state.status === 'stopped' || state.status === 'failed';

export class RunningStreams<S extends SubscriptionStateDTO, O> {
  readonly #running = new Map<string, { owner: O; state: S }>();

  /** Starts one; each state is kept, then emitted (the first arrives before `start` returns). */
  async start(
    owner: O,
    emit: (state: S) => void,
    start: (onState: (state: S) => void) => Promise<StreamHandle<S>>,
  ): Promise<S> {
    // One entry per stream, updated in place: a stop reads its final state.
    const entry = { owner, state: undefined as unknown as S };
    const handle = await start((state) => {
      entry.state = state;
      if (ended(state)) this.#running.delete(state.id);
      else this.#running.set(state.id, entry);
      emit(state);
    });
    entry.state = handle.state();
    if (!ended(entry.state)) this.#running.set(handle.id, entry);
    return entry.state;
  }

  /** Stops one through the core and answers its final state. */
  async stop(id: string, stop: (id: string) => Promise<void>, what: string): Promise<S> {
    const entry = this.#running.get(id);
    await stop(id);
    if (!entry) throw new AppError('NOT_FOUND', `There is no ${what} ${id}.`);
    // The core emitted the final state before `stop` resolved; the entry holds it.
    return entry.state;
  }

  ownerOf(id: string): O | null {
    return this.#running.get(id)?.owner ?? null;
  }
}
