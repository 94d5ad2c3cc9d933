/**
 * An endpoint's GraphQL schema as the renderer receives it: the standard introspection result
 * (build a `GraphQLSchema` with graphql-js `buildClientSchema(schema.introspection)`), where it
 * came from and when. AppSync's control plane also gives the SDL with its `@aws_*` auth
 * directives; the data plane's introspection query does not.
 */
import * as z from './zod.ts';

/**
 * `introspection`: the data-plane introspection query, sent (signed / authorized) like any
 * request. `control-plane`: AppSync's GetIntrospectionSchema with an AWS profile.
 */
export const SCHEMA_SOURCES = ['introspection', 'control-plane'] as const;
export type SchemaSource = (typeof SCHEMA_SOURCES)[number];

export const schemaLoadInputSchema = z.strictObject({
  endpointId: z.string().check(z.minLength(1), z.maxLength(64)),
  /** Ask the API again instead of using the cached copy. */
  refresh: z.optional(z.boolean()),
  /** Default: the cached copy's source, else `introspection`. */
  source: z.optional(z.enum(SCHEMA_SOURCES)),
});

export type SchemaLoadInput = z.infer<typeof schemaLoadInputSchema>;

/** The `data` of an introspection query: `{ __schema: { types, queryType, … } }`. */
export interface IntrospectionResultJSON {
  __schema: Record<string, unknown>;
}

export interface SchemaDTO {
  /** null when loaded for a bare URL (the CLI), not a saved endpoint. */
  endpointId: string | null;
  url: string;
  source: SchemaSource;
  /** When the API was asked (ISO 8601); a cached copy keeps its original time. */
  fetchedAt: string;
  fromCache: boolean;
  introspection: IntrospectionResultJSON;
  /** The SDL with `@aws_*` directives (control plane only), else null. */
  sdl: string | null;
  /** Named types, built-ins (`__*`) excluded: a size a person can read. */
  typeCount: number;
}
