/**
 * What the local IAM Identity Center knows: the portal's accounts and the roles (permission
 * sets) in each, the people who can approve a login, and the timings a test may shorten.
 */
export interface SsoFixture {
  /** When set, StartDeviceAuthorization and /authorize refuse any other start URL. */
  startUrl?: string;
  accounts?: SsoAccount[];
  /** People who approve logins; the first one approves when no name is given. Default: one `sandbox-user`. */
  users?: SsoUser[];
  /** Device and authorization codes live this long (AWS: 600). */
  deviceCodeSeconds?: number;
  /** The `interval` handed to device-flow clients; polling faster answers slow_down. Default 1; 0 disables slow_down. */
  pollIntervalSeconds?: number;
  /** Lifetime of access tokens (AWS: 8 hours = 28800). */
  accessTokenSeconds?: number;
  /** Lifetime of role credentials from GetRoleCredentials (default 3600). */
  roleSessionSeconds?: number;
  /** Page size of ListAccounts/ListAccountRoles when the caller sets no maxResults (default 20). */
  defaultPageSize?: number;
  /** Portal calls allowed per second (by the peers' clock) before 429 TooManyRequestsException. */
  portalCallsPerSecond?: number;
}

export interface SsoAccount {
  accountId: string;
  accountName: string;
  emailAddress?: string;
  /** Role (permission set) names assigned in this account. */
  roles: string[];
}

export interface SsoUser {
  userName: string;
  /** Account ids this person is assigned to; absent = all accounts. */
  accounts?: string[];
}

/** One call the local SSO-OIDC or SSO portal answered, for tests to assert on. */
export interface SsoCall {
  service: 'sso-oidc' | 'sso';
  action: string;
  /** ms epoch by the peers' clock. */
  at: number;
  clientId?: string;
  grantType?: string;
  userName?: string;
  accountId?: string;
  roleName?: string;
  maxResults?: number;
  nextToken?: string;
  /** `ok`, or the error returned (e.g. `AuthorizationPendingException`). */
  outcome: string;
  issuedAccessKeyId?: string;
}
