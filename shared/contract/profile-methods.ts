/** Profiles from ~/.aws: the list, the active one, pins and environment tags. */
import * as z from '../zod.ts';
import type { ProfileListHead, ProfilePageDTO } from '../profiles.ts';
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
    output: returns<ProfileListHead>(),
  },
  /** The rest of a listing, a page at a time: `revision` from its head, `offset` from 1 page on. */
  'profiles.page': {
    input: z.strictObject({
      revision: z.string().check(z.maxLength(100, 'a revision is at most 100 characters')),
      offset: z.number().check(z.int(), z.minimum(0, 'the offset cannot be negative')),
    }),
    output: returns<ProfilePageDTO>(),
  },
  'profiles.select': {
    input: z.strictObject({ name: profileName }),
    output: returns<ProfileListHead>(),
  },
  'profiles.pin': {
    input: z.strictObject({ name: profileName, pinned: z.boolean() }),
    output: returns<ProfileListHead>(),
  },
  'profiles.setEnvironmentPatterns': {
    input: z.strictObject({
      production: patternList,
      staging: patternList,
      dev: patternList,
    }),
    output: returns<ProfileListHead>(),
  },
} as const;
