/**
 * Tags a profile production / staging / dev from name patterns, so the UI can colour it and
 * warn before a production request. Production is checked first: when in doubt, warn.
 */
import { ENVIRONMENT_TAGS, type EnvironmentPatterns, type EnvironmentTag } from './profiles.ts';

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

export function createEnvironmentTagger(
  patterns: EnvironmentPatterns,
): (profile: string) => EnvironmentTag | null {
  const compiled = ENVIRONMENT_TAGS.map((tag) => [tag, patterns[tag].map(globToRegExp)] as const);
  return (profile) => compiled.find(([, res]) => res.some((re) => re.test(profile)))?.[0] ?? null;
}
