/**
 * What the renderer may know about OIDC providers and sign-ins. Every field is named and none
 * can hold a token or a client secret: the provider shows only whether a secret is stored, the
 * identity only the claims a person recognises (subject, name, email) and when it ends.
 */
import * as z from './zod.ts';

/** Which token goes into the `Authorization` header: AppSync's audience check wants the ID token. */
export const OIDC_TOKEN_USES = ['id', 'access'] as const;
export type OidcTokenUse = (typeof OIDC_TOKEN_USES)[number];

/** Parameters the sign-in sets itself; a provider's extra parameters may not override them. */
export const RESERVED_AUTHORIZATION_PARAMS = [
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'scope',
  'state',
  'nonce',
  'code_challenge',
  'code_challenge_method',
  'request',
  'request_uri',
] as const;

const providerName = z
  .string()
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'a name of letters, digits, dots, dashes and underscores (at most 64)',
    ),
  );

const scope = z.string().check(z.regex(/^[\x21\x23-\x5b\x5d-\x7e]+$/, 'a scope token'));

/** What a person enters to add a provider (the CLI's `oidc add`, the providers form). */
export const oidcProviderInputSchema = z.strictObject({
  name: providerName,
  /** The issuer identifier, e.g. `https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC`. */
  issuer: z.url(),
  clientId: z.string().check(z.minLength(1), z.maxLength(512)),
  /** Only for confidential clients; stored in the vault, never returned. */
  clientSecret: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  /** `openid` is always included; add `offline_access` where refresh is wanted. */
  scopes: z.optional(z.array(scope).check(z.maxLength(50))),
  /** Extra authorization request parameters, e.g. `{ audience: "https://api.example" }`. */
  authorizationParams: z.optional(z.record(z.string().check(z.minLength(1)), z.string())),
  tokenUse: z.optional(z.enum(OIDC_TOKEN_USES)),
  /**
   * A fixed loopback redirect for providers that match it exactly, port included (Cognito:
   * `http://localhost:8765/callback`). Default: `http://127.0.0.1:<random port>/callback`.
   */
  redirectUri: z.optional(z.url()),
});

export type OidcProviderInput = z.input<typeof oidcProviderInputSchema>;

export interface OidcProviderDTO {
  name: string;
  issuer: string;
  clientId: string;
  /** Whether a client secret is stored in the vault (the secret itself never leaves main). */
  hasClientSecret: boolean;
  scopes: string[];
  authorizationParams: Record<string, string>;
  tokenUse: OidcTokenUse;
  /** null: a random loopback port per sign-in. */
  redirectUri: string | null;
}

/** Who is signed in with a provider. No token, only claims a person recognises. */
export interface OidcIdentityDTO {
  provider: string;
  issuer: string;
  subject: string;
  name: string | null;
  email: string | null;
  preferredUsername: string | null;
  /**
   * When the token sent to APIs expires (ms since the epoch), null if the provider did not say;
   * it is renewed before then where a refresh token is held.
   */
  expiresAt: number | null;
  /** Whether the sign-in can be renewed without the user (a refresh token is held). */
  refreshable: boolean;
  tokenUse: OidcTokenUse;
}

export type OidcLoginFlow = 'browser' | 'device';
