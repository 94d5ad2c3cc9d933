/** Between a request tab's draft and a saved collection request, both ways. */
import type {
  CollectionAuthDTO,
  RequestDraftDTO,
  SavedRequestDTO,
} from '../../../../shared/collections.ts';
import type { TabDraftDTO, TabOriginDTO } from '../../../../shared/tabs.ts';
import { filledAssertions, parseHeaders, parseVariables } from './tabs.svelte.ts';

/** What `useTabs().open()` needs to show a saved request, remembering where it came from. */
export function tabFromSaved(request: SavedRequestDTO, folder: string): Partial<TabDraftDTO> {
  return {
    title: request.name,
    endpointId: request.endpointRef,
    authMode: request.auth?.type ?? null,
    profile: request.profile,
    query: request.query,
    variables: JSON.stringify(request.variables, null, 2),
    headers: Object.entries(request.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    operationName: request.operationName,
    origin: originOf(request, folder),
    assertions: request.assertions,
    scripts: request.scripts,
  };
}

/** The collection folder a request id is in ('' = the collection's root). */
export function parentOf(requestId: string): string {
  return requestId.includes('/') ? requestId.replace(/\/[^/]*$/, '') : '';
}

/** Where a tab's draft came from (and goes back to on save). */
export function originOf(
  request: Pick<SavedRequestDTO, 'id' | 'version' | 'url' | 'endpointRef'>,
  folder: string,
): TabOriginDTO {
  return {
    kind: 'collection',
    folder,
    requestId: request.id,
    version: request.version,
    ownUrl: request.url !== null && request.endpointRef === null,
  };
}

function authOf(mode: string | null): CollectionAuthDTO | null {
  if (!mode) return null;
  if (mode === 'AWS_IAM') return { type: 'AWS_IAM', region: null, service: null };
  // With a saved endpoint the endpoint holds the secret: the file only names the mode.
  return { type: mode as Exclude<CollectionAuthDTO['type'], 'AWS_IAM'>, value: '' };
}

/**
 * A tab as a request to save. `base` is the saved request it came from: what a tab does not
 * hold (a URL with its own auth) is kept from there. Throws on variables that are not JSON.
 */
export function draftFromTab(
  tab: TabDraftDTO,
  name: string,
  base: SavedRequestDTO | null,
): RequestDraftDTO {
  const usesEndpoint = tab.endpointId !== null;
  return {
    name,
    query: tab.query,
    operationName: tab.operationName,
    variables: parseVariables(tab.variables) ?? {},
    headers: parseHeaders(tab.headers) ?? {},
    endpointRef: usesEndpoint ? tab.endpointId : (base?.endpointRef ?? null),
    url: usesEndpoint ? null : (base?.url ?? null),
    auth: usesEndpoint ? authOf(tab.authMode) : (base?.auth ?? null),
    profile: tab.profile ?? base?.profile ?? null,
    assertions: tab.assertions ? filledAssertions(tab) : (base?.assertions ?? []),
    scripts: tab.scripts ?? base?.scripts ?? { pre: null, post: null },
    // A tab does not edit these: saving keeps what the file had.
    repeat: base?.repeat ?? null,
    data: base?.data ?? null,
  };
}
