/**
 * Bruno's `.bru` collection layout: `bruno.json` (the name), `collection.bru` (headers, auth,
 * variables and scripts for every request), `folder.bru` in a folder (the same for what it
 * holds), `environments/<name>.bru`, and one `.bru` file per request.
 */
import { AppError } from '../../../shared/errors.ts';
import { bruList, bruPairs, bruRecord, bruText, parseBru, type BruBlock } from './bru-parser.ts';
import type { BrunoSource, BrunoSourceFile } from './bruno-folder-reader.ts';
import {
  assembleBruno,
  splitAssertion,
  type BrunoAuth,
  type BrunoCollection,
  type BrunoEnvironment,
  type BrunoFolder,
  type BrunoPair,
  type BrunoRequest,
  type BrunoScripts,
} from './bruno-model.ts';
import { jsonSyntaxProblem } from './collection-files.ts';

const METHODS = ['get', 'post', 'put', 'delete', 'patch', 'options', 'head', 'connect', 'trace'];

const pairs = (blocks: BruBlock[], name: string): BrunoPair[] =>
  bruPairs(blocks, name).map(({ name: n, value, enabled }) => ({
    name: n,
    value: value.trim(),
    enabled,
  }));

const scripts = (blocks: BruBlock[]): BrunoScripts => ({
  pre: bruText(blocks, 'script:pre-request'),
  post: bruText(blocks, 'script:post-response'),
  tests: bruText(blocks, 'tests'),
});

/** `auth { mode: … }` (collection, folder) or a method block's `auth:` (request). */
function auth(blocks: BruBlock[], mode: string | undefined): BrunoAuth | null {
  if (!mode) return null;
  return { mode, fields: bruRecord(blocks, `auth:${mode}`) };
}

function request(file: BrunoSourceFile): BrunoRequest {
  const blocks = parseBru(file.path, file.text);
  const meta = bruRecord(blocks, 'meta');
  const method = blocks.find((b) => METHODS.includes(b.name) || b.name === 'http');
  const http = method ? bruRecord(blocks, method.name) : {};
  const type = meta.type ?? (blocks.some((b) => b.name === 'grpc') ? 'grpc' : 'http');
  return {
    kind: 'request',
    file: file.path,
    name:
      meta.name ||
      file.path
        .split('/')
        .pop()!
        .replace(/\.bru$/, ''),
    seq: Number(meta.seq) || 0,
    type,
    url: http.url ?? '',
    headers: pairs(blocks, 'headers'),
    auth: auth(blocks, http.auth ?? 'none')!,
    query: bruText(blocks, 'body:graphql'),
    variables: bruText(blocks, 'body:graphql:vars'),
    assertions: bruPairs(blocks, 'assert').map((p) => ({
      expression: p.name.trim(),
      ...splitAssertion(p.value),
      enabled: p.enabled,
    })),
    vars: pairs(blocks, 'vars:pre-request'),
    scripts: scripts(blocks),
  };
}

function folderInfo(blocks: BruBlock[], name: string): Omit<BrunoFolder, 'items'> {
  const meta = bruRecord(blocks, 'meta');
  return {
    kind: 'folder',
    name: meta.name || name,
    seq: Number(meta.seq) || 0,
    headers: pairs(blocks, 'headers'),
    auth: auth(blocks, bruRecord(blocks, 'auth').mode),
    vars: pairs(blocks, 'vars:pre-request'),
    scripts: scripts(blocks),
  };
}

function environment(file: BrunoSourceFile): BrunoEnvironment {
  const blocks = parseBru(file.path, file.text);
  const secret = new Set(bruList(blocks, 'vars:secret'));
  return {
    name: file.path
      .split('/')
      .pop()!
      .replace(/\.bru$/, ''),
    variables: [
      ...pairs(blocks, 'vars').map((p) => ({ ...p, secret: secret.has(p.name) })),
      // Bruno keeps secret values on the machine, not in the file: the name is all there is.
      ...[...secret].map((name) => ({ name, value: '', enabled: true, secret: true })),
    ].filter((v, i, all) => all.findIndex((w) => w.name === v.name) === i),
  };
}

function collectionName(source: BrunoSource): string {
  const file = source.root.files.find((f) => f.path === 'bruno.json');
  if (!file) return 'Bruno collection';
  let json: unknown;
  try {
    json = JSON.parse(file.text);
  } catch (error) {
    throw new AppError('COLLECTION_INVALID', `bruno.json is ${jsonSyntaxProblem(error)}.`, {
      file: 'bruno.json',
    });
  }
  const name = (json as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name.trim() ? name.trim() : 'Bruno collection';
}

export function readBruCollection(source: BrunoSource): BrunoCollection {
  return assembleBruno(source, {
    format: 'bru',
    collectionFile: 'collection.bru',
    folderFile: 'folder.bru',
    name: collectionName,
    folder: (file, name) => folderInfo(file ? parseBru(file.path, file.text) : [], name),
    // bruno.json is the collection's marker, read for its name.
    request: (file) => (file.path.endsWith('.bru') ? request(file) : null),
    environment,
  });
}
