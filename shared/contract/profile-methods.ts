/** Profiles from ~/.aws: the list, the active one, pins and environment tags. */
import * as z from '../zod.ts';
import type { ProfileListDTO } from '../profiles.ts';
import { profileName, returns } from './common.ts';

const patternList = z
  .array(
    z
      .string()
      .check(
        z.minLength(1, 'a pattern cannot be empty'),
        z.maxLength(200, 'a pattern is at most 200 characters'),
      ),
  )
  .check(z.maxLength(100, 'at most 100 patterns per environment'));

export const profileMethods = {
  'profiles.list': {
    input: z.strictObject({}),
    output: returns<ProfileListDTO>(),
  },
  'profiles.select': {
    input: z.strictObject({ name: profileName }),
    output: returns<ProfileListDTO>(),
  },
  'profiles.pin': {
    input: z.strictObject({ name: profileName, pinned: z.boolean() }),
    output: returns<ProfileListDTO>(),
  },
  'profiles.setEnvironmentPatterns': {
    input: z.strictObject({
      production: patternList,
      staging: patternList,
      dev: patternList,
    }),
    output: returns<ProfileListDTO>(),
  },
} as const;
