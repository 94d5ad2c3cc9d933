/** Links the app may hand to the system browser: https on AWS documentation, consoles and SSO portals. */
const EXTERNAL_HOSTS = [
  /^docs\.aws\.amazon\.com$/,
  /(^|\.)console\.aws\.amazon\.com$/,
  /^[a-z0-9-]+\.awsapps\.com$/,
];

export function isAllowedExternalUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_HOSTS.some((host) => host.test(url.hostname))
  );
}

/**
 * URLs the core itself asks to open (an SSO verification page, an identity provider's login
 * page): https anywhere, or http on the loopback address for local identity providers. Never
 * file:, javascript: or custom schemes that would launch another program.
 */
export function isOpenableLoginUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username !== '' || url.password !== '') return false;
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}
