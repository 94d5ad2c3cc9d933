/**
 * Saved collections. A collection is named by its folder (an
 * absolute path on the machine running main); inside it, requests and folders are named by
 * `/`-separated ids (`Admin/Cancel order`). Paths are checked here for shape; main checks that
 * they exist and never leave the collection.
 */
import * as z from '../zod.ts';
import type {
  CollectionEnvironmentDTO,
  CollectionTreeDTO,
  CollectionVariableDTO,
  ImportReportDTO,
  RecentCollectionDTO,
  SavedRequestDTO,
} from '../collections.ts';
import type { RequestResultDTO } from '../requests.ts';
import {
  dataFileSchema,
  repeatSchema,
  strictAssertionsSchema,
  strictScriptsSchema,
} from '../request-tests-schema.ts';
import { jsonObject, operationId, profileName, returns } from './common.ts';

/** A collection the user has opened, as the collections list shows it. */
export interface OpenCollectionDTO {
  folder: string;
  name: string;
  /** Outside edits show up live (false where the platform cannot watch folders recursively). */
  watching: boolean;
  /** Why the collection cannot be read right now (folder gone, unreadable), or null. */
  problem: string | null;
}

export interface CollectionEnvironmentsDTO {
  /** Base variables, used by every environment unless it overrides them. */
  variables: CollectionVariableDTO[];
  environments: CollectionEnvironmentDTO[];
}

const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** An absolute path on the machine running main (POSIX, `C:\…` or `\\server\share`). */
export const absolutePath = (what: string) =>
  z.string(`${what} is a path`).check(
    z.minLength(1, `${what} cannot be empty`),
    z.maxLength(4096, `${what} is at most 4096 characters`),
    z.refine((path) => ABSOLUTE.test(path), `${what} must be an absolute path, like /home/me/api`),
    z.refine((path) => !path.includes('\u0000'), `${what} cannot hold a NUL character`),
  );

const folder = absolutePath('the collection folder');

/** A request or folder inside the collection; `''` is the collection root (folders only). */
const itemId = (what: string, allowRoot: boolean) =>
  z.string(`${what} is text`).check(
    z.maxLength(1024, `${what} is at most 1024 characters`),
    z.refine((id) => allowRoot || id.length > 0, `${what} cannot be empty`),
    z.refine(
      (id) => !id.split(/[\\/]/).some((s) => s === '..' || s === '.'),
      `${what} cannot contain "." or ".." segments`,
    ),
    z.refine((id) => !id.startsWith('/') && !id.includes('\\'), `${what} is relative, with "/"`),
  );

const requestId = itemId('a request id', false);
const folderId = itemId('a folder id', true);
const itemName = z.string('a name is text').check(
  z.minLength(1, 'a name cannot be empty'),
  z.maxLength(120, 'a name is at most 120 characters'),
  z.refine((name) => name.trim().length > 0, 'a name needs some letters'),
);
const kind = z.enum(['request', 'folder']);
const environmentName = z
  .string('an environment name is text')
  .check(
    z.minLength(1, 'an environment name cannot be empty'),
    z.maxLength(100, 'an environment name is at most 100 characters'),
  );
const variableName = z
  .string('a variable name is text')
  .check(
    z.regex(/^[\w.-]{1,100}$/, 'a variable name is letters, digits, "_", "." or "-" (at most 100)'),
  );
const templated = z.string().check(z.maxLength(8192, 'at most 8192 characters'));

const auth = z.nullable(
  z.discriminatedUnion('type', [
    z.strictObject({
      type: z.literal('AWS_IAM'),
      region: z.nullable(z.string().check(z.maxLength(64))),
      service: z.nullable(z.string().check(z.maxLength(64))),
    }),
    z.strictObject({
      type: z.enum(['API_KEY', 'OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA']),
      value: templated,
    }),
  ]),
);

/** A tab's request as it is saved: secrets only as `{{variables}}` (main refuses literals). */
const draft = z.strictObject({
  name: itemName,
  query: z
    .string('a GraphQL document is text')
    .check(
      z.minLength(1, 'the GraphQL document is empty'),
      z.maxLength(1_000_000, 'a GraphQL document is at most 1 MB'),
    ),
  operationName: z.nullable(z.string().check(z.maxLength(256))),
  variables: jsonObject(),
  headers: z.record(z.string().check(z.maxLength(256)), templated),
  endpointRef: z.nullable(z.string().check(z.minLength(1), z.maxLength(64))),
  url: z.nullable(templated),
  auth,
  profile: z.nullable(z.string().check(z.minLength(1), z.maxLength(256))),
  assertions: strictAssertionsSchema,
  scripts: strictScriptsSchema,
  repeat: repeatSchema,
  data: dataFileSchema,
});

export const collectionMethods = {
  'collections.list': {
    input: z.strictObject({}),
    output: returns<OpenCollectionDTO[]>(),
  },
  /** Opens a folder as a collection and remembers it; an empty folder is a new collection. */
  'collections.open': {
    input: z.strictObject({ folder }),
    output: returns<CollectionTreeDTO>(),
  },
  /** Folders opened lately (at most 10, newest first), open or closed; gone ones marked. */
  'collections.recent': {
    input: z.strictObject({}),
    output: returns<RecentCollectionDTO[]>(),
  },
  /** Takes a folder off the recent list (its files stay where they are). */
  'collections.forgetRecent': {
    input: z.strictObject({ folder }),
    output: returns<RecentCollectionDTO[]>(),
  },
  /** Forgets a collection (its files stay where they are). */
  'collections.close': {
    input: z.strictObject({ folder }),
    output: returns<null>(),
  },
  'collections.tree': {
    input: z.strictObject({ folder }),
    output: returns<CollectionTreeDTO>(),
  },
  'collections.read': {
    input: z.strictObject({ folder, id: requestId }),
    output: returns<SavedRequestDTO>(),
  },
  /**
   * Saves a draft. With `id` and the `baseVersion` it was opened at: saves back (a change on
   * disk since then fails with COLLECTION_CONFLICT, carrying theirs). Without `id`: a new
   * request named `draft.name` in `parent` (never replacing one).
   */
  'collections.save': {
    input: z.strictObject({
      folder,
      id: z.optional(requestId),
      parent: z.optional(folderId),
      draft,
      baseVersion: z.nullable(z.string().check(z.maxLength(128))),
    }),
    output: returns<SavedRequestDTO>(),
  },
  'collections.createFolder': {
    input: z.strictObject({ folder, parent: folderId, name: itemName }),
    output: returns<{ id: string }>(),
  },
  'collections.rename': {
    input: z.strictObject({ folder, kind, id: requestId, name: itemName }),
    output: returns<{ id: string }>(),
  },
  'collections.move': {
    input: z.strictObject({ folder, kind, id: requestId, to: folderId }),
    output: returns<{ id: string }>(),
  },
  'collections.duplicate': {
    input: z.strictObject({ folder, id: requestId }),
    output: returns<{ id: string }>(),
  },
  'collections.delete': {
    input: z.strictObject({ folder, kind, id: requestId }),
    output: returns<null>(),
  },
  'collections.environments': {
    input: z.strictObject({ folder }),
    output: returns<CollectionEnvironmentsDTO>(),
  },
  /** Sets a variable (environment null: the base variables); a secret goes to the vault. */
  'collections.setVariable': {
    input: z.strictObject({
      folder,
      environment: z.nullable(environmentName),
      name: variableName,
      value: z.string().check(z.maxLength(16_384, 'a value is at most 16 KB')),
      secret: z.boolean(),
    }),
    output: returns<CollectionEnvironmentsDTO>(),
  },
  'collections.removeVariable': {
    input: z.strictObject({ folder, environment: z.nullable(environmentName), name: variableName }),
    output: returns<CollectionEnvironmentsDTO>(),
  },
  /**
   * Imports a Postman v2.1 or Insomnia v4 export file, or a Bruno collection folder, into a new
   * (or empty) folder, and opens it.
   */
  'collections.import': {
    input: z.strictObject({
      file: absolutePath('the export file or Bruno collection folder'),
      folder,
      /** Postman environment exports to import with a Postman collection. */
      environmentFiles: z.optional(
        z
          .array(absolutePath('an environment file'))
          .check(z.maxLength(50, 'at most 50 environment files')),
      ),
    }),
    output: returns<{ report: ImportReportDTO; tree: CollectionTreeDTO }>(),
  },
  /** Writes Postman v2.1 (`file`) plus one Postman environment file per environment beside it. */
  'collections.export': {
    input: z.strictObject({ folder, file: absolutePath('the export file') }),
    output: returns<{ files: string[] }>(),
  },
  /**
   * Runs a saved request as saved on disk, `{{variables}}` resolved in main against
   * `environment` (null: the base variables). Recorded in history like any run.
   */
  'collections.run': {
    input: z.strictObject({
      folder,
      id: requestId,
      environment: z.nullable(environmentName),
      profile: z.optional(profileName),
      timeoutMs: z.optional(z.number().check(z.int(), z.positive(), z.maximum(600_000))),
      /** Lets `operations.cancel` stop the run. */
      operationId,
      /** A tab's unsaved edits, run against the saved request's own URL and auth. */
      edits: z.optional(
        z.extend(
          z.pick(draft, {
            query: true,
            operationName: true,
            variables: true,
            headers: true,
            profile: true,
          }),
          // The tab's unsaved checks and scripts; absent: the saved ones.
          {
            assertions: z.optional(strictAssertionsSchema),
            scripts: z.optional(strictScriptsSchema),
          },
        ),
      ),
    }),
    output: returns<RequestResultDTO>(),
  },
} as const;
