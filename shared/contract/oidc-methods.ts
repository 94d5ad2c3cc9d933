/** OpenID Connect providers: adding them, signing in and out, who is signed in. */
import * as z from '../zod.ts';
import { oidcProviderInputSchema, type OidcIdentityDTO, type OidcProviderDTO } from '../oidc.ts';
import { operationId, returns } from './common.ts';

/** The same rule as a provider's name when it is added, so a lookup can't smuggle a path. */
const providerName = z
  .string('a provider name is a string')
  .check(
    z.regex(
      /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
      'a provider name is letters, digits, dots, dashes and underscores (at most 64)',
    ),
  );

export const oidcMethods = {
  'oidc.providers': {
    input: z.strictObject({}),
    output: returns<OidcProviderDTO[]>(),
  },
  /** A client secret typed here goes to the vault; the answer says only that one is stored. */
  'oidc.addProvider': {
    input: z.strictObject({ provider: oidcProviderInputSchema }),
    output: returns<OidcProviderDTO>(),
  },
  /** Signs out (revoking where supported), then forgets the provider and its client secret. */
  'oidc.removeProvider': {
    input: z.strictObject({ name: providerName }),
    output: returns<null>(),
  },
  /** Browser: the system browser with a loopback redirect. Device: the code is shown as a prompt. */
  'oidc.login': {
    input: z.strictObject({
      name: providerName,
      flow: z.enum(['browser', 'device'], 'the sign-in flow is "browser" or "device"'),
      operationId,
    }),
    output: returns<OidcIdentityDTO>(),
  },
  'oidc.logout': {
    input: z.strictObject({ name: providerName }),
    output: returns<{ wasSignedIn: boolean; revoked: boolean }>(),
  },
  'oidc.identity': {
    input: z.strictObject({ name: providerName }),
    output: returns<OidcIdentityDTO | null>(),
  },
} as const;
