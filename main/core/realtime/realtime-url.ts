/**
 * Where a GraphQL endpoint's subscriptions go. AppSync's own hosts swap `appsync-api` for
 * `appsync-realtime-api` (same path, `wss://`); custom domains and local endpoints serve the
 * real-time protocol at `<graphql url>/realtime` (`ws://` for a plain-http local endpoint).
 */
const APPSYNC_HOST = /^[a-z0-9]+\.appsync-api\.[a-z]{2}(?:-[a-z]+)+-\d+\.amazonaws\.com(?:\.cn)?$/i;

export function realtimeUrl(graphqlUrl: URL): URL {
  const url = new URL(graphqlUrl.href);
  url.search = '';
  url.hash = '';
  if (APPSYNC_HOST.test(url.hostname)) {
    url.hostname = url.hostname.replace('.appsync-api.', '.appsync-realtime-api.');
  } else {
    url.pathname = `${url.pathname.replace(/\/$/, '')}/realtime`;
  }
  url.protocol = graphqlUrl.protocol === 'http:' ? 'ws:' : 'wss:';
  return url;
}

/** `<graphql url>/connect`: what the IAM connect step is signed as. */
export function connectSigningUrl(graphqlUrl: URL): URL {
  const url = new URL(graphqlUrl.href);
  url.search = '';
  url.hash = '';
  url.pathname = `${url.pathname.replace(/\/$/, '')}/connect`;
  return url;
}
