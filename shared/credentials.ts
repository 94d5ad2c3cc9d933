/**
 * What the renderer may know about a profile's credentials: who it is, how the chain gets there,
 * and why it failed. Every field is named and none can hold a key, secret or token.
 */

/** How one hop of a chain gets its credentials. */
export const CREDENTIAL_HOP_KINDS = [
  'static',
  'assume-role',
  'credential-source',
  'sso',
  'credential-process',
  'web-identity',
  'login',
  'environment',
  'incomplete',
] as const;

export type CredentialHopKind = (typeof CREDENTIAL_HOP_KINDS)[number];

export interface CredentialHopDTO {
  /** The profile this hop reads its settings from. */
  profile: string;
  kind: CredentialHopKind;
  /** The role this hop assumes, if it assumes one. */
  roleArn: string | null;
  /**
   * Where this hop's own credentials come from: the next profile's name (`source_profile`), a
   * `credential_source` (Environment, Ec2InstanceMetadata, EcsContainer), or null for a base hop.
   */
  source: string | null;
  /** The MFA device a code is asked for, when this hop needs one. */
  mfaSerial: string | null;
  externalId?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  /** The hop profile's own `region`. */
  region: string | null;
  /** For SSO hops: the `sso_session` name (or start URL for legacy profiles) to sign in to. */
  ssoSession?: string;
}

export interface CredentialChainDTO {
  /** The profile the user asked for. */
  profile: string;
  /** From the asked-for profile down to the one holding the base credentials. */
  hops: CredentialHopDTO[];
  /** A problem found without any network call (a loop, a missing source), or null. */
  problem: string | null;
  /** The profile where that problem sits. */
  problemProfile: string | null;
}

export interface CallerIdentityDTO {
  profile: string;
  account: string;
  arn: string;
  userId: string;
  /** When the credentials expire (ms since the epoch), or null for long-term keys. */
  expiresAt: number | null;
}

/**
 * The `details` of an AppError raised by the credentials engine: which hop failed, what AWS
 * said, and what to do next. Carries no credential, only names, ARNs and messages.
 */
export interface CredentialFailureDTO {
  /** The profile the user asked for. */
  profile: string;
  /** The hop that failed, when one can be named. */
  hop: { profile: string; kind: CredentialHopKind; roleArn: string | null } | null;
  /** 1-based position of the failing hop, counted from the asked-for profile. */
  hopIndex: number | null;
  hopCount: number | null;
  /** AWS's error code (AccessDenied, ExpiredToken, …) when AWS answered. */
  awsCode: string | null;
  awsMessage: string | null;
  /** For a failing credential_process: its exit code and (trimmed) standard error. */
  exitCode?: number | null;
  stderr?: string;
  /** What the user can do about it, in words. */
  next: string;
}
