/**
 * Each endpoint's GraphQL schema, built once from main's introspection result and shared by the
 * editors of every tab on that endpoint. A schema that cannot be loaded is remembered with its
 * reason (e.g. introspection disabled), and the editors work without one.
 */
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { getContext, setContext } from 'svelte';
import { IpcClientError, type Api } from '../../../../shared/client.ts';
import type { SchemaSource } from '../../../../shared/schema.ts';

/** Why an endpoint's schema could not be loaded, with the error's code to choose a next step. */
export interface SchemaProblem {
  message: string;
  /** The API refused the introspection query: AppSync's control plane may still answer. */
  tryControlPlane: boolean;
}

const KEY = Symbol('schemas');

export class SchemasState {
  schemas = $state.raw<Record<string, GraphQLSchema>>({});
  problems = $state<Record<string, SchemaProblem>>({});
  // Bookkeeping only, not state: which loads are in flight.
  readonly #loading: Record<string, Promise<void>> = {};
  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  /** The endpoint's schema, once loaded (see `ensure`). */
  schemaFor(endpointId: string | null): GraphQLSchema | null {
    return endpointId ? (this.schemas[endpointId] ?? null) : null;
  }

  /** Starts loading the endpoint's schema unless it is loaded, loading, or known to fail. */
  ensure(endpointId: string): void {
    if (!this.schemas[endpointId] && !this.problems[endpointId]) void this.load(endpointId);
  }

  problemFor(endpointId: string | null): SchemaProblem | null {
    return endpointId ? (this.problems[endpointId] ?? null) : null;
  }

  /**
   * Loads (or with `refresh`, asks the API again for) the endpoint's schema; `source` picks
   * AppSync's control plane when the API refuses the introspection query.
   */
  load(endpointId: string, refresh = false, source?: SchemaSource): Promise<void> {
    const running = this.#loading[endpointId];
    if (running && !refresh) return running;
    const load = (async () => {
      try {
        const loaded = await this.#api.schema.load({
          endpointId,
          refresh,
          ...(source ? { source } : {}),
        });
        const schema = buildClientSchema(loaded.introspection as unknown as IntrospectionQuery);
        this.schemas = { ...this.schemas, [endpointId]: schema };
        delete this.problems[endpointId];
      } catch (error) {
        this.problems[endpointId] = {
          message: (error as Error).message,
          tryControlPlane:
            error instanceof IpcClientError &&
            error.code === 'INTROSPECTION_DISABLED' &&
            (error.details as { source?: string } | undefined)?.source === 'introspection',
        };
      } finally {
        delete this.#loading[endpointId];
      }
    })();
    this.#loading[endpointId] = load;
    return load;
  }
}

export function provideSchemas(state: SchemasState): SchemasState {
  return setContext(KEY, state);
}

export function useSchemas(): SchemasState {
  const state = getContext<SchemasState | undefined>(KEY);
  if (!state) throw new Error('useSchemas() needs provideSchemas() in a parent component');
  return state;
}
