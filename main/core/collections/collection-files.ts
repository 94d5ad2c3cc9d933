/**
 * The on-disk format of one saved request: `<name>.graphql` (the document, as is) and
 * `<name>.request.json` (everything else, short keys, empty fields left out) — two files a
 * reviewer can read in a diff; how a request's id (`a/b/Get order`) names them, and reading
 * them back. See COLLECTIONS.md.
 */
import { createHash } from 'node:crypto';
import * as z from '../../../shared/zod.ts';
import type { CollectionAuthDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import { EMPTY_SCRIPTS, UNARY_OPERATORS } from '../../../shared/request-tests.ts';
import {
  assertionsSchema,
  dataFileSchema,
  repeatSchema,
  scriptsSchema,
} from '../../../shared/request-tests-schema.ts';
import { readCollectionFile } from './collection-boundary.ts';

export const GRAPHQL_EXT = '.graphql';
export const SIDECAR_EXT = '.request.json';
export const SETTINGS_FILE = 'collection.json';

const authSchema = z.union([
  z.object({
    type: z.literal('AWS_IAM'),
    region: z._default(z.nullable(z.string()), null),
    service: z._default(z.nullable(z.string()), null),
  }),
  z.object({
    type: z.enum(['API_KEY', 'OPENID_CONNECT', 'AMAZON_COGNITO_USER_POOLS', 'AWS_LAMBDA']),
    value: z.string(),
  }),
]);

const sidecarSchema = z.object({
  name: z.optional(z.string()),
  operationName: z.optional(z.nullable(z.string())),
  endpoint: z.optional(z.nullable(z.string())),
  url: z.optional(z.nullable(z.string())),
  auth: z.optional(z.nullable(authSchema)),
  profile: z.optional(z.nullable(z.string())),
  connectTo: z.optional(z.nullable(z.string())),
  headers: z.optional(z.record(z.string(), z.string())),
  variables: z.optional(z.record(z.string(), z.unknown())),
  assertions: z.optional(assertionsSchema),
  scripts: z.optional(scriptsSchema),
  repeat: z.optional(repeatSchema),
  data: z.optional(dataFileSchema),
});

/** Characters no file system accepts, and names Windows reserves. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is forbidden
const FORBIDDEN = /[<>:"/\\|?*\u0000-\u001f]/g;
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;

/** A request or folder name as a file name: readable, portable, never a path. */
export function fileStem(name: string): string {
  let stem = name
    .normalize('NFC')
    .replace(FORBIDDEN, '-')
    .trim()
    .replace(/[. ]+$/, '');
  if (stem.startsWith('.')) stem = `_${stem.slice(1)}`;
  if (RESERVED.test(stem)) stem = `${stem}_`;
  if (!stem)
    throw new AppError('INVALID_INPUT', `"${name}" is not usable as a name: give it some letters.`);
  return stem.slice(0, 120);
}

/** An id (`a/b/Get order`) to its two files in the collection, refusing `..` and the like. */
export function requestFiles(id: string): { graphql: string; sidecar: string } {
  const base = safeSegments(id).join('/');
  return { graphql: base + GRAPHQL_EXT, sidecar: base + SIDECAR_EXT };
}

export function safeSegments(id: string): string[] {
  const segments = id.split('/').filter((s) => s.length > 0);
  for (const segment of segments) {
    if (segment === '.' || segment === '..' || segment !== segment.replace(FORBIDDEN, '')) {
      throw new AppError('INVALID_INPUT', `"${id}" is not a path inside the collection.`);
    }
  }
  return segments;
}

/** The id a request named `name` gets in `folderId`. */
export function requestIdFor(folderId: string, name: string): string {
  return folderId ? `${safeSegments(folderId).join('/')}/${fileStem(name)}` : fileStem(name);
}

/** The folder id an id sits in (`''`: the collection root). */
export function parentOf(id: string): string {
  const slash = id.lastIndexOf('/');
  return slash < 0 ? '' : id.slice(0, slash);
}

/**
 * A request's two files as they are on disk; null when its document is gone. `access` says
 * what a link leading outside would have been refused for.
 */
export async function readRequestText(
  folder: string,
  id: string,
  access: 'read' | 'written' = 'read',
): Promise<{ graphql: string; sidecar: string | null } | null> {
  const files = requestFiles(id);
  const graphql = await readCollectionFile(folder, files.graphql, access);
  if (graphql === null) return null;
  return { graphql, sidecar: await readCollectionFile(folder, files.sidecar, access) };
}

/**
 * Why a text is not JSON, without quoting it: V8's own message repeats the text, and a file
 * (or an export) may hold a secret next to the typo.
 */
export function jsonSyntaxProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const at = /line (\d+) column (\d+)/.exec(message);
  if (at) return `not valid JSON (line ${at[1]}, column ${at[2]})`;
  if (/end of JSON input/.test(message)) return 'not valid JSON (it ends too early)';
  return 'not valid JSON';
}

export function requestVersion(graphql: string | null, sidecar: string | null): string {
  return createHash('sha256')
    .update(graphql ?? '\u0000missing')
    .update('\u0000')
    .update(sidecar ?? '\u0000missing')
    .digest('hex')
    .slice(0, 24);
}

export function serializeSidecar(draft: RequestDraftDTO, stem: string): string {
  const out: Record<string, unknown> = {};
  if (draft.name !== stem) out.name = draft.name;
  if (draft.operationName) out.operationName = draft.operationName;
  if (draft.endpointRef) out.endpoint = draft.endpointRef;
  if (draft.url) out.url = draft.url;
  if (draft.auth) out.auth = draft.auth;
  if (draft.profile) out.profile = draft.profile;
  if (draft.connectTo) out.connectTo = draft.connectTo;
  if (Object.keys(draft.headers).length) out.headers = draft.headers;
  if (Object.keys(draft.variables).length) out.variables = draft.variables;
  if (draft.assertions.length) out.assertions = draft.assertions.map(shortAssertion);
  const scripts: Record<string, string> = {};
  if (draft.scripts.pre) scripts.pre = draft.scripts.pre;
  if (draft.scripts.post) scripts.post = draft.scripts.post;
  if (Object.keys(scripts).length) out.scripts = scripts;
  if (draft.repeat !== null) out.repeat = draft.repeat;
  if (draft.data !== null) out.data = draft.data;
  return JSON.stringify(out, null, 2) + '\n';
}

/** An assertion as the file keeps it: `enabled` only when false, `value` only when it counts. */
function shortAssertion(assertion: RequestDraftDTO['assertions'][number]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!assertion.enabled) out.enabled = false;
  out.path = assertion.path;
  out.operator = assertion.operator;
  if (assertion.value !== null && !UNARY_OPERATORS.includes(assertion.operator)) {
    out.value = assertion.value;
  }
  return out;
}

/** Parses a sidecar (absent = all defaults). Throws COLLECTION_INVALID naming the file. */
export function parseRequest(
  stem: string,
  graphql: string,
  sidecar: string | null,
  where: string,
): RequestDraftDTO {
  let meta: z.infer<typeof sidecarSchema> = {};
  if (sidecar !== null) {
    let json: unknown;
    try {
      json = JSON.parse(sidecar);
    } catch (error) {
      throw new AppError(
        'COLLECTION_INVALID',
        `${where} is ${jsonSyntaxProblem(error)}. Fix or delete it.`,
        { file: where },
      );
    }
    const parsed = sidecarSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'COLLECTION_INVALID',
        `${where}: ${issue?.path.join('.') || 'file'} — ${issue?.message}. Fix the file; the other requests still load.`,
        { file: where },
      );
    }
    meta = parsed.data;
  }
  return {
    name: meta.name ?? stem,
    query: graphql,
    operationName: meta.operationName ?? null,
    variables: meta.variables ?? {},
    headers: meta.headers ?? {},
    endpointRef: meta.endpoint ?? null,
    url: meta.url ?? null,
    auth: (meta.auth as CollectionAuthDTO | null | undefined) ?? null,
    profile: meta.profile ?? null,
    assertions: meta.assertions ?? [],
    scripts: meta.scripts ?? { ...EMPTY_SCRIPTS },
    repeat: meta.repeat ?? null,
    data: meta.data ?? null,
    ...(meta.connectTo ? { connectTo: meta.connectTo } : {}),
  };
}
