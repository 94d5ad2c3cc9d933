import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAuthMode } from '../../shared/auth-mode-check.ts';
import { AUTH_MODE_TYPES } from '../../shared/auth-modes.ts';
import { authModeSchema } from '../../shared/endpoints.ts';

/** Every combination of the given field values (a key left out where the value is ABSENT). */
const ABSENT = Symbol('absent');
function combinations(fields: Record<string, unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}];
  for (const [key, values] of Object.entries(fields)) {
    out = out.flatMap((partial) =>
      values.map((value) => (value === ABSENT ? partial : { ...partial, [key]: value })),
    );
  }
  return out;
}

const strings = (...extra: unknown[]) => [ABSENT, null, 7, '', 'x', 'a'.repeat(257), ...extra];

const sources = [
  ABSENT,
  null,
  'vault',
  [],
  ...combinations({ from: ['vault'], secretRef: strings('endpoint:1:API_KEY', 'a'.repeat(256)) }),
  ...combinations({ from: ['env'], variable: strings('APPSYNC_KEY', '_x1', '1X', 'A-B', 'a b') }),
  ...combinations({ from: ['oidc'], provider: strings('corp', 'a'.repeat(64), 'a'.repeat(65)) }),
  { from: 'file', path: '/tmp/key' },
  { from: 'env', variable: 'OK', extra: true },
];

const corpus: unknown[] = [
  null,
  'AWS_IAM',
  [],
  {},
  { type: 'NONE' },
  ...combinations({
    type: ['AWS_IAM'],
    profile: strings('dev', 'a'.repeat(256)),
    region: [
      ABSENT,
      undefined,
      'us-east-1',
      'eu-central-2',
      'cn-north-1',
      'us-gov-west-1',
      'useast1',
      'EU-WEST-1',
      7,
    ],
    service: [ABSENT, undefined, 'appsync', 'execute-api', 'Lambda', '', 3],
  }),
  { type: 'AWS_IAM', profile: null, extra: 1 },
  ...AUTH_MODE_TYPES.filter((type) => type !== 'AWS_IAM').flatMap((type) => [
    ...sources.map((source) => (source === ABSENT ? { type } : { type, source })),
    { type, source: { from: 'env', variable: 'X' }, profile: null },
  ]),
];

test('the zod-free check agrees with authModeSchema on every input of a broad corpus', () => {
  assert.ok(corpus.length > 500, `${corpus.length} inputs`);
  let accepted = 0;
  for (const input of corpus) {
    const byZod = authModeSchema.safeParse(input);
    const byHand = checkAuthMode(input);
    const shown = JSON.stringify(input);
    assert.equal(byHand.ok, byZod.success, `${shown}: ${byHand.ok ? 'accepted' : byHand.problem}`);
    if (byHand.ok && byZod.success) {
      accepted++;
      // JSON: an optional key given as undefined is the same request either way.
      assert.equal(JSON.stringify(byHand.mode), JSON.stringify(byZod.data), shown);
    }
  }
  assert.ok(accepted > 100 && accepted < corpus.length / 2, `${accepted} accepted`);
});

test('a refusal names the field and what it should be', () => {
  const problem = (input: unknown) => {
    const check = checkAuthMode(input);
    assert.equal(check.ok, false);
    return check.ok ? '' : check.problem;
  };
  assert.equal(
    problem({ type: 'AWS_IAM', profile: 'dev', region: 'eu-west' }),
    'auth.region: an AWS region like us-east-1',
  );
  assert.match(problem({ type: 'GRAPHQL' }), /^auth\.type: expected one of AWS_IAM, API_KEY/);
  assert.equal(
    problem({ type: 'API_KEY', source: { from: 'env', variable: 'MY-KEY' } }),
    'auth.source.variable: an environment variable name',
  );
  assert.match(
    problem({ type: 'AWS_LAMBDA', source: { from: 'oidc', provider: 'corp' } }),
    /^auth\.source: A Lambda authorizer token cannot come from an OIDC sign-in/,
  );
  assert.equal(problem({ type: 'AWS_IAM', profile: null, key: 'x' }), 'auth.key: not a field here');
  assert.equal(problem({ type: 'AWS_IAM' }), 'auth.profile: expected a string');
});
