/**
 * A Bruno collection as both of Bruno's formats describe it (`.bru` markup and the YAML
 * OpenCollection format), before it is mapped to ours (bruno-import.ts). Values are kept as
 * written: `{{templates}}`, literal secrets and scripts alike; deciding what to keep, vault or
 * drop is the mapper's job.
 */
import { AppError } from '../../../shared/errors.ts';
import type { BrunoSource, BrunoSourceFile, BrunoSourceFolder } from './bruno-folder-reader.ts';

export interface BrunoPair {
  name: string;
  value: string;
  enabled: boolean;
}

/** `mode` as Bruno names it: inherit, none, awsv4, apikey, bearer, basic, oauth2 … */
export interface BrunoAuth {
  mode: string;
  fields: Record<string, string>;
}

export interface BrunoAssertion {
  /** Bruno's expression: `res.status`, `res.body.data.order.id` … */
  expression: string;
  operator: string;
  value: string;
  enabled: boolean;
}

export interface BrunoScripts {
  pre: string;
  post: string;
  tests: string;
}

export interface BrunoRequest {
  kind: 'request';
  /** The file it came from, inside the collection. */
  file: string;
  name: string;
  seq: number;
  /** graphql, http, grpc, ws … */
  type: string;
  url: string;
  headers: BrunoPair[];
  auth: BrunoAuth;
  query: string;
  /** The GraphQL variables as JSON text. */
  variables: string;
  assertions: BrunoAssertion[];
  vars: BrunoPair[];
  scripts: BrunoScripts;
}

export interface BrunoFolder {
  kind: 'folder';
  name: string;
  seq: number;
  headers: BrunoPair[];
  /** null: the folder sets no auth (its requests' `inherit` looks further up). */
  auth: BrunoAuth | null;
  vars: BrunoPair[];
  scripts: BrunoScripts;
  items: (BrunoFolder | BrunoRequest)[];
}

export interface BrunoEnvironment {
  name: string;
  variables: (BrunoPair & { secret: boolean })[];
}

export interface BrunoCollection {
  format: 'bru' | 'yaml';
  name: string;
  /** The collection's own headers, auth, variables and scripts. */
  root: BrunoFolder;
  environments: BrunoEnvironment[];
  /** Files that could not be read or parsed, and why. */
  problems: { where: string; what: string; reason: string }[];
}

export const noScripts = (): BrunoScripts => ({ pre: '', post: '', tests: '' });

/** Operators that take no value (`res.body.data.id: isDefined`). */
const UNARY = new Set([
  'isEmpty',
  'isNotEmpty',
  'isNull',
  'isUndefined',
  'isDefined',
  'isTruthy',
  'isFalsy',
  'isJson',
  'isNumber',
  'isString',
  'isBoolean',
  'isArray',
]);
const BINARY = new Set([
  'eq',
  'neq',
  'gt',
  'gte',
  'lt',
  'lte',
  'in',
  'notIn',
  'contains',
  'notContains',
  'length',
  'matches',
  'notMatches',
  'startsWith',
  'endsWith',
  'between',
]);

/** `eq 200` → eq, `200`; `isDefined` → isDefined; a bare value means `eq` (as in Bruno). */
export function splitAssertion(text: string): { operator: string; value: string } {
  const trimmed = text.trim();
  const first = trimmed.split(/\s+/)[0] ?? '';
  if (UNARY.has(first)) return { operator: first, value: '' };
  if (BINARY.has(first)) return { operator: first, value: trimmed.slice(first.length).trim() };
  return { operator: 'eq', value: trimmed };
}

/** What differs between the two formats; `assembleBruno` does the rest. */
export interface BrunoFormat {
  format: BrunoCollection['format'];
  /** The collection's own file (`collection.bru`, `opencollection.yml`). */
  collectionFile: string;
  /** A folder's own file (`folder.bru`, `folder.yml`). */
  folderFile: string;
  name(source: BrunoSource): string;
  folder(file: BrunoSourceFile | undefined, name: string): Omit<BrunoFolder, 'items'>;
  request(file: BrunoSourceFile): BrunoRequest | null;
  environment(file: BrunoSourceFile): BrunoEnvironment;
}

/**
 * Builds the collection from its folders. A request or environment file that does not parse
 * is reported and skipped; a collection's or folder's own file is read whole or the import
 * fails, since its auth and headers are everyone's.
 */
export function assembleBruno(source: BrunoSource, format: BrunoFormat): BrunoCollection {
  const problems = [...source.problems];
  const attempt = <T>(file: BrunoSourceFile, what: string, read: () => T): T | null => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ where: file.path, what, reason: error.message });
      return null;
    }
  };
  const build = (folder: BrunoSourceFolder, own: string): BrunoFolder => {
    const info = folder.files.find((f) => f.path === own);
    const items: BrunoFolder['items'] = [];
    for (const file of folder.files) {
      if (file === info) continue;
      const item = attempt(file, 'request', () => format.request(file));
      if (item) items.push(item);
    }
    for (const sub of folder.folders) {
      if (folder.path === '' && sub.name === 'environments') continue;
      items.push(build(sub, `${sub.path}/${format.folderFile}`));
    }
    return { ...format.folder(info, folder.name), items };
  };
  const root = build(source.root, format.collectionFile);
  const envFolder = source.root.folders.find((f) => f.name === 'environments');
  const environments = (envFolder?.files ?? []).flatMap((file) => {
    const env = attempt(file, 'environment', () => format.environment(file));
    return env ? [env] : [];
  });
  return { format: format.format, name: format.name(source), root, environments, problems };
}
