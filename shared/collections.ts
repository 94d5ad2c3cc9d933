/**
 * What the renderer may see of a collection: a folder of plain files a team shares in git.
 * Secret variables appear as `{ secret: true, value: null }`: their values live in the vault.
 */
import type { AuthModeType } from './endpoints.ts';
import type { AssertionDTO, RequestScriptsDTO } from './request-tests.ts';

/**
 * How a saved request authenticates. IAM names no profile: it is chosen at run time (or bound
 * by `profile`). The other modes hold a `{{variable}}` template, never a literal secret.
 */
export type CollectionAuthDTO =
  | { type: 'AWS_IAM'; region: string | null; service: string | null }
  | { type: Exclude<AuthModeType, 'AWS_IAM'>; value: string };

/** A request as a tab holds it, ready to save. */
export interface RequestDraftDTO {
  name: string;
  query: string;
  operationName: string | null;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  /** A saved endpoint's id, when the request uses one of the app's endpoints. */
  endpointRef: string | null;
  /** A URL (may hold `{{variables}}`), for requests that carry their own endpoint. */
  url: string | null;
  auth: CollectionAuthDTO | null;
  profile: string | null;
  /** Checks on the answer, in order (see shared/request-tests.ts). */
  assertions: AssertionDTO[];
  /** Sandboxed JavaScript before sending and after the answer. */
  scripts: RequestScriptsDTO;
  /** A collection run runs it this many times (null: once). */
  repeat: number | null;
  /** A CSV or JSON file inside the collection: a collection run runs it once per row. */
  data: string | null;
  /** With `url`: a private API's address (VPC endpoint host[:port]); may hold `{{variables}}`. */
  connectTo?: string | null;
}

export interface SavedRequestDTO extends RequestDraftDTO {
  /** Path inside the collection without extension, `/`-separated: `orders/Get order`. */
  id: string;
  /** The folder's id (`''` for the collection root). */
  folder: string;
  /** Content hash of both files; pass it back to `save` to detect outside edits. */
  version: string;
}

export interface CollectionRequestNode {
  kind: 'request';
  id: string;
  name: string;
  operationType: 'query' | 'mutation' | 'subscription' | null;
}

export interface CollectionFolderNode {
  kind: 'folder';
  id: string;
  name: string;
  children: CollectionNode[];
}

export type CollectionNode = CollectionFolderNode | CollectionRequestNode;

export interface CollectionProblemDTO {
  /** Path inside the collection. */
  file: string;
  message: string;
}

export interface CollectionTreeDTO {
  /** The collection's folder, absolute. */
  folder: string;
  name: string;
  environments: string[];
  root: CollectionFolderNode;
  problems: CollectionProblemDTO[];
}

export interface CollectionVariableDTO {
  name: string;
  /** null for a secret variable: the value is in the vault. */
  value: string | null;
  secret: boolean;
}

export interface CollectionEnvironmentDTO {
  name: string;
  variables: CollectionVariableDTO[];
}

/** Sent when files changed on disk outside the app (a `git pull`, an editor). */
export interface CollectionChangeDTO {
  folder: string;
  /** Requests whose content changed, was added or removed. */
  requestIds: string[];
  /** Folders or requests were added, removed or renamed. */
  treeChanged: boolean;
  /** `collection.json` (name, environments) changed. */
  settingsChanged: boolean;
}

/** A collection folder opened lately (Collections offers them again). */
export interface RecentCollectionDTO {
  folder: string;
  name: string;
  /** The folder is not there now (deleted, moved, a drive not mounted). */
  missing: boolean;
}

export interface ImportReportDTO {
  format: 'postman-v2.1' | 'insomnia-v4' | 'bruno';
  collectionName: string;
  requests: number;
  folders: number;
  environments: string[];
  /** Secrets moved into the vault, by where they were found. */
  vaulted: { where: string; variable: string }[];
  /** What was not imported, and why (access keys, non-GraphQL requests, scripts...). */
  dropped: { where: string; what: string; reason: string }[];
  /** What was imported but needs a look before it runs (a script kept as it was written). */
  review?: { where: string; what: string; reason: string }[];
}

/**
 * The auth mode a saved request with none takes from its headers: its key in `x-api-key`, or
 * its token in `Authorization` (as many Postman exports do). null: neither, so it is signed with
 * IAM. Main runs it that way; the renderer asks it to know what a run will do.
 */
export function headerAuthMode(
  headers: Record<string, string>,
): { header: string; type: 'API_KEY' | 'OPENID_CONNECT' } | null {
  for (const [wanted, type] of [
    ['x-api-key', 'API_KEY'],
    ['authorization', 'OPENID_CONNECT'],
  ] as const) {
    const header = Object.keys(headers).find((name) => name.toLowerCase() === wanted);
    if (header !== undefined) return { header, type };
  }
  return null;
}
