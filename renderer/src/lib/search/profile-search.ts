/** The profile search the sidebar and the quick switcher share: fuzzy on names, literal on facts. */
import type { ProfileDTO } from '../../../../shared/profiles.ts';
import { rankByQuery, type Ranked } from './fuzzy-match.ts';

/** What a search word may match besides the name. */
export function profileFacts(profile: ProfileDTO): string {
  return [profile.kind, profile.region, profile.environment, profile.roleArn, profile.ssoSession]
    .filter(Boolean)
    .join(' ');
}

export function searchProfiles(
  profiles: readonly ProfileDTO[],
  query: string,
  limit?: number,
): Ranked<ProfileDTO>[] {
  return rankByQuery(profiles, query, (p) => p.name, profileFacts, limit);
}
