/**
 * AppSync's field-level rules on an API with several auth modes: a field with `@aws_*`
 * directives accepts those modes; otherwise its type's directives apply; a field with neither
 * accepts only the API's default (primary) mode. A Lambda authorizer may also deny fields by
 * name. A denied field resolves to null with an `Unauthorized` error, the rest still answers.
 */
import type { DirectiveNode, GraphQLObjectType, GraphQLSchema } from 'graphql';
import { isObjectType } from 'graphql';
import type { AppSyncAuthMode, CallerIdentity } from './auth-config.ts';

const DIRECTIVE_MODE: Record<string, AppSyncAuthMode> = {
  aws_iam: 'AWS_IAM',
  aws_api_key: 'API_KEY',
  aws_oidc: 'OPENID_CONNECT',
  aws_cognito_user_pools: 'AMAZON_COGNITO_USER_POOLS',
  aws_lambda: 'AWS_LAMBDA',
};

function modesOf(directives: readonly DirectiveNode[] | undefined): Set<AppSyncAuthMode> | null {
  const modes = new Set<AppSyncAuthMode>();
  for (const directive of directives ?? []) {
    const mode = DIRECTIVE_MODE[directive.name.value];
    if (mode) modes.add(mode);
  }
  return modes.size > 0 ? modes : null;
}

export class FieldAuthorization {
  readonly #allowed = new Map<string, Set<AppSyncAuthMode>>();
  readonly #apiId: string;

  constructor(schema: GraphQLSchema, defaultMode: AppSyncAuthMode, apiId: string) {
    this.#apiId = apiId;
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      const typeModes = modesOf(type.astNode?.directives);
      for (const field of Object.values((type as GraphQLObjectType).getFields())) {
        const modes = modesOf(field.astNode?.directives) ?? typeModes ?? new Set([defaultMode]);
        this.#allowed.set(`${type.name}.${field.name}`, modes);
      }
    }
  }

  /** Null when the caller may read `type.field`, else AppSync's message for the denial. */
  denial(typeName: string, fieldName: string, caller: CallerIdentity): string | null {
    const modes = this.#allowed.get(`${typeName}.${fieldName}`);
    const byMode = modes !== undefined && !modes.has(caller.mode);
    const byLambda =
      caller.mode === 'AWS_LAMBDA' &&
      caller.deniedFields.some(
        (denied) =>
          denied === `${typeName}.${fieldName}` ||
          (denied.startsWith('arn:') &&
            denied.endsWith(`:apis/${this.#apiId}/types/${typeName}/fields/${fieldName}`)),
      );
    return byMode || byLambda ? `Not Authorized to access ${fieldName} on type ${typeName}` : null;
  }
}
