import type { KeyObject } from 'node:crypto';
import type { JSONWebKeySet } from 'jose';

/**
 * Who exists and who may become whom, for the local STS. Written by tests and the demo
 * workspace; the emulator enforces it the way IAM would.
 */
export interface StsFixture {
  /** Long-term IAM users and their access keys. */
  users?: StsUser[];
  roles?: StsRole[];
  /**
   * MFA devices by serial (`arn:aws:iam::111122223333:mfa/alice`): the codes valid right now.
   * A function receives the emulator's clock time, so a test can model a TOTP window.
   * Each code is accepted at most once per serial, as AWS does.
   */
  mfaDevices?: Record<string, Iterable<string> | ((now: number) => Iterable<string>)>;
}

export interface StsUser {
  accessKeyId: string;
  secretAccessKey: string;
  /** `arn:aws:iam::<account>:user/<name>` */
  arn: string;
  userId?: string;
}

export interface StsRole {
  /** `arn:aws:iam::<account>:role/<path/><name>` */
  arn: string;
  /**
   * Principals allowed by the trust policy: an IAM user ARN, a role ARN (any session of it),
   * an exact assumed-role session ARN, `arn:aws:iam::<account>:root` (anyone in the account)
   * or `*`. Empty or absent: no IAM principal may assume it (web identity only).
   */
  trustedPrincipals?: string[];
  /** The trust policy's `sts:ExternalId` condition. */
  externalId?: string;
  /** The trust policy requires MFA with this device. */
  mfaSerial?: string;
  /** The role's MaxSessionDuration in seconds (AWS default 3600). */
  maxSessionDurationSeconds?: number;
  /** Trust for AssumeRoleWithWebIdentity. */
  webIdentity?: WebIdentityTrust;
  /** Fixed role id (`AROA…`); derived from the ARN when absent. */
  roleId?: string;
}

export interface WebIdentityTrust {
  /** The `iss` the token must carry, e.g. `https://oidc.example.test`. */
  issuer: string;
  /** The `aud` the token must carry (the OIDC provider's client id). */
  audience: string;
  /** Keys to verify the token with: a JWKS, or one public key (PEM SPKI or a KeyObject). */
  jwks?: JSONWebKeySet;
  publicKey?: string | KeyObject;
  /** `alg` of `publicKey` when given as PEM; default RS256. */
  algorithm?: string;
}

/** One call the local STS answered, for tests to assert on. */
export interface StsCall {
  service: 'sts';
  action: string;
  /** ms epoch by the emulator's clock. */
  at: number;
  signerAccessKeyId?: string;
  callerArn?: string;
  roleArn?: string;
  externalId?: string;
  serialNumber?: string;
  tokenCode?: string;
  roleSessionName?: string;
  durationSeconds?: number;
  /** `ok`, or the AWS error code returned. */
  outcome: string;
  /** Why it was refused, in words (e.g. "MFA code replayed"). */
  reason?: string;
  /** GetFederationToken's Name and inline Policy. */
  federatedName?: string;
  policy?: string;
  /** The access key id of the session issued, when one was. */
  issuedAccessKeyId?: string;
}
