/** An endpoint's GraphQL schema, introspected or read from a file. */
import { schemaLoadInputSchema, type SchemaDTO } from '../schema.ts';
import { returns } from './common.ts';

export const schemaMethods = {
  'schema.load': {
    input: schemaLoadInputSchema,
    output: returns<SchemaDTO>(),
  },
} as const;
