/**
 * What the renderer may know about IAM Identity Center (SSO) sessions. Every field is named and
 * none can hold a token: access tokens, refresh tokens and client secrets stay in main.
 */

/**
 * Which login a call is about: a session by its `SsoSessionDTO.name` (an `[sso-session x]`, or a
 * legacy profile's name), or any profile that signs in through it.
 */
export type SsoTarget = { session: string } | { profile: string };

export type SsoLoginFlow = 'device' | 'pkce';

/**
 * - `valid`: a cached access token that has not expired.
 * - `refreshable`: expired (or about to), but the cache holds a refresh token the app can use.
 * - `expired`: expired and not refreshable; the user must sign in again.
 * - `none`: no cached token (never signed in, or signed out).
 */
export type SsoTokenStatus = 'valid' | 'refreshable' | 'expired' | 'none';

export interface SsoSessionDTO {
  /** The sso-session name, or for a legacy profile (sso_start_url in the profile) its name. */
  name: string;
  kind: 'sso-session' | 'legacy-profile';
  startUrl: string;
  /** The IAM Identity Center region (`sso_region`), not any profile's `region`. */
  region: string;
  /** Profiles that sign in through this session. */
  profiles: string[];
  status: SsoTokenStatus;
  /** When the cached access token expires (ISO-8601 UTC), if there is one. */
  expiresAt: string | null;
  /** Why this session cannot be used (e.g. missing sso_region), if it cannot. */
  problem: string | null;
}

export interface SsoRoleDTO {
  roleName: string;
}

export interface SsoAccountDTO {
  accountId: string;
  accountName: string | null;
  emailAddress: string | null;
  roles: SsoRoleDTO[];
}
