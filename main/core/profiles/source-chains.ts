/**
 * Follows `source_profile` the way the AWS SDK's `fromIni` does, for every profile at once.
 *
 * Past its first hop a walk depends only on the profile it has reached (the SDK's loop rule
 * stops it when a source repeats, and the sources seen are exactly the hops since the first), so
 * the rest of a walk from a profile is computed once and shared by every chain that reaches it:
 * listing N profiles costs O(N), however long or looping their chains are, and a loop is found
 * once for all the profiles on and above it. A chain is then read hop by hop, as far as needed.
 */
import { CHAIN_HEAD, chainText } from '../../../shared/profiles.ts';
import type { IniData, IniSection } from './aws-files.ts';
import { assumeRoleKind, baseLabel, has, isStaticKeys, profileKind } from './profile-kind.ts';

interface Ending {
  /** How the last hop gets credentials ("static keys", a credential_source), if it does. */
  base: string | null;
  problem: string | null;
  /** The source the walk loops back to: the problem then names the chain, known per start. */
  loopsTo: string | null;
}

/** The rest of a walk from a profile reached as a source. */
interface Tail {
  /** The next hop's name (a missing profile's too), or null when this hop is the last. */
  next: string | null;
  /** Hops from this one to the end, both included. */
  length: number;
  last: string;
  ending: Ending;
}

export interface SourceChain {
  /** Every hop, from the asked-for profile to where the walk stops (a loop repeats one). */
  length: number;
  last: string;
  base: string | null;
  problem: string | null;
  /** The first `count` hops. */
  head(count: number): string[];
}

const ends = (base: string | null, problem: string | null = null): Ending => ({
  base,
  problem,
  loopsTo: null,
});

function missingSource(profile: string, source: string): Ending {
  return ends(null, `Profile "${profile}" names source_profile "${source}", which does not exist.`);
}

/** Where a profile ends a chain because it does not continue it. */
function endingOf(name: string, section: IniSection): Ending {
  const kind = profileKind(section);
  if (kind !== 'incomplete') return ends(baseLabel(kind));
  return ends(
    null,
    has(section, 'source_profile') && has(section, 'credential_source')
      ? `Profile "${name}" sets both source_profile and credential_source; keep one.`
      : `Profile "${name}" has no credentials: no keys, role, SSO or process.`,
  );
}

export class SourceChains {
  readonly #profiles: IniData;
  readonly #tails = new Map<string, Tail>();

  constructor(profiles: IniData) {
    this.#profiles = profiles;
  }

  #section(name: string): IniSection | undefined {
    return Object.hasOwn(this.#profiles, name) ? this.#profiles[name] : undefined;
  }

  /** One hop past the first: the end of the walk, or the source it goes on to. */
  #step(name: string, section: IniSection): Tail | string {
    const last = (ending: Ending): Tail => ({ next: null, length: 1, last: name, ending });
    // A source with static keys is a leaf, whatever else it says (fromIni).
    if (isStaticKeys(section)) return last(ends('static keys'));
    const onlyCredentialSource = !has(section, 'role_arn') && has(section, 'credential_source');
    if (!onlyCredentialSource && !assumeRoleKind(section)) return last(endingOf(name, section));
    const source = section.source_profile;
    if (source === undefined) return last(ends(section.credential_source ?? null));
    if (!this.#section(source)) {
      return { next: source, length: 2, last: source, ending: missingSource(name, source) };
    }
    return source;
  }

  /** The rest of the walk from `start` reached as a source, computing what is not known yet. */
  #tail(start: string): Tail {
    const path: string[] = [];
    const onPath = new Map<string, number>();
    let current = start;
    while (!this.#tails.has(current)) {
      const loopStart = onPath.get(current);
      if (loopStart !== undefined) {
        // The SDK stops when a source repeats: on a loop, each hop's walk goes once round it.
        const loop = path.splice(loopStart);
        loop.forEach((name, i) => {
          const next = loop[(i + 1) % loop.length] as string;
          const ending = { base: null, problem: null, loopsTo: name };
          this.#tails.set(name, { next, length: loop.length + 1, last: name, ending });
        });
        break;
      }
      const step = this.#step(current, this.#section(current) as IniSection);
      if (typeof step !== 'string') {
        this.#tails.set(current, step);
        break;
      }
      onPath.set(current, path.length);
      path.push(current);
      current = step;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const name = path[i] as string;
      const next = path[i + 1] ?? current;
      const after = this.#tails.get(next) as Tail;
      this.#tails.set(name, { ...after, next, length: after.length + 1 });
    }
    return this.#tails.get(start) as Tail;
  }

  #names(from: string, count: number): string[] {
    const names: string[] = [];
    let current: string | null = from;
    while (current !== null && names.length < count) {
      names.push(current);
      current = names.length < count ? (this.#tails.get(current)?.next ?? null) : null;
    }
    return names;
  }

  /** The chain of `name`, asked for by the user (its first hop follows the SDK's first-hop rule). */
  of(name: string): SourceChain {
    const section = this.#section(name);
    const alone = (ending: Ending): SourceChain => ({
      length: 1,
      last: name,
      base: ending.base,
      problem: ending.problem,
      head: () => [name],
    });
    if (!section) return alone(ends(null, `Profile "${name}" does not exist.`));
    if (!assumeRoleKind(section)) return alone(endingOf(name, section));
    const source = section.source_profile;
    if (source === undefined) return alone(ends(section.credential_source ?? null));
    if (!this.#section(source)) {
      const ending = missingSource(name, source);
      return { ...alone(ending), length: 2, last: source, head: (n) => [name, source].slice(0, n) };
    }
    const tail = this.#tail(source);
    const chain: SourceChain = {
      length: tail.length + 1,
      last: tail.last,
      base: tail.ending.base,
      problem: tail.ending.problem,
      head: (count) => (count < 1 ? [] : [name, ...this.#names(source, count - 1)]),
    };
    if (tail.ending.loopsTo !== null) {
      const shown = shownChain(chain);
      chain.problem = `The source_profile chain loops back to "${tail.ending.loopsTo}" (${chainText(shown.chain, shown.omitted)}).`;
    }
    return chain;
  }
}

/** What a list shows of a chain: all of a short one; the first hops and the last of a long one. */
export function shownChain(chain: SourceChain): { chain: string[]; omitted: number } {
  if (chain.length <= CHAIN_HEAD + 1) return { chain: chain.head(chain.length), omitted: 0 };
  return { chain: [...chain.head(CHAIN_HEAD), chain.last], omitted: chain.length - CHAIN_HEAD - 1 };
}

/** One profile's whole chain, for resolving it. */
export function sourceChain(
  name: string,
  profiles: IniData,
): { chain: string[]; base: string | null; problem: string | null } {
  const chain = new SourceChains(profiles).of(name);
  return { chain: chain.head(chain.length), base: chain.base, problem: chain.problem };
}
