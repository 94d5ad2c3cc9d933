/**
 * The shape of `settings.json`, checked on every read of the file. A module of its own because
 * the validator costs a one-shot command ~15–20 ms to load, and a data dir without a settings
 * file (a first start, a command-line-only user) never needs it.
 */
import * as z from '../../../shared/zod.ts';
import { DEFAULT_ENVIRONMENT_PATTERNS } from './default-environment-patterns.ts';

const patternList = z
  .array(z.string().check(z.minLength(1), z.maxLength(200)))
  .check(z.maxLength(100));

// Fields added after version 1 carry defaults, so older files still read.
export const settingsSchema = z.object({
  version: z.literal(1),
  activeProfile: z.nullable(z.string()),
  pinnedProfiles: z._default(z.array(z.string()), []),
  recentProfiles: z._default(z.array(z.string()), []),
  environmentPatterns: z._default(
    z.object({ production: patternList, staging: patternList, dev: patternList }),
    DEFAULT_ENVIRONMENT_PATTERNS,
  ),
  historyRetention: z._default(
    z.object({
      maxEntries: z.nullable(z.int().check(z.positive())),
      maxAgeDays: z.nullable(z.int().check(z.positive())),
    }),
    { maxEntries: null, maxAgeDays: null },
  ),
  /** Endpoints (`endpoint:<id>@<host>`) and URLs (`url:<origin>`) the user let IAM sign for. */
  approvedSigningHosts: z._default(z.array(z.string().check(z.maxLength(2048))), []),
  /** Collection folders opened lately, newest first (main/core/collections/recent-collections.ts). */
  recentCollections: z._default(z.array(z.string().check(z.maxLength(4096))), []),
});

export type Settings = z.infer<typeof settingsSchema>;
