import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { HttpTransport } from '../../../main/core/requests/http-transport.ts';

const HTTP_PROXY = 'http://http-proxy.invalid:3128';
const HTTPS_PROXY = 'http://https-proxy.invalid:3129';

/**
 * Where undici's EnvHttpProxyAgent would send a request to `url`: its own NO_PROXY parsing and
 * matching decide, and its inner agents are swapped for ones that only record the choice.
 */
function undiciChoice(noProxy: string, url: URL): string | null {
  const agent = new EnvHttpProxyAgent({ httpProxy: HTTP_PROXY, httpsProxy: HTTPS_PROXY, noProxy });
  const inner = Object.getOwnPropertySymbols(agent);
  let chosen: string | null | undefined;
  const recorder = (choice: string | null) => ({ dispatch: () => ((chosen = choice), true) });
  const roles: Record<string, string | null> = {
    'no proxy agent': null,
    'http proxy agent': HTTP_PROXY,
    'https proxy agent': HTTPS_PROXY,
  };
  for (const [description, choice] of Object.entries(roles)) {
    const symbol = inner.find((s) => s.description === description);
    assert.ok(symbol, `undici's EnvHttpProxyAgent has no "${description}" any more`);
    (agent as unknown as Record<symbol, unknown>)[symbol] = recorder(choice);
  }
  const handler = {} as Dispatcher.DispatchHandler;
  agent.dispatch({ origin: url.origin, path: '/', method: 'GET' }, handler);
  assert.notEqual(chosen, undefined, 'EnvHttpProxyAgent chose no agent');
  return chosen ?? null;
}

const NO_PROXY_VALUES = [
  'example.com',
  '.example.com',
  '*.example.com',
  'EXAMPLE.com.',
  'example.com:8443',
  'sub.example.com:443',
  'notexample.com',
  'com',
  '127.0.0.1',
  '127.0.0.1:4010',
  '.0.0.1',
  '*.127.0.0.1',
  '[::1]',
  '[::1]:8080',
  '::1',
  '::1:8080',
  'localhost',
  '*',
  '*:80',
  ' * ',
  'none.invalid,*',
  'a.com b.com,,example.com',
  '.',
  '*.',
  '',
];

const URLS = [
  'http://example.com/',
  'https://example.com/',
  'https://EXAMPLE.COM./graphql',
  'https://sub.example.com/',
  'https://deep.sub.example.com:8443/',
  'https://example.com:8443/',
  'http://notexample.com/',
  'http://xexample.com/',
  'http://127.0.0.1:4010/',
  'http://127.0.0.1/',
  'http://[::1]:8080/',
  'http://[::1]/',
  'http://localhost:3000/',
  'https://abc.appsync-api.us-east-1.amazonaws.com/graphql',
];

test('NO_PROXY goes direct exactly where undici EnvHttpProxyAgent goes direct', () => {
  let direct = 0;
  for (const noProxy of NO_PROXY_VALUES) {
    const transport = new HttpTransport({ HTTP_PROXY, HTTPS_PROXY, NO_PROXY: noProxy });
    for (const href of URLS) {
      const url = new URL(href);
      const ours = transport.proxyFor(url);
      assert.equal(ours, undiciChoice(noProxy, url), `NO_PROXY=${JSON.stringify(noProxy)} ${href}`);
      if (ours === null) direct++;
    }
  }
  // The table must exercise both answers, not agree on "always proxied".
  const total = NO_PROXY_VALUES.length * URLS.length;
  assert.ok(direct > total / 5 && direct < total - total / 5, `${direct} of ${total} direct`);
});
