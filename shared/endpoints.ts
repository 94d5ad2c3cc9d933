/**
 * An endpoint as the renderer may see it: the URL, the auth modes it accepts and where each
 * mode's secret comes from. Secrets appear only as REFERENCES (a vault key or an environment
 * variable name) — there is no field that could hold an API key, a token or a credential.
 */
import {
  DEFAULT_SERVICE,
  ENV_VARIABLE_PATTERN,
  notFromOidcMessage,
  API_ID_PATTERN,
  CONNECT_TO_PATTERN,
  REGION_PATTERN,
  SERVICE_PATTERN,
} from './auth-modes.ts';
import * as z from './zod.ts';

// The mode names and patterns live in auth-modes.ts, zod-free, beside the check that requests
// with an ad-hoc auth mode use; re-exported here for the modules that know them from here.
export {
  AUTH_MODE_TYPES,
  ENDPOINT_ENV_PREFIX,
  OIDC_TOKEN_MODES,
  type AuthModeType,
} from './auth-modes.ts';

/** Where a non-IAM mode's secret is read at run time. Never the value itself. */
export const secretSourceSchema = z.discriminatedUnion('from', [
  z.strictObject({
    from: z.literal('vault'),
    /** The vault key (`endpoint:<id>:<mode>`), set by `endpoints.setSecret`. */
    secretRef: z.string().check(z.minLength(1), z.maxLength(256)),
  }),
  z.strictObject({
    from: z.literal('env'),
    /** The environment variable holding the value, e.g. `APPSYNC_WORKBENCH_API_KEY`. */
    variable: z.string().check(z.regex(ENV_VARIABLE_PATTERN, 'an environment variable name')),
  }),
  z.strictObject({
    from: z.literal('oidc'),
    /** An OIDC provider the user signs in with (`oidc add`); its live JWT is sent. */
    provider: z.string().check(z.minLength(1), z.maxLength(64)),
  }),
]);

export type SecretSource = z.infer<typeof secretSourceSchema>;

/** An API key or a Lambda authorizer token is not a JWT a sign-in issues. */
function notFromOidc(what: string) {
  return secretSourceSchema.check(
    z.refine((source) => source.from !== 'oidc', { message: notFromOidcMessage(what) }),
  );
}

const region = z.string().check(z.regex(REGION_PATTERN, 'an AWS region like us-east-1'));

export const authModeSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('AWS_IAM'),
    /** null = whichever profile is active when the request runs. */
    profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
    /** Needed when the URL does not name it (custom domains, local hosts). */
    region: z.optional(region),
    /** The SigV4 signing name: `appsync`, or e.g. `execute-api`, `lambda`. */
    service: z._default(
      z.string().check(z.regex(SERVICE_PATTERN, 'a service name')),
      DEFAULT_SERVICE,
    ),
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

export const connectToSchema = z
  .string()
  .check(
    z.regex(CONNECT_TO_PATTERN, 'a host or host:port to connect to (a VPC endpoint DNS name)'),
  );

export const endpointInputSchema = z.strictObject({
  name: z.string().check(z.minLength(1, 'an endpoint needs a name'), z.maxLength(200)),
  url: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }),
  /** The primary mode first, then AppSync's additional providers. */
  authModes: z
    .array(authModeSchema)
    .check(z.minLength(1, 'an endpoint needs at least one auth mode')),
  headers: z._default(z.record(headerName, z.string()), {}),
  /** A private API's VPC endpoint (or any address): see CONNECT_TO_PATTERN. '' clears it. */
  connectTo: z.optional(z.union([z.literal(''), connectToSchema])),
  /** The AppSync API id, for a custom domain whose host does not name it (logs need it). */
  apiId: z.optional(
    z.union([z.literal(''), z.string().check(z.regex(API_ID_PATTERN, 'an AppSync API id'))]),
  ),
  /** Discovery found the API private (`visibility: PRIVATE`): reachable only from its VPC. */
  privateApi: z.optional(z.boolean()),
});

export type EndpointInput = z.input<typeof endpointInputSchema>;

export interface EndpointDTO {
  id: string;
  name: string;
  url: string;
  authModes: AuthMode[];
  headers: Record<string, string>;
  connectTo?: string;
  apiId?: string;
  privateApi?: boolean;
  createdAt: string;
  updatedAt: string;
}
