import { randomBytes } from 'node:crypto';
import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import { opaque } from './oidc-secrets.ts';
import type { SsoFixture } from './sso-fixture.ts';
import { devicePage, doneDevicePage } from './sso-pages.ts';
import type { SsoPeople } from './sso-people.ts';
import { json, oidcErrors } from './sso-wire.ts';

/**
 * The device authorization grant (RFC 8628): StartDeviceAuthorization hands out a user code,
 * a person approves or denies it on the /device page (or a test does), and the client polls
 * CreateToken until then, slowed down when it polls too fast.
 */

interface DeviceGrant {
  clientId: string;
  userCode: string;
  expiresAt: number;
  interval: number;
  lastPollAt?: number;
  state: 'pending' | 'approved' | 'denied' | 'used';
  userName?: string;
}

export interface DeviceFlowOptions {
  fixture: SsoFixture;
  clock: { now(): number };
  people: SsoPeople;
}

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

function userCode(): string {
  const bytes = randomBytes(8);
  const chars = [...bytes].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}

const normalizeUserCode = (code: string) => code.toUpperCase().replace(/[^A-Z]/g, '');

export function createDeviceFlow(options: DeviceFlowOptions) {
  const { fixture, clock, people } = options;
  const devices = new Map<string, DeviceGrant>();
  const codeSeconds = fixture.deviceCodeSeconds ?? 600;
  const interval = fixture.pollIntervalSeconds ?? 1;

  function findPending(code: string): DeviceGrant {
    const wanted = normalizeUserCode(code);
    const grant = [...devices.values()].find((d) => normalizeUserCode(d.userCode) === wanted);
    if (!grant || grant.state !== 'pending' || grant.expiresAt <= clock.now()) {
      throw new Error(
        `No pending device authorization with user code "${code}" (unknown, expired or already decided).`,
      );
    }
    return grant;
  }

  return {
    /** StartDeviceAuthorization, for a client already authenticated. */
    start(body: Record<string, unknown>, base: string): WireResponse {
      if (fixture.startUrl !== undefined && body.startUrl !== fixture.startUrl) {
        throw oidcErrors.invalidRequest(`Unknown start URL ${String(body.startUrl)}`);
      }
      const deviceCode = opaque('dc');
      const code = userCode();
      devices.set(deviceCode, {
        clientId: String(body.clientId),
        userCode: code,
        expiresAt: clock.now() + codeSeconds * 1000,
        interval,
        state: 'pending',
      });
      return json(200, {
        deviceCode,
        userCode: code,
        verificationUri: `${base}/device`,
        verificationUriComplete: `${base}/device?user_code=${code}`,
        expiresIn: codeSeconds,
        interval,
      });
    },
    /** The device_code grant: the person who approved the code, once. */
    redeem(body: Record<string, unknown>, clientId: string): string {
      const grant = typeof body.deviceCode === 'string' ? devices.get(body.deviceCode) : undefined;
      if (!grant || grant.clientId !== clientId || grant.state === 'used')
        throw oidcErrors.invalidGrant('Invalid device code provided');
      const now = clock.now();
      if (grant.expiresAt <= now) throw oidcErrors.expired();
      if (grant.state === 'denied') throw oidcErrors.denied();
      const tooSoon =
        grant.lastPollAt !== undefined && now - grant.lastPollAt < grant.interval * 1000;
      grant.lastPollAt = now;
      if (tooSoon) {
        grant.interval += 5; // RFC 8628 §3.5: the client must add 5 seconds from now on.
        throw oidcErrors.slowDown();
      }
      if (grant.state === 'pending') throw oidcErrors.pending();
      grant.state = 'used';
      return grant.userName!;
    },
    /** The verification page a person opens, and the Allow/Deny form it posts. */
    verificationPage(
      request: IncomingSignedRequest,
      query: URLSearchParams,
      form: URLSearchParams | undefined,
    ): WireResponse {
      if (request.method === 'GET' || !form)
        return devicePage(query.get('user_code') ?? '', people.names);
      const code = form.get('user_code') ?? '';
      try {
        const grant = findPending(code);
        grant.state = form.get('decision') === 'approve' ? 'approved' : 'denied';
        grant.userName = people.resolve(form.get('user') ?? undefined);
        return doneDevicePage(grant.state === 'approved');
      } catch (error) {
        return devicePage(code, people.names, (error as Error).message);
      }
    },
    /** Approval without the page (tests); returns who approved for which client. */
    approve(code: string, userName?: string): { clientId: string; userName: string } {
      const grant = findPending(code);
      grant.userName = people.resolve(userName);
      grant.state = 'approved';
      return { clientId: grant.clientId, userName: grant.userName };
    },
    deny(code: string): void {
      findPending(code).state = 'denied';
    },
  };
}
