/**
 * What an AppSync API is configured to accept: one primary authorization mode plus additional
 * providers, the same model as AppSync's `authenticationType` + `additionalAuthenticationProviders`.
 */
import type { JSONWebKeySet } from 'jose';

export const AUTH_MODES = [
  'AWS_IAM',
  'API_KEY',
  'OPENID_CONNECT',
  'AMAZON_COGNITO_USER_POOLS',
  'AWS_LAMBDA',
] as const;

export type AppSyncAuthMode = (typeof AUTH_MODES)[number];

/** An API key as AppSync stores it: the value clients send and when it stops working. */
export interface ApiKeyEntry {
  /** The value sent in `x-api-key` (AppSync's look `da2-…`). */
  id: string;
  /** ms since the epoch; the key is refused from this instant on. */
  expiresAt: number;
  description?: string;
}

/**
 * A JWT issuer trusted by the API (an OIDC provider or a Cognito user pool). Keys come from
 * `keySet`, else `jwksUrl`, else the issuer's discovery document (`/.well-known/openid-configuration`
 * → `jwks_uri`), which is what AppSync does with an OIDC issuer URL.
 */
export interface JwtProviderConfig {
  issuer: string;
  /** AppSync's "client id": matched against `aud` (and `client_id` for Cognito access tokens). Unset = any. */
  clientId?: string | RegExp;
  jwksUrl?: string;
  keySet?: JSONWebKeySet;
  /** Leeway for `exp`/`nbf`, seconds. Default 5 (AppSync has none documented; a little spares flaky clocks). */
  clockToleranceSeconds?: number;
  /** AppSync's `iatTTL`: refuse tokens issued longer ago than this, ms. */
  issuedAtTtlMs?: number;
}

/** What an AWS_LAMBDA authorizer receives (the fields AppSync documents, minus AWS-only ones). */
export interface LambdaAuthorizerEvent {
  authorizationToken: string;
  requestContext: {
    apiId: string;
    accountId: string;
    requestId: string;
    queryString: string;
    operationName: string | undefined;
    variables: Record<string, unknown>;
  };
  requestHeaders: Record<string, string>;
}

/** AppSync's Lambda authorizer response. */
export interface LambdaAuthorizerResult {
  isAuthorized: boolean;
  resolverContext?: Record<string, string>;
  /** `Type.field` or the field ARN (`arn:aws:appsync:…:apis/<id>/types/<Type>/fields/<field>`). */
  deniedFields?: string[];
  ttlOverride?: number;
}

export type LambdaAuthorizer = (
  event: LambdaAuthorizerEvent,
) => LambdaAuthorizerResult | Promise<LambdaAuthorizerResult>;

export type AuthProvider =
  | { mode: 'AWS_IAM' }
  | { mode: 'API_KEY' }
  | { mode: 'OPENID_CONNECT'; openid: JwtProviderConfig }
  | { mode: 'AMAZON_COGNITO_USER_POOLS'; userPool: JwtProviderConfig }
  | { mode: 'AWS_LAMBDA'; authorizer: LambdaAuthorizer };

export interface AppSyncApiConfig {
  apiId: string;
  accountId: string;
  region: string;
  /** The default mode: fields without `@aws_*` directives accept only this one. */
  primary: AuthProvider;
  additional?: AuthProvider[];
  /**
   * A private API (`visibility: PRIVATE`): reached only through an address (a VPC endpoint),
   * with its own host in `x-appsync-domain`. See private-api.ts.
   */
  privateApi?: boolean;
}

/** Who made the call, as resolvers see it (AppSync's `$context.identity`, no secrets). */
export type CallerIdentity =
  | {
      mode: 'AWS_IAM';
      accountId: string;
      userArn: string;
      userId: string;
      accessKeyId: string;
      kind: 'user' | 'assumed-role' | 'federated-user';
    }
  | { mode: 'API_KEY'; apiKeyDescription: string | null }
  | {
      mode: 'OPENID_CONNECT' | 'AMAZON_COGNITO_USER_POOLS';
      sub: string | null;
      issuer: string;
      claims: Record<string, unknown>;
    }
  | {
      mode: 'AWS_LAMBDA';
      resolverContext: Record<string, string>;
      deniedFields: string[];
    };

export function enabledModes(api: AppSyncApiConfig): AuthProvider[] {
  return [api.primary, ...(api.additional ?? [])];
}
