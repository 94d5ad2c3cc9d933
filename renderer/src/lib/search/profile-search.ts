/** The profile search the sidebar and the quick switcher share: fuzzy on names, literal on facts. */
import type { ProfileDTO } from '../../../../shared/profiles.ts';
import { filterByQuery, rankByQuery, type Ranked } from './fuzzy-match.ts';

/** What a search word may match besides the name. */
export function profileFacts(profile: ProfileDTO): string {
  return [profile.kind, profile.region, profile.environment, profile.roleArn, profile.ssoSession]
    .filter(Boolean)
    .join(' ');
}

// A profile's facts are joined when a word first needs them, once per listing (a new listing
// brings new objects, so nothing stale is kept). Names are lower-cased as they are read: a
// cache of them costs the first keystroke more than it saves.
const facts = new WeakMap<ProfileDTO, string>();

const nameOf = (profile: ProfileDTO) => profile.name;
const factsOf = (profile: ProfileDTO) => {
  let found = facts.get(profile);
  if (found === undefined) {
    found = profileFacts(profile).toLowerCase();
    facts.set(profile, found);
  }
  return found;
};

/** The profiles the query matches, best first, with the matched positions (the switcher). */
export function searchProfiles(
  profiles: readonly ProfileDTO[],
  query: string,
  limit?: number,
): Ranked<ProfileDTO>[] {
  return rankByQuery(profiles, query, nameOf, factsOf, limit);
}

/** The profiles the query matches, best first (the sidebar, which shows no highlights). */
export function filterProfiles(profiles: readonly ProfileDTO[], query: string): ProfileDTO[] {
  return filterByQuery(profiles, query, nameOf, factsOf).map((r) => r.item);
}
