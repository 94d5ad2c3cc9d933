/**
 * Runs a tab, but asks first when a mutation would hit production: a production-tagged profile
 * (for IAM) or an endpoint whose name matches the production patterns.
 */
import { getContext, setContext } from 'svelte';
import { headerAuthMode } from '../../../../shared/collections.ts';
import { createEnvironmentTagger } from '../../../../shared/environment-tags.ts';
import { operationsOf } from '../editor/operations.ts';
import type { ConfirmState } from './confirm.svelte.ts';
import type { EndpointsState } from './endpoints.svelte.ts';
import type { ProfilesState } from './profiles.svelte.ts';
import { parseHeaders, type RequestTab, type TabsState } from './tabs.svelte.ts';

const KEY = Symbol('run-guard');

export class RunGuard {
  readonly #tabs: TabsState;
  readonly #profiles: ProfilesState;
  readonly #endpoints: EndpointsState;
  readonly #confirm: ConfirmState;

  constructor(
    tabs: TabsState,
    profiles: ProfilesState,
    endpoints: EndpointsState,
    confirm: ConfirmState,
  ) {
    this.#tabs = tabs;
    this.#profiles = profiles;
    this.#endpoints = endpoints;
    this.#confirm = confirm;
  }

  /** Where a run would land, if that is production; null otherwise. */
  productionTarget(tab: RequestTab, operation: string | null): string | null {
    const name = tab.draft.operationName ?? operation;
    const operations = operationsOf(tab.draft.query);
    const chosen = operations.find((o) => o.name === name) ?? operations[0];
    if (chosen?.type !== 'mutation') return null;
    const endpoint = this.#endpoints.byId(tab.draft.endpointId);
    const list = this.#profiles.list;
    if (!list) return null;
    const tag = createEnvironmentTagger(list.environmentPatterns);
    if (!endpoint) {
      // A collection request with its own URL: IAM (its mode, or none and no key or token
      // header, as main's runner reads it) signs with the tab's profile or the active one.
      const { authMode } = tab.draft;
      const iam = authMode === 'AWS_IAM' || (authMode === null && !headerAuthMode(headersOf(tab)));
      const profile = iam ? (tab.draft.profile ?? list.active) : null;
      return profile && tag(profile) === 'production' ? `profile ${profile}` : null;
    }
    const mode =
      endpoint.authModes.find((m) => m.type === tab.draft.authMode) ?? endpoint.authModes[0];
    const profile =
      mode?.type === 'AWS_IAM' ? (tab.draft.profile ?? mode.profile ?? list.active) : null;
    if (profile && tag(profile) === 'production') return `profile ${profile}`;
    if (tag(endpoint.name) === 'production') return `endpoint ${endpoint.name}`;
    return null;
  }

  async run(tab: RequestTab, operation: string | null): Promise<void> {
    const target = this.productionTarget(tab, operation);
    if (target) {
      const go = await this.#confirm.ask(
        'Run a mutation on production?',
        `This mutation runs with ${target}, tagged production. It changes data there.`,
        'Run on production',
      );
      if (!go) return;
    }
    await this.#tabs.run(tab, operation);
  }
}

/** The tab's headers; lines that do not parse stop the run later, with their own message. */
function headersOf(tab: RequestTab): Record<string, string> {
  try {
    return parseHeaders(tab.draft.headers) ?? {};
  } catch {
    return {};
  }
}

export function provideRunGuard(guard: RunGuard): RunGuard {
  return setContext(KEY, guard);
}

export function useRunGuard(): RunGuard {
  const guard = getContext<RunGuard | undefined>(KEY);
  if (!guard) throw new Error('useRunGuard() needs provideRunGuard() in a parent component');
  return guard;
}
