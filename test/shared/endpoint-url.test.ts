import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { checkEndpointUrl, endpointUrlKey, regionFromUrl } from '../../shared/endpoint-url.ts';

const id = 'abcdefghijklmnopqrstuvwxyz';

describe('endpoint URL checks', () => {
  test("AppSync's GraphQL and Events URLs are recognised, with their region", () => {
    assert.deepEqual(
      checkEndpointUrl(`https://${id}.appsync-api.eu-west-1.amazonaws.com/graphql`),
      {
        appsync: 'graphql',
        region: 'eu-west-1',
        warnings: [],
      },
    );
    assert.deepEqual(checkEndpointUrl(`https://${id}.appsync-api.us-east-2.amazonaws.com/event`), {
      appsync: 'event',
      region: 'us-east-2',
      warnings: [],
    });
    assert.deepEqual(
      checkEndpointUrl(`https://${id}.appsync-api.cn-north-1.amazonaws.com.cn/graphql`),
      { appsync: 'graphql', region: 'cn-north-1', warnings: [] },
    );
  });

  test('custom domains and the local sandbox are warning-free', () => {
    for (const url of [
      'https://api.example.com/graphql',
      'https://api.example.com/event',
      'http://127.0.0.1:4000/graphql',
      'http://localhost:4000/graphql',
      '',
    ]) {
      assert.deepEqual(checkEndpointUrl(url).warnings, [], url);
    }
  });

  test('likely typos are flagged as typed', () => {
    const cases: Array<[string, RegExp]> = [
      [`https://${id}.appsync-api.eu-west-1.amazonaws.con/graphql`, /did you mean \.com/],
      [`https://${id}.appsync-api.eu-west-1.amazonaws.co/graphql`, /did you mean amazonaws\.com/],
      ['https://api.example.con/graphql', /did you mean \.com/],
      [`https://${id}.appsync-api.eu-west-1.amazonaws.com`, /add \/graphql/],
      [`https://${id}.appsync-api.eu-west-1.amazonaws.com/graphq`, /not at \/graphq/],
      ['http://api.example.com/graphql', /unencrypted/],
      [`https://${id}.appsync-api.eu-west-1.amazonaws.com/ graphql`, /space/],
      [`https://${id}.appsync-api.eu-west.amazonaws.com/graphql`, /check the region/],
      [`https://${id}.appsync-realtime-api.eu-west-1.amazonaws.com/graphql`, /real-time host/],
      ['https://api.example.com', /no path/],
      ['api.example.com/graphql', /Start the URL with https:\/\//],
    ];
    for (const [url, warning] of cases) {
      const { warnings } = checkEndpointUrl(url);
      assert.ok(
        warnings.some((w) => warning.test(w)),
        `${url}: ${warnings.join(' | ')}`,
      );
    }
  });

  test('the region of other AWS hosts, none for custom domains', () => {
    assert.equal(
      regionFromUrl('https://x1.execute-api.ap-southeast-2.amazonaws.com/prod'),
      'ap-southeast-2',
    );
    assert.equal(regionFromUrl('https://abc.lambda-url.eu-central-1.on.aws/'), 'eu-central-1');
    assert.equal(regionFromUrl('https://api.example.com/graphql'), null);
  });

  test('one endpoint, one key: host case, default port and a trailing slash aside', () => {
    const key = endpointUrlKey('https://api.example.com/graphql');
    assert.equal(endpointUrlKey('HTTPS://API.Example.com:443/graphql/'), key);
    assert.notEqual(endpointUrlKey('https://api.example.com/graphql?x=1'), key);
    assert.notEqual(endpointUrlKey('https://api.example.com:8443/graphql'), key);
  });
});
