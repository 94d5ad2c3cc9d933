import type { IdentityStore } from '../identity-store.ts';
import type { IncomingSignedRequest } from '../sigv4/sigv4-verifier.ts';
import type { WireResponse } from '../sts/sts-wire.ts';
import { createOidcServer } from './oidc-server.ts';
import type { SsoCall, SsoFixture } from './sso-fixture.ts';
import { createSsoPortal } from './sso-portal.ts';
import { SsoError, ssoErrorResponse } from './sso-wire.ts';

export type { SsoCall, SsoFixture } from './sso-fixture.ts';

export interface SsoPeersOptions {
  fixture: SsoFixture;
  identities: IdentityStore;
  clock: { now(): number };
  record(call: SsoCall): void;
}

/** SSO-OIDC and the SSO portal behind one entry point, recording every call. */
export function createSsoPeers(options: SsoPeersOptions) {
  const { clock, record } = options;
  const oidc = createOidcServer(options);
  const portal = createSsoPortal({ ...options, oidc });
  const isPortal = (path: string) =>
    path.startsWith('/federation/') || path.startsWith('/assignment/') || path === '/logout';

  return {
    /** undefined when no SSO peer serves the path. */
    handle(request: IncomingSignedRequest): Promise<WireResponse> | undefined {
      const path = request.rawPath.split('?')[0] ?? '';
      const call: SsoCall = {
        service: isPortal(path) ? 'sso' : 'sso-oidc',
        action: '',
        at: clock.now(),
        outcome: 'ok',
      };
      let response: WireResponse | undefined;
      try {
        response = isPortal(path) ? portal.handle(request, call) : oidc.handle(request, call);
      } catch (error) {
        if (!(error instanceof SsoError)) return Promise.reject(error);
        call.outcome = error.type;
        response = ssoErrorResponse(error);
      }
      if (response === undefined) return undefined;
      record(call);
      return Promise.resolve(response);
    },
    approveDeviceCode: (code: string, userName?: string) => oidc.approveDeviceCode(code, userName),
    denyDeviceCode: (code: string) => oidc.denyDeviceCode(code),
  };
}
