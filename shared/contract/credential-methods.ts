/** A profile's credentials: who they are, the chain that makes them, export and forget. */
import * as z from '../zod.ts';
import type { CallerIdentityDTO, CredentialChainDTO } from '../credentials.ts';
import { id, profileName, returns } from './common.ts';

export const credentialMethods = {
  'credentials.identity': {
    input: z.strictObject({ profile: profileName, operationId: z.optional(id) }),
    output: returns<CallerIdentityDTO>(),
  },
  'credentials.chain': {
    input: z.strictObject({ profile: profileName }),
    output: returns<CredentialChainDTO>(),
  },
  /** Puts export lines on the clipboard, in main: the renderer learns only that it happened. */
  'credentials.copyExport': {
    input: z.strictObject({
      profile: profileName,
      format: z.enum(['bash', 'powershell', 'fish', 'credential-process']),
      operationId: z.optional(id),
    }),
    output: returns<{ copied: true; expiresAt: number | null }>(),
  },
  'credentials.forget': {
    input: z.strictObject({ profile: z.optional(profileName) }),
    output: returns<null>(),
  },
} as const;
