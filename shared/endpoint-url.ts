/**
 * An endpoint's URL as both sides read it: the region an AWS host names (main signs with it),
 * the key two URLs of one endpoint share (a pasted curl command finds its endpoint), and the
 * checks the endpoint form makes as a URL is typed — AppSync's own shapes recognised, likely
 * typos flagged, custom domains left alone. Plain string work: `shared/` has no URL class.
 */

export interface UrlParts {
  scheme: string;
  /** Lower case, without the port. */
  hostname: string;
  port: string;
  path: string;
  search: string;
}

const URL_SHAPE =
  /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]*\]|[^/?#:]*)(?::(\d*))?([^?#]*)(\?[^#]*)?(#.*)?$/i;

function urlParts(url: string): UrlParts | null {
  const match = URL_SHAPE.exec(url.trim());
  if (!match) return null;
  return {
    scheme: match[1]!.toLowerCase(),
    hostname: match[2]!.toLowerCase(),
    port: match[3] ?? '',
    path: match[4] ?? '',
    search: match[5] ?? '',
  };
}

const REGION = '[a-z]{2}(?:-[a-z]+)+-\\d+';
/** Hosts that name their signing region: AppSync, API Gateway, Lambda function URLs. */
const AWS_HOST = new RegExp(
  `^[^.]+\\.(?:appsync-api|appsync-realtime-api|execute-api|lambda-url)\\.(${REGION})\\.(?:amazonaws\\.com(?:\\.cn)?|on\\.aws)$`,
);
const APPSYNC_HOST = new RegExp(
  `^[a-z0-9]+\\.appsync-api\\.(${REGION})\\.amazonaws\\.com(?:\\.cn)?$`,
);
const APPSYNC_REALTIME_HOST = new RegExp(
  `^[a-z0-9]+\\.appsync-realtime-api\\.(${REGION})\\.amazonaws\\.com(?:\\.cn)?$`,
);
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** The signing region an AWS hostname names; null for custom domains and local hosts. */
export function regionFromUrl(url: string): string | null {
  const parts = urlParts(url);
  return parts ? (AWS_HOST.exec(parts.hostname)?.[1] ?? null) : null;
}

/** The URL as a server takes it: host case, a default port and a trailing slash aside. */
export function endpointUrlKey(url: string): string {
  const parts = urlParts(url);
  if (!parts) return url.trim();
  const defaultPort = { http: '80', https: '443' }[parts.scheme];
  const port = parts.port && parts.port !== defaultPort ? `:${parts.port}` : '';
  return `${parts.scheme}://${parts.hostname}${port}${parts.path.replace(/\/+$/, '')}${parts.search}`;
}

export interface EndpointUrlCheck {
  /** `graphql` or `event` on AppSync's own host (`<id>.appsync-api.<region>.amazonaws.com`). */
  appsync: 'graphql' | 'event' | null;
  /** The region the host names, to sign with. */
  region: string | null;
  /** Likely mistakes, each a sentence that says what to do. Empty: nothing to say. */
  warnings: string[];
}

/** What the endpoint form says about a URL as it is typed. */
export function checkEndpointUrl(input: string): EndpointUrlCheck {
  const url = input.trim();
  const none: EndpointUrlCheck = { appsync: null, region: null, warnings: [] };
  if (!url) return none;
  const warnings: string[] = [];
  if (/\s/.test(url)) warnings.push('The URL has a space in it: remove it (a URL has none).');
  const parts = urlParts(url);
  if (!parts || !parts.hostname) {
    return { ...none, warnings: [...warnings, 'Start the URL with https:// and a host name.'] };
  }
  if (parts.scheme !== 'https' && parts.scheme !== 'http') {
    warnings.push(`${parts.scheme}:// is not served: use https://.`);
  }
  const host = parts.hostname;
  if (parts.scheme === 'http' && !LOOPBACK.test(host)) {
    warnings.push(
      'http:// sends the request (and its key or signature) unencrypted, and AppSync answers only on https://: use https://.',
    );
  }
  if (/\.(con|cmo|ocm|comm)(\.cn)?$/.test(host)) {
    warnings.push(`${host} ends oddly: did you mean .com?`);
  } else if (/\.amazonaws\.co$/.test(host)) {
    warnings.push(`${host}: did you mean amazonaws.com?`);
  } else if (/\.(amazonws|amazonaw|amazoneaws|amazon-aws|amazonawss)\.com(\.cn)?$/.test(host)) {
    warnings.push(`${host}: did you mean amazonaws.com?`);
  }

  const realtime = APPSYNC_REALTIME_HOST.exec(host);
  if (realtime) {
    warnings.push(
      'This is the real-time host: give the API URL (…appsync-api…); the app derives the real-time one.',
    );
    return { appsync: null, region: realtime[1]!, warnings };
  }
  const appsync = APPSYNC_HOST.exec(host);
  if (appsync) {
    const path = parts.path.replace(/\/+$/, '');
    const kind = path === '/graphql' ? 'graphql' : path === '/event' ? 'event' : null;
    if (!kind) {
      warnings.push(
        path === ''
          ? 'AppSync serves GraphQL at /graphql (an Event API at /event): add /graphql to the URL.'
          : `AppSync serves GraphQL at /graphql (an Event API at /event), not at ${path}.`,
      );
    }
    return { appsync: kind, region: appsync[1]!, warnings };
  }
  if (/\.appsync-api\./.test(host)) {
    warnings.push(
      `${host} looks like AppSync's but is not <api-id>.appsync-api.<region>.amazonaws.com: check the region and the API id.`,
    );
  } else if (parts.path.replace(/\/+$/, '') === '' && !LOOPBACK.test(host)) {
    warnings.push('The URL has no path: an AppSync custom domain serves GraphQL at /graphql.');
  }
  return { appsync: null, region: regionFromUrl(url), warnings };
}
