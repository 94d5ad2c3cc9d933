/**
 * The device authorization grant's waiting half (RFC 8628 §3.3–3.5), once for IAM Identity
 * Center and OIDC providers: show the code through the Prompter, optionally open the
 * verification page, then poll at the provider's pace until the person approves, declines, the
 * code expires or the sign-in is cancelled. Each flow supplies only how to poll once and its
 * own words for each ending.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { AppError } from '../../../shared/errors.ts';
import type { Clock, Opener, Prompter } from '../ports.ts';

/** Waits `ms` or rejects when `signal` aborts. Injected in tests so no test sleeps for real. */
export type Wait = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realWait: Wait = async (ms, signal) => {
  await delay(ms, undefined, signal ? { signal } : undefined);
};

/** §3.2: the interval when the provider names none; §3.5: what `slow_down` adds. */
export const DEFAULT_INTERVAL_S = 5;
export const SLOW_DOWN_S = 5;
/** A provider's interval is held to this range: no busy loop, no wait longer than a minute. */
export const MIN_INTERVAL_S = 1;
export const MAX_INTERVAL_S = 60;

const POLL_ERRORS = [
  'authorization_pending',
  'slow_down',
  'expired_token',
  'access_denied',
] as const;
/** The token endpoint's answers that §3.5 gives a meaning while the code is shown. */
export type DevicePollError = (typeof POLL_ERRORS)[number];

/** What one poll of the token endpoint said; any other failure is thrown by `poll`. */
export type DevicePoll<T> = { token: T } | { error: DevicePollError };

/** The OAuth `error` code as one of §3.5's answers, or null for any other. */
export function devicePollError(error: unknown): DevicePollError | null {
  return POLL_ERRORS.find((known) => known === error) ?? null;
}

export interface DeviceCode {
  userCode: string;
  verificationUri: string;
  verificationUriComplete: string | null;
  /** Seconds from now, as the device authorization response said. */
  expiresInS: number;
  /** Seconds between polls, as the device authorization response said (if it did). */
  intervalS: number | undefined | null;
}

export interface DeviceEndings {
  expired(): AppError;
  denied(): AppError;
  cancelled(): AppError;
}

/** The provider's interval held to its bounds; none, zero or nonsense means the default. */
export function pollInterval(intervalS: number | undefined | null): number {
  if (typeof intervalS !== 'number' || !Number.isFinite(intervalS) || intervalS <= 0) {
    return DEFAULT_INTERVAL_S;
  }
  return Math.min(MAX_INTERVAL_S, Math.max(MIN_INTERVAL_S, intervalS));
}

export async function awaitDeviceApproval<T>(args: {
  code: DeviceCode;
  purpose: string;
  prompter: Prompter;
  opener: Opener;
  /** Also open the verification page here (the code stays on screen either way). */
  openBrowser: boolean;
  clock: Clock;
  wait: Wait;
  signal?: AbortSignal;
  poll(signal: AbortSignal | undefined): Promise<DevicePoll<T>>;
  endings: DeviceEndings;
}): Promise<T> {
  const { code, clock, signal, endings } = args;
  const expiresAt = clock.now() + code.expiresInS * 1000;
  let intervalS = pollInterval(code.intervalS);

  const promptDone = new AbortController();
  args.prompter.showDeviceCode(
    {
      verificationUri: code.verificationUri,
      verificationUriComplete: code.verificationUriComplete,
      userCode: code.userCode,
      expiresAt,
      purpose: args.purpose,
    },
    promptDone.signal,
  );
  try {
    if (args.openBrowser) {
      // The code stays on screen, so a browser that fails to open costs the person nothing.
      await args.opener
        .open(code.verificationUriComplete ?? code.verificationUri)
        .catch(() => undefined);
    }
    for (;;) {
      if (signal?.aborted) throw endings.cancelled();
      const remaining = expiresAt - clock.now();
      if (remaining <= 0) throw endings.expired();
      try {
        await args.wait(Math.min(intervalS * 1000, remaining), signal);
      } catch (error) {
        if (signal?.aborted) throw endings.cancelled();
        throw error;
      }
      if (clock.now() >= expiresAt) throw endings.expired();
      let answer: DevicePoll<T>;
      try {
        answer = await args.poll(signal);
      } catch (error) {
        if (signal?.aborted) throw endings.cancelled();
        throw error;
      }
      if ('token' in answer) return answer.token;
      switch (answer.error) {
        case 'authorization_pending':
          break;
        case 'slow_down':
          intervalS = Math.min(MAX_INTERVAL_S, intervalS + SLOW_DOWN_S);
          break;
        case 'expired_token':
          throw endings.expired();
        case 'access_denied':
          throw endings.denied();
      }
    }
  } finally {
    promptDone.abort();
  }
}
