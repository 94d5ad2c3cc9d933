/** OIDC provider and API discovery methods over the current core (being filled in). */
import type { HandlerDeps } from './contract-handlers.ts';

export function oidcHandlers(_deps: HandlerDeps) {
  return {} as const;
}
