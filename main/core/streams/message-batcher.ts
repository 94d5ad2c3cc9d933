/**
 * Hands a subscription's messages to its listener in batches — at most one batch per
 * `intervalMs`, sooner once `maxBatch` are waiting — so a fast stream costs the renderer a few
 * IPC messages a second, not one per event. While the listener is still busy with a batch (it
 * returned a promise), messages wait in a bounded ring; when the ring is full the oldest are
 * dropped and counted, so memory stays bounded and the user sees "N older messages dropped".
 */
import type { MessageBatchDTO, SubscriptionMessageDTO } from '../../../shared/realtime.ts';

export interface BatcherOptions {
  /** Default 50 ms. */
  intervalMs?: number;
  /** Default 500. */
  maxBatch?: number;
  /** Messages kept while the listener is behind. Default 10,000. */
  capacity?: number;
}

export type BatchListener = (batch: MessageBatchDTO) => void | Promise<void>;

export class MessageBatcher {
  readonly #subscriptionId: string;
  readonly #listener: BatchListener;
  readonly #intervalMs: number;
  readonly #maxBatch: number;
  readonly #capacity: number;
  readonly #ring: (SubscriptionMessageDTO | undefined)[];
  #head = 0;
  #size = 0;
  #received = 0;
  #dropped = 0;
  #droppedSinceLast = 0;
  #timer: NodeJS.Timeout | undefined;
  #busy = false;
  #closed = false;
  #idle: (() => void)[] = [];

  constructor(subscriptionId: string, listener: BatchListener, options: BatcherOptions = {}) {
    this.#subscriptionId = subscriptionId;
    this.#listener = listener;
    this.#intervalMs = options.intervalMs ?? 50;
    this.#maxBatch = Math.max(1, options.maxBatch ?? 500);
    this.#capacity = Math.max(this.#maxBatch, options.capacity ?? 10_000);
    this.#ring = new Array(this.#capacity);
  }

  get received(): number {
    return this.#received;
  }

  get dropped(): number {
    return this.#dropped;
  }

  push(payload: unknown, receivedAt: number): void {
    if (this.#closed) return;
    this.#received += 1;
    if (this.#size === this.#capacity) {
      this.#head = (this.#head + 1) % this.#capacity;
      this.#size -= 1;
      this.#dropped += 1;
      this.#droppedSinceLast += 1;
    }
    this.#ring[(this.#head + this.#size) % this.#capacity] = {
      seq: this.#received,
      receivedAt,
      payload,
    };
    this.#size += 1;
    this.#schedule();
  }

  /** Delivers what is waiting now, then resolves once the listener has taken everything. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#busy) void this.#deliver();
    if (this.#size === 0 && !this.#busy) return;
    await new Promise<void>((resolve) => this.#idle.push(resolve));
  }

  /** Delivers what is left and stops taking messages. */
  async close(): Promise<void> {
    await this.flush();
    this.#closed = true;
  }

  #schedule(): void {
    if (this.#busy) return;
    if (this.#size >= this.#maxBatch) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      void this.#deliver();
      return;
    }
    this.#timer ??= setTimeout(() => {
      this.#timer = undefined;
      void this.#deliver();
    }, this.#intervalMs);
  }

  async #deliver(): Promise<void> {
    if (this.#busy) return;
    if (this.#size === 0 && this.#droppedSinceLast === 0) {
      this.#settle();
      return;
    }
    this.#busy = true;
    const count = Math.min(this.#size, this.#maxBatch);
    const messages: SubscriptionMessageDTO[] = new Array(count);
    for (let i = 0; i < count; i += 1) {
      const slot = (this.#head + i) % this.#capacity;
      messages[i] = this.#ring[slot] as SubscriptionMessageDTO;
      this.#ring[slot] = undefined;
    }
    this.#head = (this.#head + count) % this.#capacity;
    this.#size -= count;
    const batch: MessageBatchDTO = {
      subscriptionId: this.#subscriptionId,
      messages,
      droppedSinceLastBatch: this.#droppedSinceLast,
      totalReceived: this.#received,
      totalDropped: this.#dropped,
    };
    this.#droppedSinceLast = 0;
    try {
      await this.#listener(batch);
    } catch {
      // A failing listener (a closed window) must not stop the stream for the others.
    }
    this.#busy = false;
    if (this.#size > 0) this.#schedule();
    else this.#settle();
  }

  #settle(): void {
    if (this.#size > 0 || this.#busy) return;
    const waiting = this.#idle;
    this.#idle = [];
    for (const resolve of waiting) resolve();
  }
}
