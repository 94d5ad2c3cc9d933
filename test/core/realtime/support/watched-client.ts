/**
 * The real-time client as the UI uses it (RealtimeService), with what a user would see of each
 * subscription recorded: every state it passed through, the events it delivered, and the
 * history record written when it ended. Every state and record notifies the test's `Changes`, so tests wait on them.
 */
import type { AuthModeInput } from '../../../../shared/endpoints.ts';
import type { SubscriptionStateDTO, SubscriptionStatus } from '../../../../shared/realtime.ts';
import {
  RealtimeService,
  type RealtimeOptions,
  type RealtimeServiceDeps,
  type SubscriptionHandle,
  type SubscriptionRecord,
} from '../../../../main/core/realtime/realtime-service.ts';
import type { Changes } from './changes.ts';
import { StaticCredentialSource } from '../../requests/support/static-credential-source.ts';

export const API_KEY_MODE: AuthModeInput = {
  type: 'API_KEY',
  source: { from: 'env', variable: 'RT_KEY' },
};

export const ON_CREATE = 'subscription OnCreate { onCreateNote { id title } }';

const noVault = {
  get: async () => null,
  put: async () => undefined,
  delete: async () => undefined,
};

export interface Watched {
  handle: SubscriptionHandle;
  states: SubscriptionStateDTO[];
  /** Event payloads delivered to the listener, in order. */
  messages: unknown[];
  statuses(): SubscriptionStatus[];
  last(): SubscriptionStateDTO | undefined;
}

export class WatchedClient {
  readonly service: RealtimeService;
  /** History records of ended subscriptions, in the order they ended. */
  readonly ended: SubscriptionRecord[] = [];
  readonly #changes: Changes;

  constructor(changes: Changes, options: RealtimeOptions, deps: Partial<RealtimeServiceDeps> = {}) {
    this.#changes = changes;
    this.service = new RealtimeService({
      credentials: new StaticCredentialSource({}),
      vault: noVault,
      ...deps,
      env: { RT_KEY: 'da2-scriptedpeerkey000000000', ...deps.env },
      options: { batching: { intervalMs: 5 }, ...options },
    });
    this.service.on('ended', (record) => {
      this.ended.push(record);
      changes.notify();
    });
  }

  async subscribe(graphqlUrl: string, auth = API_KEY_MODE, query = ON_CREATE): Promise<Watched> {
    const states: SubscriptionStateDTO[] = [];
    const messages: unknown[] = [];
    const handle = await this.service.subscribe(
      { graphqlUrl, auth, query },
      {
        onState: (state) => {
          states.push(state);
          this.#changes.notify();
        },
        onBatch: (batch) => {
          messages.push(...batch.messages.map((message) => message.payload));
          this.#changes.notify();
        },
      },
    );
    return {
      handle,
      states,
      messages,
      statuses: () => states.map((state) => state.status),
      last: () => states.at(-1),
    };
  }

  stopAll(): Promise<void> {
    return this.service.stopAll();
  }
}
