/**
 * An ad-hoc auth mode checked without zod.
 *
 * The contract and the endpoint store validate auth modes with `authModeSchema` (endpoints.ts).
 * A request or a subscription with an ad-hoc auth mode (the command line, collection runs) is
 * checked here instead: zod and the endpoint schemas cost a one-shot `appsync-workbench query`
 * about 9 ms to load and build, a tenth of its run. The figure it buys is `query` start-up
 * within 1.5× of `node -e 0`, printed by test/bench/cli.bench.ts. The rules are the schema's,
 * on the same patterns; test/shared/auth-mode-check.test.ts holds both to the same verdicts and
 * outputs on a generated corpus of valid and invalid modes.
 */
import {
  AUTH_MODE_TYPES,
  DEFAULT_SERVICE,
  ENV_VARIABLE_PATTERN,
  notFromOidcMessage,
  REGION_PATTERN,
  SERVICE_PATTERN,
  type AuthModeType,
} from './auth-modes.ts';
import type { AuthMode, SecretSource } from './endpoints.ts';

export type AuthModeCheck = { ok: true; mode: AuthMode } | { ok: false; problem: string };

class Invalid extends Error {}

type Fields = Record<string, unknown>;

function object(value: unknown, path: string): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Invalid(`${path}: expected an object`);
  }
  return value as Fields;
}

function only(fields: Fields, allowed: string[], path: string): void {
  const extra = Object.keys(fields).find((key) => !allowed.includes(key));
  if (extra !== undefined) throw new Invalid(`${path}.${extra}: not a field here`);
}

function text(value: unknown, path: string, min: number, max: number): string {
  if (typeof value !== 'string') throw new Invalid(`${path}: expected a string`);
  if (value.length < min || value.length > max) {
    throw new Invalid(`${path}: expected ${min} to ${max} characters`);
  }
  return value;
}

function matching(value: unknown, path: string, pattern: RegExp, what: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw new Invalid(`${path}: ${what}`);
  return value;
}

function secretSource(value: unknown, path: string): SecretSource {
  const fields = object(value, path);
  switch (fields.from) {
    case 'vault':
      only(fields, ['from', 'secretRef'], path);
      return { from: 'vault', secretRef: text(fields.secretRef, `${path}.secretRef`, 1, 256) };
    case 'env':
      only(fields, ['from', 'variable'], path);
      return {
        from: 'env',
        variable: matching(
          fields.variable,
          `${path}.variable`,
          ENV_VARIABLE_PATTERN,
          'an environment variable name',
        ),
      };
    case 'oidc':
      only(fields, ['from', 'provider'], path);
      return { from: 'oidc', provider: text(fields.provider, `${path}.provider`, 1, 64) };
    default:
      throw new Invalid(`${path}.from: expected vault, env or oidc`);
  }
}

function authMode(value: unknown): AuthMode {
  const fields = object(value, 'auth');
  const type = fields.type;
  if (type === 'AWS_IAM') {
    only(fields, ['type', 'profile', 'region', 'service'], 'auth');
    const profile = fields.profile === null ? null : text(fields.profile, 'auth.profile', 1, 256);
    const region =
      fields.region === undefined
        ? undefined
        : matching(fields.region, 'auth.region', REGION_PATTERN, 'an AWS region like us-east-1');
    const service =
      fields.service === undefined
        ? DEFAULT_SERVICE
        : matching(fields.service, 'auth.service', SERVICE_PATTERN, 'a service name');
    return region === undefined ? { type, profile, service } : { type, profile, region, service };
  }
  if (!(AUTH_MODE_TYPES as readonly unknown[]).includes(type)) {
    throw new Invalid(`auth.type: expected one of ${AUTH_MODE_TYPES.join(', ')}`);
  }
  only(fields, ['type', 'source'], 'auth');
  const source = secretSource(fields.source, 'auth.source');
  if (source.from === 'oidc' && (type === 'API_KEY' || type === 'AWS_LAMBDA')) {
    throw new Invalid(
      `auth.source: ${notFromOidcMessage(type === 'API_KEY' ? 'An API key' : 'A Lambda authorizer token')}`,
    );
  }
  return { type: type as Exclude<AuthModeType, 'AWS_IAM'>, source } as AuthMode;
}

/** The auth mode `value` describes, or what is wrong with it (path first, like `auth.region: …`). */
export function checkAuthMode(value: unknown): AuthModeCheck {
  try {
    return { ok: true, mode: authMode(value) };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, problem: error.message };
    throw error;
  }
}
