/** A generated schema of `count` object types (plus enums and inputs), like a large AppSync API. */
import { buildSchema, type GraphQLSchema } from 'graphql';

export function bigSchemaSdl(count: number): string {
  const parts: string[] = ['enum Status { ACTIVE SUSPENDED DELETED }'];
  const query: string[] = [];
  for (let i = 0; i < count; i++) {
    const next = (i + 1) % count;
    parts.push(
      `"""Entity number ${i}."""\ntype Entity${i} {\n  id: ID!\n  name${i}: String\n  status: Status\n  createdAt: String\n  """Link to the next entity."""\n  next(limit: Int, filter: Filter${i % 50}): Entity${next}\n}`,
    );
    if (i < 50) parts.push(`input Filter${i} { status: Status, nameContains: String }`);
    query.push(`  entity${i}(id: ID!, status: Status): Entity${i}`);
  }
  parts.push(`type Query {\n${query.join('\n')}\n}`);
  return parts.join('\n\n');
}

export function bigSchema(count: number): GraphQLSchema {
  return buildSchema(bigSchemaSdl(count));
}
