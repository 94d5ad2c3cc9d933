/**
 * The sandbox acting as a private AppSync API behind an address (a VPC endpoint): it checks
 * `x-appsync-domain` and verifies the signature against the API's own host, as AppSync does.
 * The private-API tests and their cross-checks with curl and botocore
 * (test/cross-check/requests) start it alike.
 */
import { startSandbox, type Sandbox } from '../../../../main/sandbox/sandbox-server.ts';

export const WHOAMI = 'query Who { whoami { authMode arn } }';
export type Whoami = { data: { whoami: { authMode: string; arn: string } } };

export interface PrivateApi {
  sandbox: Sandbox;
  /** The API's own host, `<apiId>.appsync-api.<region>.amazonaws.com`: never resolved. */
  apiHost: string;
  /** `host:port` of the sandbox, where a request to the private API is sent. */
  address: string;
}

export async function startPrivateApi(): Promise<PrivateApi> {
  const sandbox = await startSandbox({ privateApi: true });
  const { apiId, region } = sandbox.demo;
  return {
    sandbox,
    apiHost: `${apiId}.appsync-api.${region}.amazonaws.com`,
    address: new URL(sandbox.url).host,
  };
}
