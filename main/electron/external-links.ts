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
