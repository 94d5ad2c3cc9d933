import type { AssertionDTO, RequestScriptsDTO } from './request-tests.ts';

/** An open request tab, as saved between restarts. Drafts only: no result, no secret. */
export interface TabDraftDTO {
  id: string;
  title: string;
  endpointId: string | null;
  authMode: string | null;
  /** IAM only: a profile pinned to this tab; null = the active profile. */
  profile: string | null;
  query: string;
  variables: string;
  headers: string;
  operationName: string | null;
  /** Where the draft was opened from, so "save" can go back there. */
  origin: TabOriginDTO | null;
  /** Checks on the answer and pre/post scripts, as edited (absent in tabs saved before them). */
  assertions?: AssertionDTO[];
  scripts?: RequestScriptsDTO;
}

export interface TabOriginDTO {
  kind: 'collection';
  folder: string;
  requestId: string;
  version: string;
  /**
   * The saved request has a URL and auth of its own (no endpoint saved in the app): with no
   * endpoint chosen, the tab runs through its collection.
   */
  ownUrl?: boolean;
}

export interface TabsDTO {
  tabs: TabDraftDTO[];
  activeId: string | null;
}

/**
 * Tabs as loaded, with the workspace generation they belong to: a save names it back, and main
 * refuses one for a workspace that was switched away from since (`WORKSPACE_CHANGED`).
 */
export interface LoadedTabsDTO extends TabsDTO {
  generation: string;
}

/** A tab with nothing chosen yet (no endpoint, no origin, no checks), then `partial`'s fields. */
export function blankTabDraft(id: string, partial: Partial<TabDraftDTO> = {}): TabDraftDTO {
  return {
    id,
    title: 'New request',
    endpointId: null,
    authMode: null,
    profile: null,
    query: 'query {\n  \n}\n',
    variables: '{}',
    headers: '',
    operationName: null,
    origin: null,
    assertions: [],
    scripts: { pre: null, post: null },
    ...partial,
  };
}
