/**
 * The name of a profile the user picked from an IAM Identity Center session rather than wrote:
 * `sso:<session>/<12-digit account>/<role>`. Its own small module so that resolving credentials
 * does not load the SSO sign-in machinery (and its SDK clients) just to read a name.
 */
export function virtualProfileName(session: string, accountId: string, roleName: string): string {
  return `sso:${session}/${accountId}/${roleName}`;
}

export function parseVirtualProfileName(
  name: string,
): { session: string; accountId: string; roleName: string } | null {
  const match = /^sso:([^/]+)\/(\d{12})\/(.+)$/.exec(name);
  return match ? { session: match[1]!, accountId: match[2]!, roleName: match[3]! } : null;
}
