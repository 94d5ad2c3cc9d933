/**
 * The demo workspace: who exists in the sandbox when a newcomer clicks "Open the demo
 * workspace". Every value here is fake on purpose (the keys start `AKIASANDBOXDEMO`, the account
 * is AWS's documentation account) and only works against the sandbox on 127.0.0.1.
 */
import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LambdaAuthorizer } from './appsync/auth-config.ts';
import type { StsFixture } from './sts/sts-fixture.ts';

export const DEMO_REGION = 'us-east-1';
export const DEMO_ACCOUNT_ID = '123456789012';

export const DEMO_PROFILES = {
  /** Static demo keys: signs as the IAM user `sandbox-demo`. */
  keys: 'sandbox-keys',
  /** Assumes the role `sandbox-admin` through the local STS, with `sandbox-keys` as the source. */
  admin: 'sandbox-admin',
} as const;

export interface DemoFixture {
  region: string;
  accountId: string;
  /** The demo GraphQL API's id (what `<id>.appsync-api.<region>.amazonaws.com` would carry). */
  apiId: string;
  /** The demo Event API's id (AppSync Events, served at `/event`). */
  eventApiId: string;
  user: { name: string; arn: string; accessKeyId: string; secretAccessKey: string };
  role: { name: string; arn: string; sessionName: string };
  apiKey: { value: string; description: string; expiresAt: number };
  /** A token the demo Lambda authorizer accepts (`AWS_LAMBDA` mode). */
  lambdaToken: string;
  /** The same people and roles, in the local STS's terms. */
  sts: StsFixture;
}

const DAY_MS = 86_400_000;

/** The demo fixture; the API key expires a year after `now`, AppSync's longest key life. */
export function createDemoFixture(now: number): DemoFixture {
  const user = {
    name: 'sandbox-demo',
    arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:user/sandbox-demo`,
    accessKeyId: 'AKIASANDBOXDEMO00001',
    secretAccessKey: 'sandboxDemoSecret/NotAnAwsKey+0000000000',
  };
  const role = {
    name: 'sandbox-admin',
    arn: `arn:aws:iam::${DEMO_ACCOUNT_ID}:role/sandbox-admin`,
    sessionName: 'sandbox-admin-demo',
  };
  return {
    region: DEMO_REGION,
    accountId: DEMO_ACCOUNT_ID,
    apiId: 'sandboxdemoapi000000000000',
    eventApiId: 'sandboxdemoevents000000000',
    user,
    role,
    apiKey: {
      value: 'da2-sandboxdemoapikey000000000',
      description: 'AppSync Workbench sandbox demo key',
      expiresAt: now + 365 * DAY_MS,
    },
    lambdaToken: 'sandbox-demo-lambda-token',
    sts: {
      users: [
        { accessKeyId: user.accessKeyId, secretAccessKey: user.secretAccessKey, arn: user.arn },
      ],
      roles: [{ arn: role.arn, trustedPrincipals: [user.arn], maxSessionDurationSeconds: 3600 }],
    },
  };
}

/**
 * The demo Lambda authorizer: accepts the fixture's token and hands resolvers a small context;
 * a token ending in `-readonly` is authorized but denied `Query.adminStats` and the mutations,
 * to show `deniedFields`.
 */
export function demoLambdaAuthorizer(fixture: DemoFixture): LambdaAuthorizer {
  return ({ authorizationToken }) => {
    if (authorizationToken === fixture.lambdaToken) {
      return { isAuthorized: true, resolverContext: { user: 'sandbox-demo', plan: 'full' } };
    }
    if (authorizationToken === `${fixture.lambdaToken}-readonly`) {
      return {
        isAuthorized: true,
        resolverContext: { user: 'sandbox-demo', plan: 'readonly' },
        deniedFields: [
          'Query.adminStats',
          'Mutation.createNote',
          'Mutation.updateNote',
          'Mutation.deleteNote',
        ],
      };
    }
    return { isAuthorized: false };
  };
}

export interface DemoAwsFiles {
  configFile: string;
  credentialsFile: string;
  profiles: { name: string; purpose: string }[];
}

/**
 * Writes a demo AWS config/credentials pair into `dir` (the app's data dir, never `~/.aws`), with
 * every AWS call of these profiles pointed at the sandbox by `endpoint_url`. Point the SDK at them
 * with `AWS_CONFIG_FILE` / `AWS_SHARED_CREDENTIALS_FILE`, or read them with the app's loader.
 */
export async function writeDemoAwsFiles(
  dir: string,
  options: { endpointUrl: string; fixture: DemoFixture },
): Promise<DemoAwsFiles> {
  const { endpointUrl, fixture } = options;
  await mkdir(dir, { recursive: true });
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  const config = [
    '# Written by AppSync Workbench for its local sandbox. These profiles only work against the',
    `# sandbox at ${endpointUrl}; the keys are fake. Safe to delete.`,
    '',
    `# Static demo keys (see the credentials file): calls as ${fixture.user.arn}.`,
    `[profile ${DEMO_PROFILES.keys}]`,
    `region = ${fixture.region}`,
    `endpoint_url = ${endpointUrl}`,
    'services = appsync-workbench-sandbox',
    '',
    `# A role chain: ${DEMO_PROFILES.keys} → AssumeRole ${fixture.role.arn} through the local STS.`,
    `[profile ${DEMO_PROFILES.admin}]`,
    `region = ${fixture.region}`,
    `role_arn = ${fixture.role.arn}`,
    `source_profile = ${DEMO_PROFILES.keys}`,
    `role_session_name = ${fixture.role.sessionName}`,
    `endpoint_url = ${endpointUrl}`,
    'services = appsync-workbench-sandbox',
    '',
    '# Per-service endpoints for SDKs that read only the services section.',
    '[services appsync-workbench-sandbox]',
    'sts =',
    `  endpoint_url = ${endpointUrl}`,
    'appsync =',
    `  endpoint_url = ${endpointUrl}`,
    '',
  ].join('\n');
  const credentials = [
    '# Fake demo keys for the AppSync Workbench sandbox; refused by AWS itself.',
    `[${DEMO_PROFILES.keys}]`,
    `aws_access_key_id = ${fixture.user.accessKeyId}`,
    `aws_secret_access_key = ${fixture.user.secretAccessKey}`,
    '',
  ].join('\n');
  await writePrivateFile(configFile, config);
  await writePrivateFile(credentialsFile, credentials);
  return {
    configFile,
    credentialsFile,
    profiles: [
      {
        name: DEMO_PROFILES.keys,
        purpose: `Static keys of the demo IAM user ${fixture.user.name}.`,
      },
      {
        name: DEMO_PROFILES.admin,
        purpose: `Assumes ${fixture.role.name} through the sandbox's STS, from ${DEMO_PROFILES.keys}.`,
      },
    ],
  };
}

/** Temp file + rename, 0600: a half-written credentials file is never visible. */
async function writePrivateFile(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, text, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, path);
}
