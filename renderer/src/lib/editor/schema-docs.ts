/**
 * What the docs explorer shows of a schema: root types first, then every named type, each with
 * its fields, arguments and descriptions; and a search over type and field names.
 */
import {
  getNamedType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  isEnumType,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';

export interface DocsField {
  name: string;
  type: string;
  /** The named type behind lists and non-nulls, to navigate to. */
  target: string;
  description: string | null;
  args: { name: string; type: string; description: string | null }[];
  deprecated: string | null;
}

export interface DocsType {
  name: string;
  kind: string;
  description: string | null;
  fields: DocsField[];
}

export function rootTypeNames(schema: GraphQLSchema): string[] {
  return [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
    .filter((t) => t !== null && t !== undefined)
    .map((t) => t.name);
}

export function describeType(schema: GraphQLSchema, name: string): DocsType | null {
  const type: GraphQLNamedType | undefined = schema.getType(name);
  if (!type) return null;
  const fields: DocsField[] = [];
  if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
    for (const field of Object.values(type.getFields()) as (
      GraphQLField<unknown, unknown> | GraphQLInputField
    )[]) {
      fields.push({
        name: field.name,
        type: String(field.type),
        target: getNamedType(field.type).name,
        description: field.description ?? null,
        args:
          'args' in field
            ? field.args.map((a) => ({
                name: a.name,
                type: String(a.type),
                description: a.description ?? null,
              }))
            : [],
        deprecated: field.deprecationReason ?? null,
      });
    }
  }
  return {
    name: type.name,
    kind: kindOf(type),
    description: type.description ?? null,
    fields,
  };
}

/**
 * The SDL keyword of a type. Not `constructor.name`: the production build minifies class names
 * (a header read "Query zv").
 */
export function kindOf(type: GraphQLNamedType): string {
  if (isObjectType(type)) return 'type';
  if (isInputObjectType(type)) return 'input';
  if (isEnumType(type)) return 'enum';
  if (isInterfaceType(type)) return 'interface';
  if (isUnionType(type)) return 'union';
  return 'scalar';
}

export interface DocsHit {
  type: string;
  field: string | null;
}

/** Types and fields whose name contains the text (case-insensitive), types first. */
export function searchSchema(schema: GraphQLSchema, text: string, limit = 50): DocsHit[] {
  const needle = text.trim().toLowerCase();
  if (!needle) return [];
  const hits: DocsHit[] = [];
  const types = Object.values(schema.getTypeMap()).filter((t) => !t.name.startsWith('__'));
  for (const type of types) {
    if (type.name.toLowerCase().includes(needle)) hits.push({ type: type.name, field: null });
  }
  for (const type of types) {
    if (!(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
    for (const field of Object.keys(type.getFields())) {
      if (field.toLowerCase().includes(needle)) hits.push({ type: type.name, field });
    }
  }
  return hits.slice(0, limit);
}

/** The text inserted for a field: its name, and a selection set when it returns an object. */
export function fieldSnippet(schema: GraphQLSchema, field: DocsField): string {
  const target = schema.getType(field.target);
  const args = field.args.filter((a) => a.type.endsWith('!'));
  const call = args.length > 0 ? `(${args.map((a) => `${a.name}: `).join(', ')})` : '';
  return isObjectType(target) || isInterfaceType(target)
    ? `${field.name}${call} {\n  \n}`
    : `${field.name}${call}`;
}
