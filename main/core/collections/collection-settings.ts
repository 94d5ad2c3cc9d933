/**
 * `collection.json`: the collection's name, base variables and environments. Optional: a
 * folder of requests without it is a collection named after the folder. A secret variable is
 * stored as `{ "secret": "<vault key>" }`; its value never touches the folder.
 */
import { randomUUID } from 'node:crypto';
import { basename, join } from 'node:path';
import * as z from '../../../shared/zod.ts';
import type {
  CollectionEnvironmentDTO,
  CollectionVariableDTO,
} from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import type { ChecksEnvironment } from '../tests/request-checks.ts';
import type { SecretVault } from '../ports.ts';
import { readCollectionFile, writeCollectionFile } from './collection-boundary.ts';
import { SETTINGS_FILE, jsonSyntaxProblem } from './collection-files.ts';

const valueSchema = z.union([z.string(), z.object({ secret: z.string().check(z.minLength(1)) })]);
const variablesSchema = z.record(z.string(), valueSchema);

const settingsSchema = z.object({
  name: z.optional(z.string()),
  id: z.optional(z.string()),
  variables: z.optional(variablesSchema),
  environments: z.optional(z.record(z.string(), variablesSchema)),
  /** Request ids a collection run takes first, in this order (the rest follow in tree order). */
  order: z.optional(z.array(z.string())),
});

export type VariableValue = z.infer<typeof valueSchema>;
export type CollectionSettings = z.infer<typeof settingsSchema>;

export async function readSettings(
  folder: string,
): Promise<{ settings: CollectionSettings; text: string | null }> {
  const file = join(folder, SETTINGS_FILE);
  const text = await readCollectionFile(folder, SETTINGS_FILE);
  if (text === null) return { settings: {}, text: null };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new AppError(
      'COLLECTION_INVALID',
      `${file} is ${jsonSyntaxProblem(error)}. Fix it to see the environments.`,
      { file },
    );
  }
  const parsed = settingsSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'COLLECTION_INVALID',
      `${file}: ${issue?.path.join('.')} — ${issue?.message}.`,
      { file },
    );
  }
  return { settings: parsed.data, text };
}

export async function writeSettings(folder: string, settings: CollectionSettings): Promise<string> {
  const text = JSON.stringify(settings, null, 2) + '\n';
  await writeCollectionFile(folder, SETTINGS_FILE, text);
  return text;
}

export function collectionName(folder: string, settings: CollectionSettings): string {
  return settings.name ?? basename(folder);
}

/** The collection's id, created the first time a secret needs a vault key. */
export function ensureId(settings: CollectionSettings): string {
  settings.id ??= randomUUID();
  return settings.id;
}

/** The vault key of a secret variable: per collection id, environment and name. */
export function secretKey(collectionId: string, environment: string | null, name: string): string {
  return `collection:${collectionId}:${environment ?? '*'}:${name}`;
}

/**
 * Sets a variable in an environment (null: the base variables used by every environment).
 * A secret goes to the vault; the file holds only its vault key. Returns the text written.
 */
export async function writeVariable(
  folder: string,
  vault: SecretVault,
  environment: string | null,
  name: string,
  value: string,
  secret: boolean,
): Promise<string> {
  const { settings } = await readSettings(folder);
  let stored: VariableValue = value;
  if (secret) {
    const key = secretKey(ensureId(settings), environment, name);
    await vault.put(key, value);
    stored = { secret: key };
  }
  if (environment === null) settings.variables = { ...settings.variables, [name]: stored };
  else {
    settings.environments ??= {};
    settings.environments[environment] = {
      ...settings.environments[environment],
      [name]: stored,
    };
  }
  return writeSettings(folder, settings);
}

/** Removes a variable (and its vault secret). Returns the text written; null: it was not there. */
export async function deleteVariable(
  folder: string,
  vault: SecretVault,
  environment: string | null,
  name: string,
): Promise<string | null> {
  const { settings } = await readSettings(folder);
  const scope = environment === null ? settings.variables : settings.environments?.[environment];
  const value = scope?.[name];
  if (value === undefined) return null;
  if (typeof value === 'object') await vault.delete(value.secret);
  delete scope![name];
  return writeSettings(folder, settings);
}

function toDTO(variables: Record<string, VariableValue> | undefined): CollectionVariableDTO[] {
  return Object.entries(variables ?? {}).map(([name, value]) =>
    typeof value === 'string'
      ? { name, value, secret: false }
      : { name, value: null, secret: true },
  );
}

export function describeEnvironments(settings: CollectionSettings): {
  variables: CollectionVariableDTO[];
  environments: CollectionEnvironmentDTO[];
} {
  return {
    variables: toDTO(settings.variables),
    environments: Object.entries(settings.environments ?? {}).map(([name, variables]) => ({
      name,
      variables: toDTO(variables),
    })),
  };
}

/** Base variables overlaid by the chosen environment's: what `{{name}}` means at run time. */
export type CollectionEnvironment = ChecksEnvironment<VariableValue>;

export function environmentOf(
  folder: string,
  settings: CollectionSettings,
  name: string | null,
): CollectionEnvironment {
  if (name !== null && !settings.environments?.[name]) {
    const known = Object.keys(settings.environments ?? {});
    throw new AppError(
      'NOT_FOUND',
      `The collection ${collectionName(folder, settings)} has no environment "${name}"` +
        (known.length
          ? ` (it has: ${known.join(', ')}).`
          : ' (it has none: add one in collection.json).'),
    );
  }
  return {
    collection: collectionName(folder, settings),
    name,
    variables: { ...settings.variables, ...(name === null ? {} : settings.environments![name]) },
  };
}
