/**
 * RequestLogs for the `ops` profile (moto's static keys, eu-west-1) pointed at a CloudWatch Logs
 * endpoint the standard way (AWS_ENDPOINT_URL_CLOUDWATCH_LOGS), and two request ids: the
 * request-logs tests and the cross-check against moto (test/cross-check/logs) share them.
 */
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { RequestLogs } from '../../../main/core/logs/request-logs.ts';
import { MOTO_KEYS } from '../../support/moto-server.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const credentials = new StaticCredentialSource({
  ops: { credentials: [MOTO_KEYS], region: 'eu-west-1' },
});

export function logs(endpoint: string): RequestLogs {
  const environment: CoreEnvironment = {
    env: {
      AWS_CONFIG_FILE: '/nonexistent/config',
      AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: endpoint,
    },
    homeDir: '/nonexistent',
    dataDir: '/nonexistent',
  };
  return new RequestLogs({ environment, credentials });
}

/** The request whose lines are asked for, and another one whose lines are mixed in. */
export const MINE = '5d1c7e9a-0c59-4bd2-9a6f-4f6f1c7b2e11';
export const OTHER = '9f0e3b2a-7d41-4c1e-8b3a-2a6d5e4c3b21';
