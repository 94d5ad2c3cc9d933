/**
 * The checks every HTTP request and WebSocket upgrade to the loopback web host must pass: the
 * Host header names our own loopback address (against DNS rebinding), an Origin, when sent, is
 * our own, and the per-launch token is presented (as the launch URL's query or its cookie).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export interface Guard {
  cookieName: string;
  allowedOrigins: Set<string>;
  checkHostAndOrigin(req: IncomingMessage, requireOrigin: boolean): GuardVerdict;
  tokenMatches(candidate: string | null | undefined): boolean;
  cookieToken(req: IncomingMessage): string | null;
}

export function createGuard(port: number, token: string): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...hosts].map((h) => `http://${h}`));
  // Cookies are not isolated by port, so the name carries it: two hosts never mix tokens.
  const cookieName = `awb_${port}`;
  const expected = Buffer.from(token);
  return {
    cookieName,
    allowedOrigins,
    checkHostAndOrigin(req, requireOrigin) {
      if (!hosts.has(req.headers.host ?? '')) {
        return { ok: false, status: 421, reason: 'Host header is not this loopback server' };
      }
      const origin = req.headers.origin;
      if (origin === undefined ? requireOrigin : !allowedOrigins.has(origin)) {
        return { ok: false, status: 403, reason: 'Origin is not this loopback server' };
      }
      return { ok: true };
    },
    tokenMatches(candidate) {
      if (!candidate) return false;
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
    cookieToken(req) {
      for (const part of (req.headers.cookie ?? '').split(';')) {
        const [name, ...value] = part.trim().split('=');
        if (name === cookieName) return value.join('=');
      }
      return null;
    },
  };
}
