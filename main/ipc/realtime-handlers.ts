/** Subscription methods over the current core (filled in by the subscriptions work). */
import type { HandlerDeps } from './contract-handlers.ts';

export function realtimeHandlers(_deps: HandlerDeps) {
  return {} as const;
}
