/**
 * The signing region an AWS hostname names, e.g. `abc.appsync-api.eu-west-1.amazonaws.com`.
 * Custom domains and local hosts name none: the user (or the profile) must say which.
 */
const AWS_HOST =
  /^[^.]+\.(?:appsync-api|appsync-realtime-api|execute-api|lambda-url)\.([a-z]{2}(?:-[a-z]+)+-\d+)\.(?:amazonaws\.com(?:\.cn)?|on\.aws)$/;

export function regionFromUrl(url: string): string | null {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
  return AWS_HOST.exec(host)?.[1] ?? null;
}
