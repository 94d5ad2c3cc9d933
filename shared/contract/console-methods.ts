/** Opening the AWS console as a profile: the sign-in URL stays in main and goes to the browser. */
import * as z from '../zod.ts';
import { operationId, profileName, returns } from './common.ts';

/** Where the console opened, never the sign-in URL (it is a credential for 15 minutes). */
export interface ConsoleOpenedDTO {
  profile: string;
  destination: string;
  partition: 'aws' | 'aws-cn' | 'aws-us-gov';
  region: string;
  via: 'session' | 'federation-token';
  signinExpiresAt: number;
}

export const consoleMethods = {
  'console.open': {
    input: z.strictObject({
      profile: profileName,
      service: z.optional(
        z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'a console service like appsync')),
      ),
      apiId: z.optional(
        z.string().check(z.regex(/^[a-z0-9]{1,64}$/, 'an AppSync API id (letters and digits)')),
      ),
      region: z.optional(
        z.string().check(z.regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/, 'a region like eu-west-1')),
      ),
      operationId,
    }),
    output: returns<ConsoleOpenedDTO>(),
  },
} as const;
