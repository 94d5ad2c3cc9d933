/**
 * How the core tells whoever listens (history, the IPC router, a host) that something happened:
 * `on(name, listener)` returns the unsubscribe function, and an event map types each name's
 * payload. A listener that throws is reported and skipped; the others still hear the event and
 * the run that emitted it goes on.
 */

export type Unsubscribe = () => void;

/** What a service exposes: subscribing only, never emitting. */
export interface EventSource<Events> {
  on<K extends keyof Events>(name: K, listener: (payload: Events[K]) => void): Unsubscribe;
}

export type ListenerFailure = (name: string, error: unknown) => void;

const logFailure: ListenerFailure = (name, error) =>
  console.error(`[core] a listener of "${name}" failed:`, error);

export class TypedEvents<Events> implements EventSource<Events> {
  readonly #listeners = new Map<keyof Events, Set<(payload: never) => void>>();
  readonly #failed: ListenerFailure;

  constructor(onListenerFailure: ListenerFailure = logFailure) {
    this.#failed = onListenerFailure;
  }

  // A property, so a service can hand it out as its own `on` without binding.
  readonly on = <K extends keyof Events>(
    name: K,
    listener: (payload: Events[K]) => void,
  ): Unsubscribe => {
    let named = this.#listeners.get(name);
    if (!named) this.#listeners.set(name, (named = new Set()));
    // Wrapped, so the same function subscribed twice is two subscriptions, each undone once.
    const entry = (payload: never) => listener(payload);
    named.add(entry);
    return () => {
      named.delete(entry);
    };
  };

  emit<K extends keyof Events>(name: K, payload: Events[K]): void {
    const named = this.#listeners.get(name);
    if (!named) return;
    for (const listener of [...named]) {
      try {
        (listener as (payload: Events[K]) => void)(payload);
      } catch (error) {
        this.#failed(String(name), error);
      }
    }
  }

  /** Drops every listener (a closed service tells no one). */
  clear(): void {
    this.#listeners.clear();
  }
}
