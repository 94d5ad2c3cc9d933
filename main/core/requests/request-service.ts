/**
 * Runs one GraphQL request: picks the endpoint's auth mode, asks what must be asked (a mutation
 * on production, IAM signing for a host that is not AWS's), resolves credentials or reads the
 * secret, signs the exact body bytes, sends, reads and explains the answer. An expired session
 * token is refreshed and the request sent once more. Every run — answered or failed — is passed,
 * redacted, to the `completed` listeners (history). Every run of the app and the CLI passes
 * here, so this is where the questions are asked and where the answer is scrubbed of the run's
 * secrets before anyone (IPC, the terminal, history) sees it.
 */
import { randomUUID } from 'node:crypto';
import type { AuthModeInput, AuthModeType } from '../../../shared/endpoints.ts';
import { AppError, type IpcError } from '../../../shared/errors.ts';
import type { CurlImportDTO } from '../../../shared/curl-import.ts';
import type { HistoryTestsDTO } from '../../../shared/history.ts';
import type { RequestResultDTO, RunPlanDTO } from '../../../shared/requests.ts';
import type { AwsCredentials, CredentialSource } from '../credentials/credential-source.ts';
import type { EndpointStore } from '../endpoints/endpoint-store.ts';
import type { CoreEnvironment } from '../environment.ts';
import { systemClock, type Clock, type Prompter, type SecretVault } from '../ports.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from '../settings/default-environment-patterns.ts';
import type { SettingsStore } from '../settings/settings-store.ts';
import { TypedEvents } from '../typed-events.ts';
import { appSyncDomainHeaders, connectUrl } from './connect-to.ts';
import { curlImport } from './curl-import.ts';
import { readAnswer, redactHeaders } from './answer-reader.ts';
import { diagnose, isExpiredJwt, isExpiredToken } from './failure-diagnosis.ts';
import { HttpTransport, type HttpAnswer } from './http-transport.ts';
import {
  describeSecret,
  iamProfile,
  iamTarget,
  readSecret,
  resolveCredentials,
  secretHeaders,
  type IamTarget,
  type OidcTokenSource,
} from './request-auth.ts';
import { KnownSecrets } from '../redaction/known-secrets.ts';
import { confirmProduction } from './production-guard.ts';
import { RunConsent } from './run-consent.ts';
import { requestTarget } from './request-target.ts';
import { planRun, type RunPlanRequest } from './run-plan.ts';
import { inspectSignature } from './signature-inspector.ts';
import { SigningHostGuard } from './signing-host-guard.ts';
import { signRequest } from './sigv4-signer.ts';

export interface RunRequest {
  /** A saved endpoint; its URL, auth modes and headers apply. */
  endpointId?: string;
  /** Without an endpoint: the GraphQL URL, and `auth` says how to authorize. */
  url?: string;
  auth?: AuthModeInput;
  /** Which of the endpoint's modes to use; the primary (first) by default. */
  authMode?: AuthModeType;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  headers?: Record<string, string>;
  /** For IAM: overrides the mode's profile (and the active one). */
  profile?: string;
  /** A private API's address (VPC endpoint DNS name or host:port); see connect-to.ts. */
  connectTo?: string;
}

/** What a caller needs of the engine to run a request (the service itself, or a wrapper). */
export type RequestRunner = Pick<RequestService, 'run'>;

export interface RunOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** false: the app's own traffic (schema introspection), which history does not keep. */
  record?: boolean;
  /** Values to scrub from what the run reports and records (a collection's secret variables). */
  secrets?: readonly string[];
  /** What the person already answered in this run (a collection run shares one); fresh if unset. */
  consent?: RunConsent;
  /**
   * How the saved request's checks went, settled after the answer is read (assertions and
   * the post script run then): history waits for it, so the run is one row with its outcome.
   */
  testOutcome?: Promise<HistoryTestsDTO | null>;
}

/** What history may keep of a run: nothing that authorizes (no Authorization, key, token). */
export interface CompletedRun {
  id: string;
  startedAt: string;
  endpointId: string | null;
  url: string;
  authMode: AuthModeType;
  profile: string | null;
  operationName: string | null;
  query: string;
  variables: Record<string, unknown> | null;
  /** Request headers with secret-bearing values replaced by `<redacted>`. */
  requestHeaders: Record<string, string>;
  durationMs: number;
  result: RequestResultDTO | null;
  error: IpcError | null;
  /** See RunOptions.testOutcome; absent for a run without checks. */
  testOutcome?: Promise<HistoryTestsDTO | null>;
}

export interface RequestServiceDeps {
  environment: CoreEnvironment;
  credentials: CredentialSource;
  vault: SecretVault;
  endpoints?: EndpointStore;
  /** The profile IAM modes use when they name none (the app's active profile). */
  activeProfile?: () => Promise<string | null>;
  /** JWTs of signed-in OIDC providers, for modes whose source is `{ from: 'oidc' }`. */
  oidcTokens?: OidcTokenSource;
  /**
   * Only environment variables starting with this are read for a secret (the app, whose
   * endpoints may come from files: ENDPOINT_ENV_PREFIX). Unset, any variable: for the CLI's
   * `query`, whose `--api-key-env` names a variable the person typed in their own shell.
   */
  envPrefix?: string;
  /** Asks before a mutation on production and before signing for a host that is not AWS's. */
  prompter?: Prompter;
  /** The environment patterns (defaults without it) and the signing hosts the user allowed. */
  settings?: Pick<SettingsStore, 'get' | 'update'>;
  clock?: Clock;
  transport?: HttpTransport;
}

/** What a request service tells its listeners. */
export interface RequestEvents {
  completed: CompletedRun;
}

export class RequestService {
  readonly #events = new TypedEvents<RequestEvents>();
  /** `completed`: after every run, with the redacted record. */
  readonly on = this.#events.on;
  readonly transport: HttpTransport;
  readonly #deps: RequestServiceDeps;
  readonly #clock: Clock;
  readonly #signingHosts: SigningHostGuard;

  constructor(deps: RequestServiceDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
    this.#signingHosts = new SigningHostGuard(deps.settings, deps.prompter);
    this.transport = deps.transport ?? new HttpTransport(deps.environment.env);
  }

  /** What a run of a saved endpoint would use (its mode, profile, region), without running it. */
  async plan(request: RunPlanRequest): Promise<RunPlanDTO> {
    const deps = this.#deps;
    if (!deps.endpoints)
      throw new AppError('ENDPOINT_NOT_FOUND', 'Saved endpoints are not available here.');
    return planRun(request, {
      endpoints: deps.endpoints,
      credentials: deps.credentials,
      activeProfile: deps.activeProfile ?? none,
      patterns: async () => (await deps.settings?.get())?.environmentPatterns,
    });
  }

  /** A pasted curl command as a tab's draft, naming the saved endpoint of its URL if one is. */
  async fromCurl(text: string): Promise<CurlImportDTO> {
    return curlImport(text, (await this.#deps.endpoints?.list()) ?? []);
  }

  async run(request: RunRequest, options: RunOptions = {}): Promise<RequestResultDTO> {
    const id = randomUUID();
    const startedAt = new Date(this.#clock.now()).toISOString();
    const started = performance.now();
    const {
      url,
      mode,
      headers: endpointHeaders,
      connectTo,
      endpoint,
    } = await requestTarget(request, this.#deps.endpoints);
    let profile: string | null = null;
    let sentHeaders: Record<string, string> = {};
    // Every secret value this run touches: scrubbed from the answer, the result and history.
    const secrets: string[] = [...(options.secrets ?? [])];
    // `known` holds every secret of the run by then: the answer's own matcher, not a second one.
    const record = (
      result: RequestResultDTO | null,
      error: IpcError | null,
      known: KnownSecrets,
    ) => {
      if (options.record === false) return;
      this.#events.emit('completed', {
        id,
        startedAt,
        endpointId: request.endpointId ?? null,
        url: url.href,
        authMode: mode.type,
        profile,
        operationName: request.operationName ?? null,
        query: known.scrub(request.query),
        variables: request.variables ? known.scrubDeep(request.variables) : null,
        requestHeaders: result?.requestHeaders ?? redactHeaders(sentHeaders, known),
        durationMs: performance.now() - started,
        result,
        error,
        ...(options.testOutcome ? { testOutcome: options.testOutcome } : {}),
      });
    };
    try {
      const payload: Record<string, unknown> = { query: request.query };
      if (request.variables !== undefined) payload.variables = request.variables;
      if (request.operationName) payload.operationName = request.operationName;
      const body = Buffer.from(JSON.stringify(payload));
      const base: Record<string, string> = {};
      for (const [k, v] of Object.entries({ ...endpointHeaders, ...request.headers })) {
        base[k.toLowerCase()] = v;
      }
      Object.assign(base, appSyncDomainHeaders(url, connectTo));
      base['content-type'] ??= 'application/json';
      base.accept ??= 'application/json, application/graphql-response+json';

      let iam: IamTarget | null = null;
      let credentials: AwsCredentials | null = null;
      const deps = this.#deps;
      const consent = options.consent ?? new RunConsent();
      if (mode.type === 'AWS_IAM') {
        profile = await iamProfile(mode, request.profile, deps.activeProfile ?? none);
      }
      // Asked before credentials resolve: no MFA code is asked for a run the person calls off.
      const check = {
        query: request.query,
        operationName: request.operationName,
        profile,
        endpointName: endpoint?.name ?? null,
        patterns: async () =>
          (await deps.settings?.get())?.environmentPatterns ?? DEFAULT_ENVIRONMENT_PATTERNS,
      };
      await confirmProduction(check, consent, deps.prompter, options.signal);
      if (mode.type === 'AWS_IAM' && profile !== null) {
        // The token goes where the connection goes: a private API's address is what is asked about.
        const goesTo = connectTo ? connectUrl(url, connectTo) : url;
        await this.#signingHosts.check({ url: goesTo, endpoint, profile }, consent, options.signal);
        // Credentials first: a profile that does not resolve is the first thing to fix.
        credentials = await resolveCredentials(deps.credentials, profile, options);
        iam = await iamTarget(mode, url, profile, deps.credentials);
      }
      const applySecret = async (forceRefresh: boolean) => {
        if (mode.type === 'AWS_IAM') return;
        const readers = {
          vault: this.#deps.vault,
          env: this.#deps.environment.env,
          envPrefix: this.#deps.envPrefix,
          oidcTokens: this.#deps.oidcTokens,
        };
        const read = { forceRefresh, ...(options.signal ? { signal: options.signal } : {}) };
        const value = await readSecret(mode.source, describeSecret(mode), readers, read);
        secrets.push(value);
        Object.assign(base, secretHeaders(mode, value));
      };
      await applySecret(false);

      const prepare = async (): Promise<Record<string, string>> => {
        if (!iam || !credentials) return base;
        secrets.push(credentials.secretAccessKey, credentials.sessionToken ?? '');
        const signingDate = new Date(this.#clock.now());
        return signRequest(
          { method: 'POST', url, headers: base, body },
          { ...iam, credentials, signingDate },
        );
      };
      const prepareStarted = performance.now();
      sentHeaders = await prepare();
      let prepareMs = performance.now() - prepareStarted;
      let answer = await this.transport.send(
        { method: 'POST', url, headers: sentHeaders, body, connectTo },
        options,
      );
      let retried = false;
      const facts = peek(answer, mode.type);
      const signedIn = mode.type !== 'AWS_IAM' && mode.source.from === 'oidc';
      if ((iam && isExpiredToken(facts)) || (signedIn && isExpiredJwt(facts))) {
        // The cached credentials (or the sign-in's token) looked fresh but the endpoint says
        // they expired: renew them, skipping the cache, and send once more — never in a loop.
        const again = performance.now();
        if (iam) {
          credentials = await resolveCredentials(this.#deps.credentials, iam.profile, {
            ...options,
            forceRefresh: true,
          });
        } else {
          await applySecret(true);
        }
        sentHeaders = await prepare();
        prepareMs += performance.now() - again;
        answer = await this.transport.send(
          { method: 'POST', url, headers: sentHeaders, body, connectTo },
          options,
        );
        retried = true;
      }

      // The one point every answer passes before it is returned (IPC, the CLI) or recorded:
      // whatever the endpoint echoed of this run's secrets, in any form, stops here.
      const known = new KnownSecrets(secrets);
      const text = known.scrub(answer.body.toString('utf8'));
      const headers = known.scrubDeep(answer.headers);
      const read = readAnswer(text, headers['content-type']);
      const signature = known.scrubDeep(
        inspectSignature({ method: 'POST', url, headers: sentHeaders, body }),
      );
      const result: RequestResultDTO = {
        id,
        url: url.href,
        authMode: mode.type,
        profile,
        operationName: request.operationName ?? null,
        status: answer.status,
        statusText: known.scrub(answer.statusText),
        headers,
        requestHeaders: redactHeaders(sentHeaders, known),
        timing: {
          prepareMs,
          timeToFirstByteMs: answer.timeToFirstByteMs,
          downloadMs: answer.downloadMs,
          totalMs: performance.now() - started,
        },
        sizeBytes: answer.body.byteLength,
        body: read.body,
        bodyText: text,
        bodyIsJson: read.bodyIsJson,
        errors: read.errors,
        diagnosis: diagnose({
          status: answer.status,
          headers,
          errors: read.errors,
          authMode: mode.type,
          signature,
          receivedAt: this.#clock.now(),
        }),
        signature,
        retried,
        startedAt,
      };
      record(result, null, known);
      return result;
    } catch (error) {
      const known = new KnownSecrets(secrets);
      const failure =
        error instanceof AppError
          ? new AppError(error.code, known.scrub(error.message), known.scrubDeep(error.details))
          : new AppError(
              'INTERNAL',
              `The request failed unexpectedly: ${known.scrub((error as Error).message)}`,
            );
      record(null, failure.toIpcError(), known);
      throw failure;
    }
  }
}

const none = async (): Promise<string | null> => null;

/** Just enough of the answer to recognise an expired token before reading it fully. */
/** The refusal facts of a first answer, enough to decide on the one retry. */
function peek(answer: HttpAnswer, authMode: AuthModeType) {
  const errors =
    answer.status < 400
      ? []
      : readAnswer(answer.body.toString('utf8'), answer.headers['content-type']).errors;
  return { status: answer.status, headers: answer.headers, errors, authMode };
}
