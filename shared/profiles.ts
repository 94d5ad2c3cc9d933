/**
 * What the renderer may know about an AWS profile. Deliberately no free-form maps: every field
 * is named, so no key, secret or token can ride along by accident.
 */
export const PROFILE_KINDS = [
  'static',
  'assume-role',
  'credential-source',
  'sso',
  'credential-process',
  'web-identity',
  'login',
  'incomplete',
] as const;

export type ProfileKind = (typeof PROFILE_KINDS)[number];

/** The environment a profile is tagged with, from name patterns the user sets. */
export const ENVIRONMENT_TAGS = ['production', 'staging', 'dev'] as const;
export type EnvironmentTag = (typeof ENVIRONMENT_TAGS)[number];

/** Glob patterns (`*` matches anything) per environment; the first tag that matches wins. */
export type EnvironmentPatterns = Record<EnvironmentTag, string[]>;

/** Which file a profile's settings came from. */
export type ProfileFileKind = 'config' | 'credentials';

export interface ProfileDTO {
  name: string;
  kind: ProfileKind;
  /** The profile's own `region`, if it sets one. */
  region: string | null;
  /**
   * Profile names from this one to the one that holds the base credentials. A long chain keeps
   * its first hops and its last one, with `chainOmitted` hops left out before the last.
   */
  chain: string[];
  /** How many hops of a long chain `chain` leaves out (just before its last name); else 0. */
  chainOmitted: number;
  /** How the last hop of the chain gets credentials (e.g. "static keys", "Environment"). */
  chainBase: string | null;
  /** A problem that will stop this profile from resolving (cycle, missing source), if any. */
  chainProblem: string | null;
  roleArn: string | null;
  mfaSerial: string | null;
  ssoStartUrl: string | null;
  ssoSession: string | null;
  files: ProfileFileKind[];
  environment: EnvironmentTag | null;
}

/** A chain longer than CHAIN_HEAD + 1 hops is shown as its first CHAIN_HEAD hops and its last. */
export const CHAIN_HEAD = 8;

/** What is shown of a chain: all of a short one; of a long one, its first hops and its last. */
export function capChain<T>(hops: T[]): { shown: T[]; omitted: number } {
  if (hops.length <= CHAIN_HEAD + 1) return { shown: hops, omitted: 0 };
  return {
    shown: [...hops.slice(0, CHAIN_HEAD), ...hops.slice(-1)],
    omitted: hops.length - CHAIN_HEAD - 1,
  };
}

/** A chain as one line of text: `a → b → …and 9,990 more hops → z`. */
export function chainText(chain: string[], omitted: number): string {
  if (omitted === 0) return chain.join(' → ');
  return [...chain.slice(0, -1), omittedHops(omitted), ...chain.slice(-1)].join(' → ');
}

/** The marker standing for the hops a long chain leaves out. */
export function omittedHops(count: number): string {
  return `…and ${count.toLocaleString('en-US')} more ${count === 1 ? 'hop' : 'hops'}`;
}

export interface ConfigFileProblem {
  /** Absolute path of the file, as the user would open it. */
  file: string;
  /** 1-based line, when the problem is on one line. */
  line: number | null;
  message: string;
}

export interface ProfileListDTO {
  profiles: ProfileDTO[];
  /**
   * Names this version of `profiles`: it changes when the files, the tag patterns or the
   * session-picked profiles do, and stays the same across a select or a pin.
   */
  revision: string;
  /** The active profile's name, or null when there is none. */
  active: string | null;
  /** Where the active profile came from: the user's choice, AWS_PROFILE, or the default. */
  activeSource: 'chosen' | 'environment' | 'default' | null;
  configFile: string;
  credentialsFile: string;
  /** Region from AWS_REGION / AWS_DEFAULT_REGION, which wins over a profile's region. */
  environmentRegion: string | null;
  problems: ConfigFileProblem[];
  /** Favourites, in the order the user pinned them. */
  pinned: string[];
  /** Most recently chosen first. */
  recent: string[];
  environmentPatterns: EnvironmentPatterns;
}

/** How many profiles a listing carries to the renderer at once. */
export const PROFILE_PAGE = 1000;

/**
 * A listing as it crosses to the renderer: all but its profiles, with the first page of them.
 * The rest come from `profiles.page`, so 20,000 profiles never arrive as one 5 MB message that
 * holds the renderer's main thread (receiving and parsing it took 130 ms).
 */
export interface ProfileListHead extends Omit<ProfileListDTO, 'profiles'> {
  /** How many profiles the listing holds. */
  total: number;
  /** Its first `PROFILE_PAGE` profiles: all of them, for a list that short. */
  first: ProfileDTO[];
}

/** Profiles from `offset` on, of the listing `revision` names. */
export interface ProfilePageDTO {
  /** The listing's revision now: not the one asked for means that one is gone (and no profiles). */
  revision: string;
  profiles: ProfileDTO[];
}

/** A listing's head and first page. */
export function headOf({ profiles, ...rest }: ProfileListDTO): ProfileListHead {
  return { ...rest, total: profiles.length, first: profiles.slice(0, PROFILE_PAGE) };
}
