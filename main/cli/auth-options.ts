/**
 * The auth options every command that talks to a GraphQL API shares (`query`, `schema`,
 * `subscribe`): a profile (IAM), an API key or token read from an environment variable, or an
 * OIDC sign-in. Secrets never go on the command line itself.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import type { AuthModeInput } from '../../shared/endpoints.ts';
import { UsageError } from './cli-context.ts';

export const AUTH_OPTIONS = {
  profile: { type: 'string' },
  'api-key-env': { type: 'string' },
  'token-env': { type: 'string' },
  oidc: { type: 'string' },
  'auth-mode': { type: 'string' },
  region: { type: 'string' },
  service: { type: 'string' },
  header: { type: 'string', multiple: true },
} as const;

/**
 * A private API's address (a VPC endpoint's DNS name, or host:port): the request goes there and
 * is signed for the URL's own host, named in `x-appsync-domain` (core/requests/connect-to.ts).
 */
const CONNECT_OPTION = { 'connect-to': { type: 'string' } } as const;

/** The options of a command that calls an API (`query`, `subscribe`, `events`): auth and `--connect-to`. */
export const API_OPTIONS = { ...AUTH_OPTIONS, ...CONNECT_OPTION } as const;

export function connectToOf(values: { 'connect-to'?: string | undefined }): {
  connectTo?: string;
} {
  const connectTo = values['connect-to'];
  return connectTo ? { connectTo } : {};
}

export const AUTH_USAGE =
  "[--profile P | --api-key-env VAR | --token-env VAR | --oidc NAME] [--auth-mode MODE] [--region R] [--service S] [--header 'K: V']...";

const TOKEN_MODES = ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA'] as const;
const OIDC_MODES = ['OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS'] as const;

export interface AuthValues {
  profile?: string | undefined;
  'api-key-env'?: string | undefined;
  'token-env'?: string | undefined;
  oidc?: string | undefined;
  'auth-mode'?: string | undefined;
  region?: string | undefined;
  service?: string | undefined;
  header?: string[] | undefined;
}

/** Refuses `--api-key da2-…` and friends before parsing, with the way to do it instead. */
export function refuseSecretArguments(args: string[]): void {
  for (const arg of args) {
    if (
      /^--(api-key|token|secret|password|access-key|secret-access-key|session-token)(=|$)/.test(arg)
    ) {
      throw new UsageError(
        `${arg.split('=')[0]} is not accepted: secrets never go on the command line. Use --api-key-env VAR, --token-env VAR or --oidc NAME, or a profile.`,
      );
    }
  }
}

export function authModeOf(values: AuthValues): AuthModeInput {
  const chosen = [values.profile, values['api-key-env'], values['token-env'], values.oidc].filter(
    (v) => v !== undefined,
  );
  if (chosen.length > 1) {
    throw new UsageError('choose one of --profile, --api-key-env, --token-env and --oidc.');
  }
  if (values['api-key-env']) {
    return { type: 'API_KEY', source: { from: 'env', variable: values['api-key-env'] } };
  }
  if (values.oidc) {
    const mode = values['auth-mode'] ?? 'OPENID_CONNECT';
    if (!(OIDC_MODES as readonly string[]).includes(mode)) {
      throw new UsageError(`with --oidc, --auth-mode is one of ${OIDC_MODES.join(', ')}.`);
    }
    return {
      type: mode as (typeof OIDC_MODES)[number],
      source: { from: 'oidc', provider: values.oidc },
    };
  }
  if (values['token-env']) {
    const mode = values['auth-mode'] ?? 'OPENID_CONNECT';
    if (!(TOKEN_MODES as readonly string[]).includes(mode)) {
      throw new UsageError(`--auth-mode is one of ${TOKEN_MODES.join(', ')}.`);
    }
    return {
      type: mode as (typeof TOKEN_MODES)[number],
      source: { from: 'env', variable: values['token-env'] },
    };
  }
  return {
    type: 'AWS_IAM',
    profile: values.profile ?? null,
    ...(values.region ? { region: values.region } : {}),
    ...(values.service ? { service: values.service } : {}),
  };
}

export function headersOf(values: AuthValues): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of values.header ?? []) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw new UsageError(`--header "${header}" should look like 'Name: value'.`);
    const name = header.slice(0, colon).trim().toLowerCase();
    if (['authorization', 'x-api-key', 'x-amz-security-token'].includes(name)) {
      throw new UsageError(
        `--header ${name} would put a secret on the command line; use --api-key-env, --token-env, --oidc or --profile.`,
      );
    }
    headers[name] = header.slice(colon + 1).trim();
  }
  return headers;
}

/**
 * A command on one API URL (`query`, `subscribe`, `events …`): secrets on the command line are
 * refused first, then `options` are parsed strictly and exactly one URL is expected (`oneUrl`
 * says so otherwise).
 */
export function parseUrlArgs<const O extends ParseArgsOptionsConfig>(
  args: string[],
  options: O,
  oneUrl: string,
) {
  refuseSecretArguments(args);
  const { values, positionals } = parseArgs({
    args,
    options,
    allowPositionals: true,
    strict: true,
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length) throw new UsageError(oneUrl);
  return { values, url };
}
