/**
 * What the importers produce (a format-neutral collection) and how it is written into a folder.
 * Secrets found in an export take one of two roads: AWS credentials are dropped (this app signs
 * with the user's profiles), API keys and tokens go to the vault behind a secret variable. The
 * report says which, so nothing disappears silently.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportReportDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SecretVault } from '../ports.ts';
import { isSecretKey, scrubText } from '../redaction/secret-scrubber.ts';
import { requestIdFor } from './collection-files.ts';
import { requestExists } from './collection-moves.ts';
import { CollectionStore } from './collection-store.ts';
import { importAtomically } from './import-staging.ts';
import { isTemplateReference } from './template-resolver.ts';

export interface ImportedVariable {
  name: string;
  value: string;
  secret: boolean;
}

export type ImportedItem =
  | { kind: 'folder'; name: string; children: ImportedItem[] }
  | { kind: 'request'; name: string; draft: RequestDraftDTO };

export interface ImportedCollection {
  format: ImportReportDTO['format'];
  name: string;
  variables: ImportedVariable[];
  environments: { name: string; variables: ImportedVariable[] }[];
  items: ImportedItem[];
  dropped: ImportReportDTO['dropped'];
  vaulted: ImportReportDTO['vaulted'];
  review: NonNullable<ImportReportDTO['review']>;
}

const AWS_CREDENTIAL_NAME =
  /(access[-_ ]?key|secret[-_ ]?(access[-_ ]?)?key|session[-_ ]?token|security[-_ ]?token)/i;
const AWS_CREDENTIAL_VALUE =
  /^(?:AKIA|ASIA)[A-Z0-9]{16}$|^(?:IQoJb3JpZ2lu|FwoGZXIvYXdz|FQoGZXIvYXdz|AQoDYXdz)/;

/** An AWS credential: never kept, not even in the vault. */
export function isAwsCredential(name: string, value: string): boolean {
  return AWS_CREDENTIAL_NAME.test(name) || AWS_CREDENTIAL_VALUE.test(value.trim());
}

/** A value that must not be written to a file (a literal, not a `{{reference}}`). */
export function isSecretValue(name: string, value: string, markedSecret = false): boolean {
  if (value === '' || isTemplateReference(value)) return false;
  return markedSecret || isSecretKey(name) || scrubText(value) !== value;
}

/**
 * Classifies a variable from an export: kept, vaulted (secret: true) or dropped (null).
 * `where` names it in the report.
 */
export function importVariable(
  collection: ImportedCollection,
  where: string,
  name: string,
  value: string,
  markedSecret = false,
): ImportedVariable | null {
  if (value !== '' && !isTemplateReference(value) && isAwsCredential(name, value)) {
    collection.dropped.push({
      where,
      what: `variable ${name}`,
      reason:
        'AWS credentials are never stored in a collection: requests sign with the profile chosen at run time',
    });
    return null;
  }
  const secret = isSecretValue(name, value, markedSecret);
  if (secret) collection.vaulted.push({ where, variable: name });
  return { name, value, secret };
}

/**
 * Drops the literal AWS credentials of an imported request's auth (a `{{variable}}` reference
 * is kept: it names no secret) and says so in the report.
 */
export function dropAwsCredentials(
  collection: ImportedCollection,
  where: string,
  label: string,
  values: Record<string, string>,
): void {
  for (const [key, value] of Object.entries(values)) {
    if (value && !/^\{\{.*\}\}$/.test(value)) {
      collection.dropped.push({
        where,
        what: `${label} ${key}`,
        reason:
          'AWS credentials are never stored; the request signs with the profile chosen at run time',
      });
    }
  }
}

export function vaultLiteral(
  collection: ImportedCollection,
  where: string,
  wanted: string,
  value: string,
): string {
  if (isTemplateReference(value)) return value;
  const existing = collection.variables.find((v) => v.secret && v.value === value);
  if (existing) return `{{${existing.name}}}`;
  // A name no environment uses either: an environment's variable would shadow this one.
  const taken = (name: string) =>
    collection.variables.some((v) => v.name === name) ||
    collection.environments.some((e) => e.variables.some((v) => v.name === name));
  let name = wanted;
  for (let n = 2; taken(name); n++) name = `${wanted}${n}`;
  collection.variables.push({ name, value, secret: true });
  collection.vaulted.push({ where, variable: name });
  return `{{${name}}}`;
}

/** An auth type AppSync has no mode for: reported, and the request imports without auth. */
export function unmappedAuth(collection: ImportedCollection, where: string, type: string): null {
  collection.dropped.push({
    where,
    what: `${type} auth`,
    reason: 'no matching AppSync auth mode; set the auth mode after import',
  });
  return null;
}

export function emptyImport(format: ImportReportDTO['format'], name: string): ImportedCollection {
  return {
    format,
    name,
    variables: [],
    environments: [],
    items: [],
    dropped: [],
    vaulted: [],
    review: [],
  };
}

/** A bad item of an export (a name no file can take, a literal secret): skipped, not fatal. */
const isItemProblem = (error: unknown) =>
  error instanceof AppError &&
  (error.code === 'INVALID_INPUT' || error.code === 'COLLECTION_INVALID');

/**
 * Writes an imported collection into `folder` (new, empty or holding only dot files), all at
 * once (import-staging.ts), and returns the report. An item that cannot be written is
 * skipped and the report says why.
 */
export async function writeImportedCollection(
  collection: ImportedCollection,
  folder: string,
  vault: SecretVault,
): Promise<ImportReportDTO> {
  return importAtomically(folder, vault, (staging, stagingVault) =>
    writeInto(collection, staging, stagingVault),
  );
}

async function writeInto(
  collection: ImportedCollection,
  folder: string,
  vault: SecretVault,
): Promise<ImportReportDTO> {
  const store = await CollectionStore.open(folder, { vault, watch: false });
  try {
    await store.setName(collection.name);
    for (const variable of collection.variables)
      await store.setVariable(null, variable.name, variable.value, variable.secret);
    for (const environment of collection.environments) {
      for (const variable of environment.variables) {
        await store.setVariable(environment.name, variable.name, variable.value, variable.secret);
      }
    }
    let requests = 0;
    let folders = 0;
    const skip = (where: string, what: string, error: unknown) => {
      if (!isItemProblem(error)) throw error;
      collection.dropped.push({ where, what, reason: (error as AppError).message });
    };
    const write = async (items: ImportedItem[], parent: string, path: string): Promise<void> => {
      for (const item of items) {
        const where = path ? `${path}/${item.name}` : item.name;
        if (item.kind === 'folder') {
          // Two sibling folders with one name merge, as they would in a file manager.
          let id: string;
          try {
            id = requestIdFor(parent, item.name);
          } catch (error) {
            skip(where, 'folder, with what it holds', error);
            continue;
          }
          await mkdir(join(folder, ...id.split('/')), { recursive: true });
          folders++;
          await write(item.children, id, where);
          continue;
        }
        try {
          let id = requestIdFor(parent, item.name);
          for (let n = 2; await requestExists(folder, id); n++)
            id = requestIdFor(parent, `${item.name} ${n}`);
          await store.save(id, item.draft, null);
          requests++;
        } catch (error) {
          skip(where, 'request', error);
        }
      }
    };
    await write(collection.items, '', '');
    return {
      format: collection.format,
      collectionName: collection.name,
      requests,
      folders,
      environments: collection.environments.map((e) => e.name),
      vaulted: collection.vaulted,
      dropped: collection.dropped,
      ...(collection.review.length ? { review: collection.review } : {}),
    };
  } finally {
    store.close();
  }
}
