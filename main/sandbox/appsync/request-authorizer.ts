/**
 * Decides, per request, which of the API's enabled modes the caller used and whether the
 * credential holds, following AppSync's routing:
 *   1. `Authorization: AWS4-HMAC-SHA256 …`  → AWS_IAM (SigV4, service `appsync`);
 *   2. an `x-api-key` header                 → API_KEY;
 *   3. any other `Authorization` value       → a token mode: a JWT whose `iss` is a configured
 *      Cognito pool or OIDC issuer goes there; anything else goes to the Lambda authorizer when
 *      one is enabled. "Bearer …" never reaches Lambda: AppSync reserves that word for OIDC
 *      (amplify-js#9513) and does not strip it, so it fails as "Unable to parse JWT token.".
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { IdentityStore } from '../identity-store.ts';
import { sha256Hex } from '../sigv4/sigv4-canonical.ts';
import { verifySigV4, type Sigv4Verdict } from '../sigv4/sigv4-verifier.ts';
import { ApiKeyRing } from './api-key-ring.ts';
import { refusal, unauthorized, type AppSyncRefusal, NOT_AUTHORIZED } from './appsync-response.ts';
import {
  enabledModes,
  type AppSyncApiConfig,
  type AuthProvider,
  type CallerIdentity,
  type LambdaAuthorizer,
} from './auth-config.ts';
import { JwtVerifier, peekClaims } from './jwt-auth.ts';

export interface RequestToAuthorize {
  method: string;
  rawPath: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  /** What the Lambda authorizer is told about the operation. */
  operation: {
    query: string;
    operationName: string | undefined;
    variables: Record<string, unknown>;
  };
}

export type AuthOutcome =
  { ok: true; identity: CallerIdentity } | { ok: false; refusal: AppSyncRefusal };

export interface RequestAuthorizerOptions {
  identities: Pick<IdentityStore, 'lookup'>;
  apiKeys: ApiKeyRing;
  clock: { now(): number };
  /** IAM policy stand-in: may this principal call `appsync:GraphQL`? Default: every known principal. */
  iamAllows?: (principal: { arn: string; accountId: string }) => boolean;
}

const SIGV4_PREFIX = /^AWS4-HMAC-SHA256\s/;

export class RequestAuthorizer {
  readonly #api: AppSyncApiConfig;
  readonly #options: RequestAuthorizerOptions;
  readonly #jwt: JwtVerifier[];
  readonly #lambda: LambdaAuthorizer | undefined;

  constructor(api: AppSyncApiConfig, options: RequestAuthorizerOptions) {
    this.#api = api;
    this.#options = options;
    this.#jwt = enabledModes(api).flatMap((provider) => {
      if (provider.mode === 'OPENID_CONNECT') {
        return [new JwtVerifier(provider.mode, provider.openid, options.clock)];
      }
      if (provider.mode === 'AMAZON_COGNITO_USER_POOLS') {
        return [new JwtVerifier(provider.mode, provider.userPool, options.clock)];
      }
      return [];
    });
    this.#lambda = enabledModes(api).find(
      (p): p is Extract<AuthProvider, { mode: 'AWS_LAMBDA' }> => p.mode === 'AWS_LAMBDA',
    )?.authorizer;
  }

  #enabled(mode: AuthProvider['mode']): boolean {
    return enabledModes(this.#api).some((provider) => provider.mode === mode);
  }

  async authorize(request: RequestToAuthorize): Promise<AuthOutcome> {
    const authorization = single(request.headers.authorization);
    const apiKey = single(request.headers['x-api-key']);
    if (authorization !== undefined && SIGV4_PREFIX.test(authorization)) {
      return this.#enabled('AWS_IAM') ? this.#iam(request) : deny(unauthorized());
    }
    if (apiKey !== undefined) {
      return this.#enabled('API_KEY') ? this.#apiKey(apiKey) : deny(unauthorized());
    }
    if (authorization === undefined || authorization.trim() === '') {
      return deny(unauthorized('Valid authorization header not provided.'));
    }
    return this.#token(authorization, request);
  }

  #iam(request: RequestToAuthorize): AuthOutcome {
    const toVerify = {
      method: request.method,
      rawPath: request.rawPath,
      headers: request.headers,
      body: request.body,
    };
    const verifyOptions = {
      lookup: (id: string) => this.#options.identities.lookup(id),
      now: () => this.#options.clock.now(),
      service: 'appsync',
    };
    let verdict: Sigv4Verdict = verifySigV4(toVerify, verifyOptions);
    if (!verdict.ok && verdict.failure === 'payload-hash') {
      // Only S3 trusts x-amz-content-sha256; other services hash the body they received, so a
      // body changed in flight surfaces as a plain signature mismatch with the canonical request.
      const headers = { ...request.headers, 'x-amz-content-sha256': sha256Hex(request.body) };
      verdict = verifySigV4({ ...toVerify, headers }, verifyOptions);
    }
    if (!verdict.ok) return deny(sigv4Refusal(verdict));
    if (verdict.region !== this.#api.region) {
      return deny(
        refusal(
          403,
          'InvalidSignatureException',
          `Credential should be scoped to a valid region, not '${verdict.region}'. `,
        ),
      );
    }
    const { identity } = verdict;
    const allows = this.#options.iamAllows ?? (() => true);
    if (!allows({ arn: identity.arn, accountId: identity.accountId })) return deny(unauthorized());
    return {
      ok: true,
      identity: {
        mode: 'AWS_IAM',
        accountId: identity.accountId,
        userArn: identity.arn,
        userId: identity.userId,
        accessKeyId: identity.accessKeyId,
        kind: identity.kind,
      },
    };
  }

  #apiKey(value: string): AuthOutcome {
    const check = this.#options.apiKeys.check(value, this.#options.clock.now());
    if (!check.ok) return deny(unauthorized());
    return {
      ok: true,
      identity: { mode: 'API_KEY', apiKeyDescription: check.key.description ?? null },
    };
  }

  async #token(token: string, request: RequestToAuthorize): Promise<AuthOutcome> {
    const bearer = /^bearer\s/i.test(token);
    const claims = bearer ? null : peekClaims(token);
    if (claims !== null) {
      const provider = this.#jwt.find((verifier) => verifier.isIssuerOf(token));
      if (provider) return provider.verify(token);
    }
    if (this.#lambda && !bearer) return this.#lambdaCheck(this.#lambda, token, request);
    if (this.#jwt.length === 0) return deny(unauthorized());
    // A JWT mode is enabled but the token is not one of its JWTs.
    return deny(unauthorized(claims === null ? 'Unable to parse JWT token.' : NOT_AUTHORIZED));
  }

  async #lambdaCheck(
    authorizer: LambdaAuthorizer,
    token: string,
    request: RequestToAuthorize,
  ): Promise<AuthOutcome> {
    let result;
    try {
      result = await authorizer({
        authorizationToken: token,
        requestContext: {
          apiId: this.#api.apiId,
          accountId: this.#api.accountId,
          requestId: request.requestId,
          queryString: request.operation.query,
          operationName: request.operation.operationName,
          variables: request.operation.variables,
        },
        requestHeaders: headersForLambda(request.headers),
      });
    } catch {
      return deny(unauthorized());
    }
    if (!result || result.isAuthorized !== true) return deny(unauthorized());
    return {
      ok: true,
      identity: {
        mode: 'AWS_LAMBDA',
        resolverContext: { ...(result.resolverContext ?? {}) },
        deniedFields: [...(result.deniedFields ?? [])],
      },
    };
  }
}

/** AppSync's status and error type for each SigV4 failure; the messages are AWS's own wording. */
function sigv4Refusal(verdict: Extract<Sigv4Verdict, { ok: false }>): AppSyncRefusal {
  switch (verdict.failure) {
    case 'unknown-key':
    case 'bad-token':
      return refusal(403, 'UnrecognizedClientException', verdict.message);
    case 'expired-token':
      return refusal(403, 'ExpiredTokenException', verdict.message);
    case 'missing':
    case 'malformed':
      return refusal(403, 'IncompleteSignatureException', verdict.message);
    case 'skew':
    case 'payload-hash':
    case 'signature':
    case 'wrong-service':
      return refusal(403, 'InvalidSignatureException', verdict.message);
  }
}

function deny(failure: AppSyncRefusal): AuthOutcome {
  return { ok: false, refusal: failure };
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The authorizer sees the request headers, but not the token a second time. */
function headersForLambda(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (name === 'authorization' || value === undefined) continue;
    out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}
