/**
 * The ways into the loopback web host: single-use launch codes, printed or opened at launch,
 * each traded on first use for a session secret that only ever travels in an HttpOnly cookie.
 * A launch link that leaks afterwards (browser history, a shell's scrollback) opens nothing.
 * Only SHA-256 digests are kept, so a lookup reveals nothing about the secrets it compares.
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Admission {
  /** A new launch code, good for one use. */
  issueCode(): string;
  /** Spends a launch code: the new session secret, or null for a code unknown or spent. */
  redeem(code: string): string | null;
  isSession(secret: string): boolean;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

export function createAdmission(): Admission {
  const codes = new Set<string>();
  const sessions = new Set<string>();
  return {
    issueCode() {
      const code = newSecret();
      codes.add(digest(code));
      return code;
    },
    redeem(code) {
      if (!codes.delete(digest(code))) return null;
      const session = newSecret();
      sessions.add(digest(session));
      return session;
    },
    isSession(secret) {
      return sessions.has(digest(secret));
    },
  };
}
