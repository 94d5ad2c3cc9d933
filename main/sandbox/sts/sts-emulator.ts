import type { IdentityStore, SandboxIdentity } from '../identity-store.ts';
import {
  verifySigV4,
  type IncomingSignedRequest,
  type Sigv4Failure,
} from '../sigv4/sigv4-verifier.ts';
import { SIGNATURE_MISMATCH_MESSAGE } from '../sigv4/sigv4-verifier.ts';
import { getFederationToken } from './federation-token.ts';
import { MfaCodeChecker } from './mfa-codes.ts';
import { assumedRoleBase, isTrusted, roleIdOf } from './role-trust.ts';
import type { StsCall, StsFixture, StsRole } from './sts-fixture.ts';
import {
  isoSeconds,
  StsError,
  stsErrorResponse,
  stsResult,
  type WireResponse,
} from './sts-wire.ts';
import { verifyWebIdentityToken } from './web-identity.ts';

export interface StsEmulatorOptions {
  fixture: StsFixture;
  identities: IdentityStore;
  clock: { now(): number };
  record(call: StsCall): void;
}

export interface StsEmulator {
  /** Answers one awsQuery request (`POST /` with `Action=…&Version=2011-06-15`). */
  handle(request: IncomingSignedRequest): Promise<WireResponse>;
}

const SIGV4_ERRORS: Record<Sigv4Failure, [code: string, status: number]> = {
  missing: ['MissingAuthenticationToken', 403],
  malformed: ['IncompleteSignature', 400],
  'unknown-key': ['InvalidClientTokenId', 403],
  'bad-token': ['InvalidClientTokenId', 403],
  'expired-token': ['ExpiredToken', 403],
  skew: ['SignatureDoesNotMatch', 403],
  'payload-hash': ['SignatureDoesNotMatch', 403],
  signature: ['SignatureDoesNotMatch', 403],
  'wrong-service': ['SignatureDoesNotMatch', 403],
};

const SESSION_NAME = /^[\w+=,.@-]*$/;

function validation(message: string): StsError {
  return new StsError('ValidationError', 400, message);
}

function sessionName(params: URLSearchParams): string {
  const name = params.get('RoleSessionName');
  if (name === null)
    throw validation(
      "1 validation error detected: Value null at 'roleSessionName' failed to satisfy constraint: Member must not be null",
    );
  if (name.length < 2 || name.length > 64) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must have length between 2 and 64`,
    );
  }
  if (!SESSION_NAME.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*`,
    );
  }
  return name;
}

function duration(params: URLSearchParams, role: StsRole, chained: boolean): number {
  const raw = params.get('DurationSeconds');
  const seconds = raw === null ? 3600 : Number(raw);
  if (!Number.isInteger(seconds) || seconds < 900) {
    throw validation(
      `1 validation error detected: Value '${raw}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900`,
    );
  }
  if (chained && seconds > 3600) {
    throw validation(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (seconds > (role.maxSessionDurationSeconds ?? 3600)) {
    throw validation(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }
  return seconds;
}

function credentialsXml(session: SandboxIdentity) {
  return {
    AccessKeyId: session.accessKeyId,
    SecretAccessKey: session.secretAccessKey,
    SessionToken: session.sessionToken,
    Expiration: isoSeconds(session.expiresAt ?? 0),
  };
}

export function createStsEmulator(options: StsEmulatorOptions): StsEmulator {
  const { fixture, identities, clock, record } = options;
  const mfa = new MfaCodeChecker(fixture.mfaDevices, clock);
  const roleByArn = (arn: string) => (fixture.roles ?? []).find((r) => r.arn === arn);

  function authenticate(request: IncomingSignedRequest, call: StsCall): SandboxIdentity {
    const verdict = verifySigV4(request, {
      lookup: (id) => identities.lookup(id),
      now: () => clock.now(),
      service: 'sts',
    });
    const akid = /Credential=([^/,\s]+)/.exec(String(request.headers.authorization ?? ''))?.[1];
    if (akid) call.signerAccessKeyId = akid;
    if (verdict.ok) {
      call.callerArn = verdict.identity.arn;
      return verdict.identity;
    }
    const [code, status] = SIGV4_ERRORS[verdict.failure];
    // STS, unlike AppSync, answers a signature mismatch with its first sentence only.
    const message =
      verdict.failure === 'signature' && verdict.canonicalRequest
        ? SIGNATURE_MISMATCH_MESSAGE
        : verdict.message;
    throw new StsError(code, status, message, `SigV4 ${verdict.failure}`);
  }

  function assumeRole(
    params: URLSearchParams,
    caller: SandboxIdentity,
    call: StsCall,
  ): WireResponse {
    const roleArn = params.get('RoleArn');
    if (roleArn === null)
      throw validation(
        "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
      );
    const name = sessionName(params);
    const denied = (reason: string) =>
      new StsError(
        'AccessDenied',
        403,
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
        reason,
      );
    const role = roleByArn(roleArn);
    if (!role) throw denied('no such role in the fixture');
    if (!isTrusted(role, caller)) throw denied('caller not in the trust policy');
    if (role.externalId !== undefined && call.externalId !== role.externalId) {
      throw denied(call.externalId === undefined ? 'external id missing' : 'external id wrong');
    }
    const serial = call.serialNumber;
    const code = call.tokenCode;
    if (serial !== undefined || code !== undefined) {
      const check =
        serial !== undefined && code !== undefined ? mfa.check(serial, code) : 'invalid';
      if (check !== 'ok') {
        throw new StsError(
          'AccessDenied',
          403,
          'MultiFactorAuthentication failed with invalid MFA one time pass code. ',
          `MFA ${check}`,
        );
      }
    }
    if (role.mfaSerial !== undefined && serial !== role.mfaSerial) {
      throw denied(serial === undefined ? 'MFA required' : 'MFA from another device');
    }
    const chained = caller.kind !== 'user';
    const seconds = duration(params, role, chained);
    call.durationSeconds = seconds;
    const session = identities.issueSession({ ...assumedRoleBase(role, name), chained }, seconds);
    call.issuedAccessKeyId = session.accessKeyId;
    return stsResult(
      'AssumeRole',
      {
        Credentials: credentialsXml(session),
        AssumedRoleUser: { AssumedRoleId: session.userId, Arn: session.arn },
        PackedPolicySize: undefined,
      },
      clock.now(),
    );
  }

  async function assumeRoleWithWebIdentity(
    params: URLSearchParams,
    call: StsCall,
  ): Promise<WireResponse> {
    const roleArn = params.get('RoleArn');
    const token = params.get('WebIdentityToken');
    if (roleArn === null)
      throw validation(
        "1 validation error detected: Value null at 'roleArn' failed to satisfy constraint: Member must not be null",
      );
    if (token === null)
      throw validation(
        "1 validation error detected: Value null at 'webIdentityToken' failed to satisfy constraint: Member must not be null",
      );
    const name = sessionName(params);
    const role = roleByArn(roleArn);
    if (!role?.webIdentity) {
      throw new StsError(
        'AccessDenied',
        403,
        'Not authorized to perform sts:AssumeRoleWithWebIdentity',
        'role has no web identity trust',
      );
    }
    const claims = await verifyWebIdentityToken(token, role.webIdentity, clock.now());
    call.callerArn = `${claims.iss}#${claims.sub}`;
    const seconds = duration(params, role, false);
    call.durationSeconds = seconds;
    const session = identities.issueSession(assumedRoleBase(role, name), seconds);
    call.issuedAccessKeyId = session.accessKeyId;
    return stsResult(
      'AssumeRoleWithWebIdentity',
      {
        Credentials: credentialsXml(session),
        SubjectFromWebIdentityToken: claims.sub,
        AssumedRoleUser: { AssumedRoleId: `${roleIdOf(role)}:${name}`, Arn: session.arn },
        Provider: role.webIdentity.issuer.replace(/^https:\/\//, ''),
        Audience: role.webIdentity.audience,
      },
      clock.now(),
    );
  }

  async function dispatch(
    request: IncomingSignedRequest,
    params: URLSearchParams,
    call: StsCall,
  ): Promise<WireResponse> {
    if (params.get('Version') !== '2011-06-15') {
      throw new StsError(
        'InvalidAction',
        400,
        `Could not find operation ${call.action} for version ${params.get('Version') ?? 'NO_VERSION_SPECIFIED'}`,
      );
    }
    // The one unsigned STS action: the JWT is the credential.
    if (call.action === 'AssumeRoleWithWebIdentity') return assumeRoleWithWebIdentity(params, call);
    const caller = authenticate(request, call);
    if (call.action === 'AssumeRole') return assumeRole(params, caller, call);
    if (call.action === 'GetFederationToken') {
      return getFederationToken(params, caller, identities, clock.now(), call);
    }
    if (call.action === 'GetCallerIdentity') {
      return stsResult(
        'GetCallerIdentity',
        { Arn: caller.arn, UserId: caller.userId, Account: caller.accountId },
        clock.now(),
      );
    }
    throw new StsError(
      'InvalidAction',
      400,
      `Could not find operation ${call.action} for version 2011-06-15`,
    );
  }

  return {
    async handle(request) {
      const q = request.rawPath.indexOf('?');
      const params = new URLSearchParams(
        request.method === 'GET'
          ? q < 0
            ? ''
            : request.rawPath.slice(q + 1)
          : request.body.toString('utf8'),
      );
      const optional = (name: string) => params.get(name) ?? undefined;
      const call: StsCall = {
        service: 'sts',
        action: params.get('Action') ?? '',
        at: clock.now(),
        roleArn: optional('RoleArn'),
        externalId: optional('ExternalId'),
        serialNumber: optional('SerialNumber'),
        tokenCode: optional('TokenCode'),
        roleSessionName: optional('RoleSessionName'),
        outcome: 'ok',
      };
      for (const key of Object.keys(call) as Array<keyof StsCall>)
        if (call[key] === undefined) delete call[key];
      try {
        return await dispatch(request, params, call);
      } catch (error) {
        if (!(error instanceof StsError)) throw error;
        call.outcome = error.code;
        if (error.reason) call.reason = error.reason;
        return stsErrorResponse(error, clock.now());
      } finally {
        record(call);
      }
    },
  };
}
