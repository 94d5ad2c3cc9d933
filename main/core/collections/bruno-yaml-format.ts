/**
 * Bruno's YAML layout (the OpenCollection format): `opencollection.yml` (name, and the
 * headers, auth, variables and scripts every request gets), `folder.yml` in a folder,
 * `environments/<name>.yml`, and one `.yml` file per request (`info.type: graphql` with a
 * `graphql:` section; `runtime:` holds its assertions, scripts and variables).
 */
import { parseDocument } from 'yaml';
import { AppError } from '../../../shared/errors.ts';
import type { BrunoSource, BrunoSourceFile } from './bruno-folder-reader.ts';
import {
  assembleBruno,
  noScripts,
  type BrunoAuth,
  type BrunoCollection,
  type BrunoEnvironment,
  type BrunoFolder,
  type BrunoPair,
  type BrunoRequest,
  type BrunoScripts,
} from './bruno-model.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(obj) : []);
const str = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';

/** Parses one YAML file; an error names the file and line, never its text. */
export function parseYamlFile(file: BrunoSourceFile): Json {
  // Aliases are capped: a few lines of anchors can otherwise expand to gigabytes.
  const doc = parseDocument(file.text, { prettyErrors: true });
  const error = doc.errors[0];
  if (error) {
    const line = error.linePos?.[0].line ?? 1;
    throw new AppError(
      'COLLECTION_INVALID',
      `${file.path}, line ${line}: not valid YAML (${error.code}).`,
      { file: file.path, line },
    );
  }
  try {
    return obj(doc.toJS({ maxAliasCount: 100 }));
  } catch {
    throw new AppError(
      'COLLECTION_INVALID',
      `${file.path}: its YAML aliases expand too far; not read.`,
      { file: file.path },
    );
  }
}

const pairs = (value: unknown): BrunoPair[] =>
  list(value).map((p) => ({
    name: str(p.name),
    value: str(p.value),
    enabled: p.disabled !== true && p.enabled !== false,
  }));

function auth(value: unknown): BrunoAuth | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return { mode: value, fields: {} };
  const { type, ...rest } = obj(value);
  const fields = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, str(v)]));
  return { mode: str(type) || 'none', fields };
}

function scripts(value: unknown): BrunoScripts {
  const out = noScripts();
  for (const script of list(value)) {
    const code = str(script.code);
    if (script.type === 'before-request') out.pre = code;
    else if (script.type === 'after-response') out.post = code;
    else if (script.type === 'tests') out.tests = code;
  }
  return out;
}

function request(file: BrunoSourceFile, item: Json): BrunoRequest {
  const info = obj(item.info);
  const type = str(info.type) || 'http';
  const section = obj(item[type] ?? item.http);
  const body = obj(section.body);
  const runtime = obj(item.runtime);
  return {
    kind: 'request',
    file: file.path,
    name:
      str(info.name) ||
      file.path
        .split('/')
        .pop()!
        .replace(/\.ya?ml$/, ''),
    seq: Number(info.seq) || 0,
    type,
    url: str(section.url),
    headers: pairs(section.headers),
    auth: auth(section.auth ?? runtime.auth) ?? { mode: 'none', fields: {} },
    query: str(body.query),
    variables: str(body.variables),
    assertions: list(runtime.assertions).map((a) => ({
      expression: str(a.expression),
      operator: str(a.operator) || 'eq',
      value: str(a.value),
      enabled: a.disabled !== true,
    })),
    vars: pairs(runtime.variables),
    scripts: scripts(runtime.scripts),
  };
}

function folderInfo(item: Json, name: string): Omit<BrunoFolder, 'items'> {
  const info = obj(item.info);
  const shared = obj(item.request);
  return {
    kind: 'folder',
    name: str(info.name) || name,
    seq: Number(info.seq) || 0,
    headers: pairs(shared.headers),
    auth: auth(shared.auth),
    vars: pairs(shared.variables),
    scripts: scripts(shared.scripts),
  };
}

function environment(file: BrunoSourceFile): BrunoEnvironment {
  const env = parseYamlFile(file);
  return {
    name:
      str(env.name) ||
      file.path
        .split('/')
        .pop()!
        .replace(/\.ya?ml$/, ''),
    variables: list(env.variables).map((v) => ({
      name: str(v.name),
      // A secret's value stays on the machine that set it; an export may still carry one.
      value: str(v.value),
      enabled: v.disabled !== true,
      secret: v.secret === true,
    })),
  };
}

export function readYamlCollection(source: BrunoSource): BrunoCollection {
  const own = source.root.files.find((f) => f.path === 'opencollection.yml');
  return assembleBruno(source, {
    format: 'yaml',
    collectionFile: 'opencollection.yml',
    folderFile: 'folder.yml',
    name: () => str(obj((own ? parseYamlFile(own) : {}).info).name) || 'Bruno collection',
    folder: (file, name) => folderInfo(file ? parseYamlFile(file) : {}, name),
    request: (file) => request(file, parseYamlFile(file)),
    environment,
  });
}
