/**
 * An endpoint as the renderer may see it: the URL, the auth modes it accepts and where each
 * mode's secret comes from. Secrets appear only as REFERENCES (a vault key or an environment
 * variable name) — there is no field that could hold an API key, a token or a credential.
 */
import * as z from 'zod/mini';

export const AUTH_MODE_TYPES = [
  'AWS_IAM',
  'API_KEY',
  'OPENID_CONNECT',
  'AMAZON_COGNITO_USER_POOLS',
  'AWS_LAMBDA',
] as const;

export type AuthModeType = (typeof AUTH_MODE_TYPES)[number];

/** Where a non-IAM mode's secret is read at run time. Never the value itself. */
export const secretSourceSchema = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('vault'),
    /** The vault key (`endpoint:<id>:<mode>`), set by `endpoints.setSecret`. */
    secretRef: z.string().check(z.minLength(1), z.maxLength(256)),
  }),
  z.strictObject({
    from: z.literal('env'),
    /** The environment variable holding the value, e.g. `APPSYNC_API_KEY`. */
    variable: z.string().check(z.regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name')),
  }),
  z.strictObject({
    from: z.literal('oidc'),
    /** An OIDC provider the user signs in with (`oidc add`); its live JWT is sent. */
    provider: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
]);

export type SecretSource = z.infer<typeof secretSourceSchema>;

/** The modes whose token an OIDC sign-in can provide (a JWT in `Authorization`). */
export const OIDC_TOKEN_MODES = ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS'] as const;

/** An API key or a Lambda authorizer token is not a JWT a sign-in issues. */
function notFromOidc(what: string) {
  return secretSourceSchema.check(
    z.refine((source) => source.from !== 'oidc', {
      message: `${what} cannot come from an OIDC sign-in; only OPENID_CONNECT and AMAZON_COGNITO_USER_POOLS modes use one. Store it in the vault or read it from an environment variable`,
    }),
  );
}

const region = z
  .string()
  .check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region like us-east-1'));

export const authModeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('AWS_IAM'),
    /** null = whichever profile is active when the request runs. */
    profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
    /** Needed when the URL does not name it (custom domains, local hosts). */
    region: z.optional(region),
    /** The SigV4 signing name: `appsync`, or e.g. `execute-api`, `lambda`. */
    service: z._default(z.string().check(z.regex(/^[a-z0-9-]+$/, 'a service name')), 'appsync'),
  }),
  z.strictObject({ type: z.literal('API_KEY'), source: notFromOidc('An API key') }),
  z.strictObject({ type: z.literal('OPENID_CONNECT'), source: secretSourceSchema }),
  z.strictObject({ type: z.literal('AMAZON_COGNITO_USER_POOLS'), source: secretSourceSchema }),
  z.strictObject({
    type: z.literal('AWS_LAMBDA'),
    source: notFromOidc('A Lambda authorizer token'),
  }),
]);

export type AuthMode = z.infer<typeof authModeSchema>;
export type AuthModeInput = z.input<typeof authModeSchema>;
export type IamAuthMode = Extract<AuthMode, { type: 'AWS_IAM' }>;

const headerName = z
  .string()
  .check(z.regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, 'an HTTP header name'));

export const endpointInputSchema = z.strictObject({
  name: z.string().check(z.minLength(1, 'an endpoint needs a name'), z.maxLength(200)),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  /** The primary mode first, then AppSync's additional providers. */
  authModes: z
    .array(authModeSchema)
    .check(z.minLength(1, 'an endpoint needs at least one auth mode')),
  headers: z._default(z.record(headerName, z.string()), {}),
});

export type EndpointInput = z.input<typeof endpointInputSchema>;

export interface EndpointDTO {
  id: string;
  name: string;
  url: string;
  authModes: AuthMode[];
  headers: Record<string, string>;
  createdAt: string;
  updatedAt: string;
}
