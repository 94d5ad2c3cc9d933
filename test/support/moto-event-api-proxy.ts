/**
 * moto models Event APIs and channel namespaces, but writes their `created` / `lastModified` as
 * ISO strings where AppSync's wire format (and so the AWS SDK for JavaScript) has epoch
 * seconds; botocore tolerates that, the JS SDK refuses the page. This proxy forwards every call
 * to moto unchanged and rewrites only those two fields of its answers, so the test still runs
 * against moto's own model of Event APIs.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * boto3 lines (after `eu = boto('appsync', 'eu-west-1')`) creating the Event API `chat`: API key
 * and IAM connect; `default` takes the API's defaults (IAM publishes, both subscribe), `alerts`
 * its own (API key publishes, IAM subscribes).
 */
export const CHAT_EVENT_API = `chat = eu.create_api(name='chat', eventConfig={
  'authProviders': [{'authType': 'API_KEY'}, {'authType': 'AWS_IAM'}],
  'connectionAuthModes': [{'authType': 'API_KEY'}, {'authType': 'AWS_IAM'}],
  'defaultPublishAuthModes': [{'authType': 'AWS_IAM'}],
  'defaultSubscribeAuthModes': [{'authType': 'API_KEY'}, {'authType': 'AWS_IAM'}]})['api']
eu.create_channel_namespace(apiId=chat['apiId'], name='default')
eu.create_channel_namespace(apiId=chat['apiId'], name='alerts',
  publishAuthModes=[{'authType': 'API_KEY'}], subscribeAuthModes=[{'authType': 'AWS_IAM'}])`;

const ISO_FIELD = /"(created|lastModified)":\s*"([^"]+)"/g;

export async function startMotoEventApiProxy(motoUrl: string) {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = Object.fromEntries(
        Object.entries(req.headers).filter(([, v]) => typeof v === 'string') as [string, string][],
      );
      const body = Buffer.concat(chunks);
      fetch(`${motoUrl}${req.url ?? '/'}`, {
        method: req.method ?? 'GET',
        headers,
        ...(body.length ? { body } : {}),
      }).then(
        async (answer) => {
          const text = (await answer.text()).replace(
            ISO_FIELD,
            (_, field: string, iso: string) => `"${field}": ${Date.parse(iso) / 1000}`,
          );
          res.writeHead(answer.status, {
            'content-type': answer.headers.get('content-type') ?? 'application/json',
          });
          res.end(text);
        },
        () => res.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
