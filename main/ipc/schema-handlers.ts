/** An endpoint's schema over the current core. */
import type { schemaMethods } from '../../shared/contract/schema-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function schemaHandlers({ core }: HandlerDeps): DomainHandlers<typeof schemaMethods> {
  return {
    'schema.load': ({ endpointId, refresh, source }) =>
      core().schemas.load(endpointId, { refresh, source }),
  };
}
