/**
 * AppSync's auth modes and the patterns their fields follow, without zod: shared by the schema
 * (endpoints.ts) and the zod-free check (auth-mode-check.ts).
 */
export const AUTH_MODE_TYPES = [
  'AWS_IAM',
  'API_KEY',
  'OPENID_CONNECT',
  'AMAZON_COGNITO_USER_POOLS',
  'AWS_LAMBDA',
] as const;

export type AuthModeType = (typeof AUTH_MODE_TYPES)[number];

/** The modes whose token an OIDC sign-in can provide (a JWT in `Authorization`). */
export const OIDC_TOKEN_MODES = ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS'] as const;

export const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
export const SERVICE_PATTERN = /^[a-z0-9-]+$/;
export const ENV_VARIABLE_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
export const DEFAULT_SERVICE = 'appsync';

/**
 * The start of every environment variable a saved endpoint may read its secret from: the user
 * exports these for the workbench on purpose, and no endpoint file can name another variable of
 * theirs (AWS_SECRET_ACCESS_KEY, a CI token) to have it sent to its URL.
 */
export const ENDPOINT_ENV_PREFIX = 'APPSYNC_WORKBENCH_';

/** Why an API key or a Lambda token cannot come from a sign-in (the schema's message too). */
export function notFromOidcMessage(what: string): string {
  return `${what} cannot come from an OIDC sign-in; only OPENID_CONNECT and AMAZON_COGNITO_USER_POOLS modes use one. Store it in the vault or read it from an environment variable`;
}

/**
 * Where a private API is reached (a VPC endpoint's DNS name, or host:port): requests go there
 * while naming and signing for the API's own host (`x-appsync-domain`). No scheme, no path.
 */
export const CONNECT_TO_PATTERN =
  /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)(?::\d{1,5})?$/;

/** An AppSync API id (the first label of `<id>.appsync-api.<region>.amazonaws.com`). */
export const API_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
