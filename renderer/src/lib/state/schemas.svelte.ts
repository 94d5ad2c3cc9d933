/**
 * Each endpoint's GraphQL schema, built once from main's introspection result and shared by the
 * editors of every tab on that endpoint. A schema that cannot be loaded is remembered with its
 * reason (e.g. introspection disabled), and the editors work without one.
 */
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { getContext, setContext } from 'svelte';
import type { Api } from '../../../../shared/client.ts';

const KEY = Symbol('schemas');

export class SchemasState {
  schemas = $state.raw<Record<string, GraphQLSchema>>({});
  problems = $state<Record<string, string>>({});
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

  problemFor(endpointId: string | null): string | null {
    return endpointId ? (this.problems[endpointId] ?? null) : null;
  }

  load(endpointId: string, refresh = false): Promise<void> {
    const running = this.#loading[endpointId];
    if (running && !refresh) return running;
    const load = (async () => {
      try {
        const loaded = await this.#api.schema.load({ endpointId, refresh });
        const schema = buildClientSchema(loaded.introspection as unknown as IntrospectionQuery);
        this.schemas = { ...this.schemas, [endpointId]: schema };
        delete this.problems[endpointId];
      } catch (error) {
        this.problems[endpointId] = (error as Error).message;
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
