/**
 * The checks every HTTP request and WebSocket upgrade to the loopback web host must pass: the
 * Host header names our own loopback address (against DNS rebinding), an Origin, when sent, is
 * our own; and where the session cookie is read, every cookie of its name is considered.
 */
import type { IncomingMessage } from 'node:http';

export type GuardVerdict = { ok: true } | { ok: false; status: number; reason: string };

export interface Guard {
  cookieName: string;
  allowedOrigins: Set<string>;
  checkHostAndOrigin(req: IncomingMessage, requireOrigin: boolean): GuardVerdict;
  /**
   * The values of every cookie of our name: a browser sends a stale one (an earlier run on the
   * same port, another Path) beside the current one, in no order we can rely on.
   */
  cookieValues(req: IncomingMessage): string[];
}

export function createGuard(port: number): Guard {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = new Set([...hosts].map((h) => `http://${h}`));
  // Cookies are not isolated by port, so the name carries it: two hosts never mix sessions.
  const cookieName = `awb_${port}`;
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
    cookieValues(req) {
      const values: string[] = [];
      for (const part of (req.headers.cookie ?? '').split(';')) {
        const [name, ...value] = part.trim().split('=');
        if (name === cookieName) values.push(value.join('='));
      }
      return values;
    },
  };
}
