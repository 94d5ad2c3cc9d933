/**
 * Opening the AWS console as a profile, the documented custom-identity-broker way: the
 * profile's temporary credentials (an IAM user's long-term keys are first turned into a
 * federated session with GetFederationToken) go to the sign-in federation endpoint for a
 * sign-in token, and a `login` URL carrying that token opens the console at the destination.
 *
 * That URL is a credential for 15 minutes: it goes to the Opener port (the system browser)
 * and nowhere else; what callers get back names the destination, never the URL.
 */
import { AppError } from '../../../shared/errors.ts';
import type { CredentialsService } from '../credentials/credentials-service.ts';
import type { AwsCredentials } from '../credentials/credential-source.ts';
import { getFederationToken } from '../credentials/sts-calls.ts';
import type { EnvVars } from '../environment.ts';
import { systemClock, type Clock, type Opener } from '../ports.ts';
import {
  consoleDestination,
  federationEndpoint,
  isAwsSigninHost,
  partitionOf,
  type ConsoleTarget,
  type Partition,
} from './console-urls.ts';

/** A local federation peer for tests and the demo; honoured only on a loopback address. */
export const FEDERATION_ENDPOINT_VARIABLE = 'APPSYNC_WORKBENCH_FEDERATION_ENDPOINT';
export const ISSUER = 'appsync-workbench';
/** How long AWS accepts a sign-in token. */
export const SIGNIN_URL_LIFETIME_MS = 15 * 60_000;

/**
 * GetFederationToken's inline policy: the session gets the intersection of this and the user's
 * own policies, so "everything" here passes the user's permissions through, adding none.
 */
export const PASS_THROUGH_POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});
const FEDERATED_NAME = 'appsync-workbench';

export interface ConsoleRequest {
  profile: string;
  region?: string | undefined;
  service?: ConsoleTarget['service'];
  apiId?: ConsoleTarget['apiId'];
  /** The console session's length; AWS allows it only for a role assumed with long-term keys. */
  sessionDurationSeconds?: number;
}

export interface ConsoleOpened {
  profile: string;
  destination: string;
  partition: Partition;
  region: string;
  /** How the session was made: the profile's own temporary credentials or a federated user. */
  via: 'session' | 'federation-token';
  /** When the sign-in URL stops working (ms epoch). */
  signinExpiresAt: number;
}

export interface ConsoleSignin extends ConsoleOpened {
  /** The sign-in URL: a credential. Only for the Opener, or for `--print` on request. */
  url: string;
}

export interface ConsoleServiceDeps {
  credentials: CredentialsService;
  env: EnvVars;
  opener: Opener;
  clock?: Clock;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

function failed(message: string, next?: string): AppError {
  return new AppError('CONSOLE_SIGNIN_FAILED', message, next ? { next } : undefined);
}

/** The federation endpoint: AWS's for the partition, or a local peer named by the variable. */
export function federationBase(partition: Partition, env: EnvVars): string {
  const override = env[FEDERATION_ENDPOINT_VARIABLE];
  if (!override) return federationEndpoint(partition);
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw failed(`${FEDERATION_ENDPOINT_VARIABLE} is not a URL.`);
  }
  const aws = url.protocol === 'https:' && isAwsSigninHost(url.hostname);
  const local =
    (url.protocol === 'http:' || url.protocol === 'https:') && LOOPBACK.has(url.hostname);
  if (!aws && !local) {
    throw failed(
      `${FEDERATION_ENDPOINT_VARIABLE} names ${url.host}, which is neither AWS's sign-in host nor this machine: credentials are not sent there.`,
      `Unset ${FEDERATION_ENDPOINT_VARIABLE}.`,
    );
  }
  return `${url.origin}${url.pathname}`;
}

export class ConsoleService {
  readonly #deps: ConsoleServiceDeps;
  readonly #clock: Clock;

  constructor(deps: ConsoleServiceDeps) {
    this.#deps = deps;
    this.#clock = deps.clock ?? systemClock;
  }

  /** Signs in and opens the console in the system browser; answers where, never the URL. */
  async open(request: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleOpened> {
    const { url, ...opened } = await this.signin(request, signal);
    await this.#deps.opener.open(url, { secret: true });
    return opened;
  }

  /** The sign-in URL itself, for the CLI's `--print`. */
  async signin(request: ConsoleRequest, signal?: AbortSignal): Promise<ConsoleSignin> {
    const { credentials } = this.#deps;
    const region = request.region ?? (await credentials.region(request.profile)) ?? 'us-east-1';
    const destination = consoleDestination({ ...request, region });
    const partition = partitionOf(region);
    const endpoint = federationBase(partition, this.#deps.env);
    const duration = request.sessionDurationSeconds;
    let session = await credentials.resolve(request.profile, signal ? { signal } : {});
    const via = session.sessionToken ? 'session' : 'federation-token';
    if (via === 'federation-token') {
      session = await getFederationToken(
        session,
        { Name: FEDERATED_NAME, Policy: PASS_THROUGH_POLICY, DurationSeconds: duration ?? 3600 },
        await credentials.stsTarget(request.profile),
        signal,
      );
    } else if (duration !== undefined) {
      await this.#checkDuration(request.profile, duration);
    }
    const token = await this.#signinToken(
      endpoint,
      session,
      via === 'session' ? duration : undefined,
      signal,
    );
    const login = new URLSearchParams({
      Action: 'login',
      Issuer: ISSUER,
      Destination: destination,
      SigninToken: token,
    });
    return {
      profile: request.profile,
      destination,
      partition,
      region,
      via,
      signinExpiresAt: this.#clock.now() + SIGNIN_URL_LIFETIME_MS,
      url: `${endpoint}?${login.toString()}`,
    };
  }

  /** SessionDuration: 15 min to 12 h, and only for one AssumeRole signed with long-term keys. */
  async #checkDuration(profile: string, seconds: number): Promise<void> {
    if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43_200) {
      throw new AppError('INVALID_INPUT', 'A console session lasts 900 to 43200 seconds.');
    }
    const { hops } = await this.#deps.credentials.chain(profile);
    const oneRoleOverKeys =
      hops.length === 2 && hops[0]?.kind === 'assume-role' && hops[1]?.kind === 'static';
    if (!oneRoleOverKeys) {
      throw new AppError(
        'INVALID_INPUT',
        `Profile "${profile}" is not one role assumed with long-term keys, so AWS does not let its console session be given a length (role-chained sessions last at most 1 hour).`,
        { next: 'Open the console without a session length.' },
      );
    }
  }

  async #signinToken(
    endpoint: string,
    credentials: AwsCredentials,
    sessionDuration: number | undefined,
    signal: AbortSignal | undefined,
  ): Promise<string> {
    const params = new URLSearchParams({
      Action: 'getSigninToken',
      Session: JSON.stringify({
        sessionId: credentials.accessKeyId,
        sessionKey: credentials.secretAccessKey,
        sessionToken: credentials.sessionToken,
      }),
    });
    if (sessionDuration !== undefined) params.set('SessionDuration', String(sessionDuration));
    let response: Response;
    try {
      response = await fetch(`${endpoint}?${params.toString()}`, {
        redirect: 'manual',
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted) throw new AppError('CANCELLED', 'Opening the console was cancelled.');
      throw new AppError(
        'NETWORK',
        `The AWS sign-in endpoint (${new URL(endpoint).host}) could not be reached: ${(error as Error).message}.`,
      );
    }
    const body = await response.text();
    if (response.status !== 200) {
      throw failed(
        `AWS sign-in refused the session (HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}).`,
        'Check that the profile’s credentials are valid (Who am I?) and, for a role, that it may be used in the console.',
      );
    }
    let token: unknown;
    try {
      token = (JSON.parse(body) as { SigninToken?: unknown }).SigninToken;
    } catch {
      token = undefined;
    }
    if (typeof token !== 'string' || !token)
      throw failed('AWS sign-in answered without a SigninToken.');
    return token;
  }
}
