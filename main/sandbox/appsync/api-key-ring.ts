/**
 * API_KEY mode: the keys an API accepts in `x-api-key`, each with an expiry. AppSync answers an
 * unknown and an expired key alike (401, "You are not authorized to make this call."), so a
 * client learns nothing about which keys exist; the sandbox does the same.
 */
import { randomBytes } from 'node:crypto';
import { timingSafeEqual } from 'node:crypto';
import type { ApiKeyEntry } from './auth-config.ts';

const KEY_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** A fresh key in AppSync's current format (`da2-` + 26 lower-case base32 characters). */
export function newApiKeyValue(): string {
  const bytes = randomBytes(26);
  let key = 'da2-';
  for (const byte of bytes) key += KEY_ALPHABET[byte % KEY_ALPHABET.length];
  return key;
}

export type ApiKeyCheck =
  { ok: true; key: ApiKeyEntry } | { ok: false; reason: 'unknown' | 'expired' };

export class ApiKeyRing {
  readonly #keys = new Map<string, ApiKeyEntry>();

  add(entry: ApiKeyEntry): ApiKeyEntry {
    this.#keys.set(entry.id, { ...entry });
    return entry;
  }

  remove(id: string): boolean {
    return this.#keys.delete(id);
  }

  list(): ApiKeyEntry[] {
    return [...this.#keys.values()].map((entry) => ({ ...entry }));
  }

  check(value: string, now: number): ApiKeyCheck {
    for (const entry of this.#keys.values()) {
      if (sameValue(entry.id, value)) {
        return entry.expiresAt <= now ? { ok: false, reason: 'expired' } : { ok: true, key: entry };
      }
    }
    return { ok: false, reason: 'unknown' };
  }
}

function sameValue(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
