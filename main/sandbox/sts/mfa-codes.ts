import type { StsFixture } from './sts-fixture.ts';

export type MfaCheck = 'ok' | 'unknown-device' | 'invalid' | 'replayed';

/**
 * One-time codes per MFA device. AWS refuses a code it has already accepted for that device,
 * which is why a client must never reuse a TOTP code for a second AssumeRole.
 */
export class MfaCodeChecker {
  readonly #devices: NonNullable<StsFixture['mfaDevices']>;
  readonly #clock: { now(): number };
  readonly #used = new Map<string, Set<string>>();

  constructor(devices: StsFixture['mfaDevices'], clock: { now(): number }) {
    this.#devices = devices ?? {};
    this.#clock = clock;
  }

  check(serial: string, code: string): MfaCheck {
    const device = this.#devices[serial];
    if (device === undefined) return 'unknown-device';
    const valid = typeof device === 'function' ? device(this.#clock.now()) : device;
    if (![...valid].includes(code)) return 'invalid';
    const used = this.#used.get(serial) ?? new Set<string>();
    if (used.has(code)) return 'replayed';
    used.add(code);
    this.#used.set(serial, used);
    return 'ok';
  }
}
