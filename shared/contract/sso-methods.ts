/** IAM Identity Center sessions: listing, signing in and out, accounts and roles. */
import * as z from '../zod.ts';
import type { SsoAccountDTO, SsoSessionDTO } from '../sso.ts';
import { operationId, profileName, returns } from './common.ts';

const target = z.union([
  z.strictObject({ session: z.string().check(z.minLength(1), z.maxLength(512)) }),
  z.strictObject({ profile: profileName }),
]);

export const ssoMethods = {
  'sso.sessions': {
    input: z.strictObject({}),
    output: returns<SsoSessionDTO[]>(),
  },
  'sso.login': {
    input: z.strictObject({ target, flow: z.enum(['device', 'pkce']), operationId }),
    output: returns<SsoSessionDTO>(),
  },
  'sso.logout': {
    input: z.strictObject({ target }),
    output: returns<null>(),
  },
  'sso.accounts': {
    input: z.strictObject({ target, operationId }),
    output: returns<SsoAccountDTO[]>(),
  },
} as const;
