/**
 * Assumed-role sessions, cached in memory the way botocore caches them: keyed by what was asked
 * of STS (role ARN, the configured session name, external id, MFA serial, duration), treated as
 * expired 5 minutes early. This is what lets the user type an MFA code once per session
 * lifetime instead of once per request, since the SDK's own resolver caches nothing.
 */
import { AppError } from '../../../shared/errors.ts';
import type { Clock } from '../ports.ts';
import type { CredentialHop } from './credential-chain.ts';
import type { AwsCredentials } from './credential-source.ts';
import { SharedFlights } from './shared-flight.ts';

/** Credentials are refreshed this long before they expire. */
export const REFRESH_WINDOW_MS = 5 * 60_000;

/** How long a TOTP code stays valid at AWS (a 30 s step, with the skew AWS allows). */
const CODE_REUSE_WINDOW_MS = 3 * 30_000;

export function isFresh(credentials: AwsCredentials, now: number): boolean {
  return !credentials.expiration || credentials.expiration.getTime() - now > REFRESH_WINDOW_MS;
}

export function roleSessionKey(hop: CredentialHop): string {
  const args: Record<string, string | number> = { RoleArn: hop.roleArn ?? '' };
  if (hop.roleSessionName !== undefined) args.RoleSessionName = hop.roleSessionName;
  if (hop.externalId !== undefined) args.ExternalId = hop.externalId;
  if (hop.mfaSerial) args.SerialNumber = hop.mfaSerial;
  if (hop.durationSeconds !== undefined) args.DurationSeconds = hop.durationSeconds;
  return JSON.stringify(
    Object.fromEntries(Object.entries(args).sort(([a], [b]) => a.localeCompare(b))),
  );
}

export class RoleSessions {
  readonly #clock: Clock;
  readonly #sessions = new Map<string, AwsCredentials>();
  readonly #flights = new SharedFlights<AwsCredentials>();
  readonly #usedCodes = new Map<string, { code: string; at: number }>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** A cached session for this key that is not within 5 minutes of expiring. */
  fresh(key: string): AwsCredentials | undefined {
    const session = this.#sessions.get(key);
    if (session && isFresh(session, this.#clock.now())) return session;
    if (session) this.#sessions.delete(key);
    return undefined;
  }

  /** Runs `assume` once for everyone asking for this key right now, and caches what it gives. */
  obtain(
    key: string,
    assume: (signal: AbortSignal) => Promise<AwsCredentials>,
    signal: AbortSignal | undefined,
    what: string,
  ): Promise<AwsCredentials> {
    return this.#flights.run(
      key,
      async (flightSignal) => {
        const credentials = await assume(flightSignal);
        this.#sessions.set(key, credentials);
        return credentials;
      },
      signal,
      what,
    );
  }

  /**
   * Takes a code the user typed for this device. AWS accepts a TOTP code once; a code already
   * sent for this device is refused here rather than burned on a call AWS will deny.
   */
  claimCode(serial: string, code: string): string {
    const trimmed = code.trim();
    const now = this.#clock.now();
    const last = this.#usedCodes.get(serial);
    if (last && last.code === trimmed && now - last.at < CODE_REUSE_WINDOW_MS) {
      throw new AppError(
        'MFA_REQUIRED',
        `The code ${trimmed} for MFA device ${serial} was already used; AWS accepts each code once.`,
        { serial, next: 'Wait for your device to show the next code, then try again.' },
      );
    }
    this.#usedCodes.set(serial, { code: trimmed, at: now });
    return trimmed;
  }

  forget(keys?: Iterable<string>): void {
    if (keys === undefined) {
      this.#sessions.clear();
      this.#flights.clear();
      return;
    }
    for (const key of keys) {
      this.#sessions.delete(key);
      this.#flights.clear(key);
    }
  }
}
