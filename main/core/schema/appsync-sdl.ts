/**
 * AppSync's SDL (GetIntrospectionSchema, format SDL) turned into the standard introspection
 * result the editor builds its schema from. AppSync's SDL uses its own scalars and `@aws_*`
 * directives; where the text does not declare them they are declared here (as AppSync
 * documents them), so graphql-js can build the schema.
 */
import {
  buildASTSchema,
  introspectionFromSchema,
  Kind,
  parse,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';
import type { IntrospectionResultJSON } from '../../../shared/schema.ts';

const AWS_SCALARS = [
  'AWSDate',
  'AWSTime',
  'AWSDateTime',
  'AWSTimestamp',
  'AWSEmail',
  'AWSJSON',
  'AWSURL',
  'AWSPhone',
  'AWSIPAddress',
];

const AWS_DIRECTIVES: Record<string, string> = {
  aws_api_key: 'directive @aws_api_key on OBJECT | FIELD_DEFINITION',
  aws_iam: 'directive @aws_iam on OBJECT | FIELD_DEFINITION',
  aws_oidc: 'directive @aws_oidc on OBJECT | FIELD_DEFINITION',
  aws_lambda: 'directive @aws_lambda on OBJECT | FIELD_DEFINITION',
  aws_cognito_user_pools:
    'directive @aws_cognito_user_pools(cognito_groups: [String]) on OBJECT | FIELD_DEFINITION',
  aws_auth: 'directive @aws_auth(cognito_groups: [String]) on FIELD_DEFINITION',
  aws_subscribe: 'directive @aws_subscribe(mutations: [String]) on FIELD_DEFINITION',
  aws_publish: 'directive @aws_publish(subscriptions: [String]) on FIELD_DEFINITION',
  deprecated: '',
};

function declared(document: DocumentNode): { types: Set<string>; directives: Set<string> } {
  const types = new Set<string>();
  const directives = new Set<string>();
  for (const definition of document.definitions as readonly DefinitionNode[]) {
    if (definition.kind === Kind.DIRECTIVE_DEFINITION) directives.add(definition.name.value);
    else if ('name' in definition && definition.name) types.add(definition.name.value);
  }
  return { types, directives };
}

export function introspectionFromSdl(sdl: string): IntrospectionResultJSON {
  const document = parse(sdl);
  const { types, directives } = declared(document);
  const extra: string[] = [];
  for (const scalar of AWS_SCALARS) {
    if (!types.has(scalar) && new RegExp(`\\b${scalar}\\b`).test(sdl))
      extra.push(`scalar ${scalar}`);
  }
  for (const [name, definition] of Object.entries(AWS_DIRECTIVES)) {
    if (definition && !directives.has(name) && sdl.includes(`@${name}`)) extra.push(definition);
  }
  const full = extra.length
    ? {
        ...document,
        definitions: [...document.definitions, ...parse(extra.join('\n')).definitions],
      }
    : document;
  const schema = buildASTSchema(full, { assumeValidSDL: true });
  return introspectionFromSchema(schema) as unknown as IntrospectionResultJSON;
}
