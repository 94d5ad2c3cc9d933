/**
 * Turns whatever stopped a resolution (an AWS error on a hop, a failing process, an expired
 * sign-in, a broken chain) into one AppError that says which hop failed, what AWS said, and
 * what to do next, in words. Only names, ARNs and AWS's messages go in: never a credential.
 */
import type { CredentialFailureDTO } from '../../../shared/credentials.ts';
import { AppError, type ErrorCode } from '../../../shared/errors.ts';
import type { CredentialChain, CredentialHop } from './credential-chain.ts';

const diagnosed = new WeakSet<AppError>();

export type HopAction = 'resolve' | 'identity';

interface AwsErrorLike {
  name?: string;
  Code?: string;
  message?: string;
  code?: string;
  $metadata?: unknown;
}

/** An answer from AWS carries an HTTP status; a network failure (also given $metadata) does not. */
function awsCodeOf(error: AwsErrorLike): string | null {
  const status = (error.$metadata as { httpStatusCode?: number } | undefined)?.httpStatusCode;
  if (status === undefined && error.Code === undefined) return null;
  return error.Code ?? error.name ?? null;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'EHOSTUNREACH',
]);

function hopLabel(chain: CredentialChain, index: number): string {
  const hop = chain.hops[index];
  if (!hop) return `profile "${chain.profile}"`;
  const role = hop.roleArn ? `, role ${hop.roleArn}` : '';
  const position = chain.hops.length > 1 ? `hop ${index + 1} of ${chain.hops.length}: ` : '';
  return `${position}profile "${hop.profile}"${role}`;
}

/** Who signed the call that failed on this hop: the profile (or source) below it. */
function signerOf(chain: CredentialChain, index: number): string {
  const hop = chain.hops[index];
  if (!hop) return 'its source';
  if (hop.credentialSource) return `the ${hop.credentialSource} credentials`;
  const below = chain.hops[index + 1];
  return below ? `profile "${below.profile}"` : 'its source';
}

function awsAdvice(
  code: string,
  message: string,
  chain: CredentialChain,
  index: number,
  action: HopAction,
): { code: ErrorCode; next: string } {
  const hop = chain.hops[index] as CredentialHop | undefined;
  const assuming = action === 'resolve' && !!hop?.roleArn;
  const signer = assuming ? signerOf(chain, index) : `profile "${hop?.profile ?? chain.profile}"`;
  const bare = code.replace(/Exception$/, '');
  if (bare === 'AccessDenied' && assuming) {
    if (/MultiFactorAuthentication|MFA/i.test(message)) {
      return {
        code: 'ASSUME_ROLE_DENIED',
        next: `Enter the current code from MFA device ${hop?.mfaSerial ?? '(mfa_serial)'}; each code works only once, so wait for a new one if you just used it.`,
      };
    }
    const conditions = [
      hop?.externalId !== undefined
        ? 'its external_id matches the one the trust policy expects'
        : `if the trust policy requires an external id, set external_id on profile "${hop?.profile}"`,
      hop?.mfaSerial
        ? `its mfa_serial (${hop.mfaSerial}) is the device the trust policy expects`
        : null,
    ].filter(Boolean);
    return {
      code: 'ASSUME_ROLE_DENIED',
      next: `Check that the trust policy of ${hop?.roleArn} lets ${signer} assume it and that ${signer} is allowed sts:AssumeRole on it; ${conditions.join('; ')}.`,
    };
  }
  if (bare === 'ExpiredToken') {
    return {
      code: 'EXPIRED_TOKEN',
      next: `The session token of ${signer} has expired: refresh it (a new aws_session_token, a new sign-in, or "Forget credentials" and try again).`,
    };
  }
  if (bare === 'InvalidClientTokenId') {
    return {
      code: 'INVALID_CLIENT_TOKEN',
      next: `AWS does not know the access key of ${signer}: check aws_access_key_id (it may be mistyped, deactivated or deleted) and its session token.`,
    };
  }
  if (bare === 'SignatureDoesNotMatch') {
    return {
      code: 'INVALID_CLIENT_TOKEN',
      next: `The secret key of ${signer} does not match its access key id: check aws_secret_access_key.`,
    };
  }
  if (bare === 'RegionDisabled') {
    return {
      code: 'CREDENTIALS_UNRESOLVED',
      next: 'Activate STS in this region for the account, or set another region.',
    };
  }
  if (bare === 'ValidationError' && /duration/i.test(message)) {
    return {
      code: 'CREDENTIALS_UNRESOLVED',
      next: `Lower duration_seconds of profile "${hop?.profile}" to at most the role's maximum (1 hour when chaining roles).`,
    };
  }
  return {
    code: 'CREDENTIALS_UNRESOLVED',
    next: 'Check the settings of this hop against the AWS message above.',
  };
}

function failure(
  chain: CredentialChain,
  index: number | null,
  fields: Partial<CredentialFailureDTO> & { next: string },
): CredentialFailureDTO {
  const hop = index === null ? undefined : chain.hops[index];
  return {
    profile: chain.profile,
    hop: hop ? { profile: hop.profile, kind: hop.kind, roleArn: hop.roleArn } : null,
    hopIndex: hop && index !== null ? index + 1 : null,
    hopCount: chain.hops.length || null,
    awsCode: null,
    awsMessage: null,
    ...fields,
  };
}

function mark(error: AppError): AppError {
  diagnosed.add(error);
  return error;
}

export function isDiagnosed(error: unknown): boolean {
  return error instanceof AppError && diagnosed.has(error);
}

/** The error for a chain that cannot work as written (found before any network call). */
export function chainProblem(chain: CredentialChain): AppError {
  const index = chain.hops.findIndex((hop) => hop.profile === chain.problemProfile);
  const notFound = chain.hops.length === 0;
  return mark(
    new AppError(
      notFound ? 'PROFILE_NOT_FOUND' : 'PROFILE_CHAIN_INVALID',
      `Profile "${chain.profile}" cannot resolve: ${chain.problem ?? 'its chain is incomplete.'}`,
      failure(chain, index < 0 ? null : index, {
        next: notFound
          ? 'Pick a profile that exists, or add it to ~/.aws/config.'
          : `Fix profile "${chain.problemProfile}" in ~/.aws/config (its source_profile, credential_source or keys), then try again.`,
      }),
    ),
  );
}

export function diagnose(
  error: unknown,
  chain: CredentialChain,
  index: number,
  action: HopAction = 'resolve',
): AppError {
  if (isDiagnosed(error)) return error as AppError;
  const where = hopLabel(chain, index);
  if (error instanceof AppError) {
    if (error.code === 'CANCELLED' || error.code === 'PROMPT_CANCELLED') return mark(error);
    const extra = (
      typeof error.details === 'object' && error.details !== null ? error.details : {}
    ) as Record<string, unknown>;
    const next =
      typeof extra.next === 'string' ? extra.next : "Check this hop's settings and try again.";
    return mark(
      new AppError(
        error.code,
        `${error.message} (${where})`,
        failure(chain, index, {
          next,
          ...(extra.exitCode !== undefined ? { exitCode: extra.exitCode as number | null } : {}),
          ...(typeof extra.stderr === 'string' ? { stderr: extra.stderr } : {}),
        }),
      ),
    );
  }
  const aws = (typeof error === 'object' && error !== null ? error : {}) as AwsErrorLike;
  if (aws.name === 'AbortError') {
    return mark(new AppError('CANCELLED', `Resolving profile "${chain.profile}" was cancelled.`));
  }
  const awsCode = awsCodeOf(aws);
  const message = aws.message ?? String(error);
  if (awsCode) {
    const advice = awsAdvice(awsCode, message, chain, index, action);
    const verb =
      action === 'identity'
        ? 'GetCallerIdentity'
        : chain.hops[index]?.roleArn
          ? 'AssumeRole'
          : 'the call';
    return mark(
      new AppError(
        advice.code,
        `Profile "${chain.profile}" did not resolve at ${where}: ${verb} was refused with ${awsCode}: ${message}`,
        failure(chain, index, { awsCode, awsMessage: message, next: advice.next }),
      ),
    );
  }
  if (aws.code && NETWORK_CODES.has(aws.code)) {
    const next = 'Check the network, a proxy, or the endpoint_url / AWS_ENDPOINT_URL_STS you set.';
    return mark(
      new AppError(
        'NETWORK',
        `Profile "${chain.profile}" could not reach AWS at ${where} (${aws.code}).`,
        failure(chain, index, { next }),
      ),
    );
  }
  const next = "Check this hop's settings; if they look right, try again.";
  return mark(
    new AppError(
      'CREDENTIALS_UNRESOLVED',
      `Profile "${chain.profile}" did not resolve at ${where}: ${message}`,
      failure(chain, index, { next }),
    ),
  );
}
