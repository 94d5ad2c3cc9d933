/**
 * How a profile's name is shown where space is short. Profiles of one organisation share a long
 * prefix (`acme-prod-ss-admin`, `acme-prod-ss-readonly`): cutting the end off makes them all read
 * the same, so the view keeps the distinctive end whole and lets the browser shorten the start.
 */
import type { ProfileDTO } from './profiles.ts';

/** The end kept whole: at most this many characters. */
const TAIL_MAX = 16;
/** Names this short are never split. */
const SPLIT_FROM = 12;

/**
 * Splits a name into a start (shortened with an ellipsis when it does not fit) and an end that
 * is always shown: the last separated word (`-`, `_`, `.`, `/`, `@`, `:`), or its last characters.
 */
export function splitProfileName(name: string): { head: string; tail: string } {
  if (name.length < SPLIT_FROM) return { head: name, tail: '' };
  const cut = Math.max(...['-', '_', '.', '/', '@', ':'].map((sep) => name.lastIndexOf(sep)));
  const fromWord = cut > 0 && cut < name.length - 1 ? cut : -1;
  const start =
    fromWord >= 0 && name.length - fromWord <= TAIL_MAX ? fromWord : name.length - TAIL_MAX / 2;
  return { head: name.slice(0, start), tail: name.slice(start) };
}

/** The account id in a role ARN (`arn:aws:iam::123456789012:role/Admin`), if there is one. */
export function accountOfArn(arn: string | null): string | null {
  const match = arn ? /^arn:[^:]+:iam::(\d{12}):/.exec(arn) : null;
  return match?.[1] ?? null;
}

/** The tooltip of a profile row: its full name, then what is known of account, role and region. */
export function profileTooltip(
  profile: Pick<ProfileDTO, 'name' | 'roleArn' | 'region'>,
  environmentRegion: string | null = null,
): string {
  const account = accountOfArn(profile.roleArn);
  const region = environmentRegion ?? profile.region;
  return [
    profile.name,
    account ? `Account: ${account}` : null,
    profile.roleArn ? `Role: ${profile.roleArn}` : null,
    region ? `Region: ${region}${environmentRegion ? ' (from AWS_REGION)' : ''}` : null,
  ]
    .filter((line) => line !== null)
    .join('\n');
}
