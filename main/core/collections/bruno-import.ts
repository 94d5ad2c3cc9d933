/**
 * Bruno collections (a folder: `.bru` files, or the YAML OpenCollection format) into ours.
 * GraphQL requests come over with their folders, headers (the collection's and folders' ones
 * merged in), auth (`inherit` resolved), variables, environments, assertions and scripts.
 * Scripts are kept but never run at import; the report flags each one for review. AWS access
 * keys are dropped, API keys and tokens go to the vault, as for Postman and Insomnia.
 */
import type { CollectionAuthDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests, type RequestScriptsDTO } from '../../../shared/request-tests.ts';
import { readBruCollection } from './bruno-bru-format.ts';
import { brunoAssertions } from './bruno-assertions.ts';
import { readBrunoFolder } from './bruno-folder-reader.ts';
import { brunoScript } from './bruno-scripts.ts';
import type {
  BrunoAuth,
  BrunoCollection,
  BrunoFolder,
  BrunoPair,
  BrunoRequest,
  BrunoScripts,
} from './bruno-model.ts';
import { readYamlCollection } from './bruno-yaml-format.ts';
import {
  dropAwsCredentials,
  emptyImport,
  importVariable,
  isAwsCredential,
  isSecretValue,
  unmappedAuth,
  vaultLiteral,
  type ImportedCollection,
  type ImportedItem,
} from './collection-import.ts';
import { isTemplateReference } from './template-resolver.ts';

/** What a request takes from the folders it sits in. */
interface Inherited {
  headers: BrunoPair[];
  auth: BrunoAuth | null;
  scripts: BrunoScripts[];
}

function mapAuth(
  collection: ImportedCollection,
  auth: BrunoAuth | null,
  where: string,
): { auth: CollectionAuthDTO | null; profile: string | null; header?: [string, string] } {
  const none = { auth: null, profile: null };
  if (!auth || auth.mode === 'none' || auth.mode === 'inherit' || auth.mode === '') return none;
  const f = auth.fields;
  switch (auth.mode) {
    case 'awsv4': {
      const { accessKeyId = '', secretAccessKey = '', sessionToken = '' } = f;
      dropAwsCredentials(collection, where, 'awsv4', {
        accessKeyId,
        secretAccessKey,
        sessionToken,
      });
      const profile = f.profileName && !isTemplateReference(f.profileName) ? f.profileName : null;
      return {
        auth: { type: 'AWS_IAM', region: f.region || null, service: f.service || 'appsync' },
        profile,
      };
    }
    case 'bearer':
      return {
        auth: {
          type: 'OPENID_CONNECT',
          value: vaultLiteral(collection, where, 'token', f.token ?? ''),
        },
        profile: null,
      };
    case 'apikey': {
      const key = (f.key ?? '').trim();
      if (f.placement === 'queryparams' || f.placement === 'query' || !key) break;
      const value = vaultLiteral(collection, where, 'apiKey', f.value ?? '');
      if (key.toLowerCase() === 'x-api-key')
        return { auth: { type: 'API_KEY', value }, profile: null };
      return { ...none, header: [key, value] };
    }
  }
  unmappedAuth(collection, where, auth.mode);
  return none;
}

function mapHeaders(
  collection: ImportedCollection,
  pairs: BrunoPair[],
  where: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { name, value, enabled } of pairs) {
    if (!enabled || !name || /^(content-type|user-agent|host|content-length)$/i.test(name))
      continue;
    if (isAwsCredential(name, value) || /^x-amz-(date|content-sha256)$/i.test(name)) {
      collection.dropped.push({
        where,
        what: `header ${name}`,
        reason: 'AWS credentials and signing headers are never stored',
      });
      continue;
    }
    const wanted = name.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase();
    headers[name] = isSecretValue(name, value)
      ? vaultLiteral(collection, where, wanted, value)
      : value;
  }
  return headers;
}

function variablesOf(collection: ImportedCollection, request: BrunoRequest, where: string) {
  if (!request.variables.trim()) return {};
  try {
    const parsed: unknown = JSON.parse(request.variables);
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  collection.dropped.push({
    where,
    what: 'GraphQL variables',
    reason: 'not a JSON object; set them again after import',
  });
  return {};
}

/** Bruno's scripts of the folders and the request, joined per phase; tests run after the answer. */
function mapScripts(
  collection: ImportedCollection,
  all: BrunoScripts[],
  where: string,
): RequestScriptsDTO {
  const join = (parts: string[]) => {
    const code = parts.filter((p) => p.trim()).join('\n\n');
    return code ? brunoScript(code) : null;
  };
  const scripts = {
    pre: join(all.map((s) => s.pre)),
    post: join(all.flatMap((s) => [s.post, s.tests])),
  };
  for (const phase of ['pre', 'post'] as const) {
    if (scripts[phase]) {
      collection.review.push({
        where,
        what: `${phase === 'pre' ? 'pre-request' : 'post-response'} script`,
        reason:
          "kept from Bruno and not run at import; it runs in the sandbox when you run the request, with Bruno's bru, res, req and chai-style expect translated (only the common calls: check it)",
      });
    }
  }
  return scripts;
}

function mapRequest(
  collection: ImportedCollection,
  request: BrunoRequest,
  inherited: Inherited,
  where: string,
): ImportedItem | null {
  if (request.type !== 'graphql') {
    collection.dropped.push({
      where,
      what: `${request.type} request`,
      reason: 'not a GraphQL request',
    });
    return null;
  }
  const auth = mapAuth(
    collection,
    request.auth.mode === 'inherit' ? inherited.auth : request.auth,
    where,
  );
  const headers = mapHeaders(collection, [...inherited.headers, ...request.headers], where);
  if (auth.header) headers[auth.header[0]] = auth.header[1];
  if (request.vars.some((v) => v.enabled)) {
    collection.dropped.push({
      where,
      what: 'request variables',
      reason: 'a request has no variables of its own here; set them in an environment',
    });
  }
  const draft: RequestDraftDTO = {
    ...noRequestTests(),
    name: request.name,
    query: request.query,
    operationName: null,
    variables: variablesOf(collection, request, where),
    headers,
    endpointRef: null,
    url: request.url || null,
    auth: auth.auth,
    profile: auth.profile,
    assertions: brunoAssertions(collection, request.assertions, where),
    scripts: mapScripts(collection, [...inherited.scripts, request.scripts], where),
  };
  return { kind: 'request', name: request.name, draft };
}

const bySeq = (a: { seq: number; name: string }, b: { seq: number; name: string }) =>
  a.seq - b.seq || a.name.localeCompare(b.name);

function mapItems(
  collection: ImportedCollection,
  folder: BrunoFolder,
  outer: Inherited,
  path: string,
): ImportedItem[] {
  const inherited: Inherited = {
    headers: [...outer.headers, ...folder.headers],
    auth: folder.auth && folder.auth.mode !== 'inherit' ? folder.auth : outer.auth,
    scripts: [...outer.scripts, folder.scripts],
  };
  const out: ImportedItem[] = [];
  for (const item of [...folder.items].sort(bySeq)) {
    const where = path ? `${path}/${item.name}` : item.name;
    if (item.kind === 'request') {
      const mapped = mapRequest(collection, item, inherited, item.file);
      if (mapped) out.push(mapped);
    } else {
      if (item.vars.some((v) => v.enabled))
        collection.dropped.push({
          where,
          what: 'folder variables',
          reason: 'a folder has no variables of its own here; set them in an environment',
        });
      out.push({
        kind: 'folder',
        name: item.name,
        children: mapItems(collection, item, inherited, where),
      });
    }
  }
  return out;
}

export function mapBrunoCollection(bruno: BrunoCollection): ImportedCollection {
  const collection = emptyImport('bruno', bruno.name);
  collection.dropped.push(...bruno.problems);
  for (const v of bruno.root.vars) {
    if (!v.enabled) continue;
    const kept = importVariable(collection, 'collection variables', v.name, v.value);
    if (kept) collection.variables.push(kept);
  }
  for (const env of bruno.environments) {
    const where = `environment ${env.name}`;
    const variables = [];
    for (const v of env.variables) {
      if (!v.enabled || !v.name) continue;
      if (v.secret && v.value === '') {
        collection.dropped.push({
          where,
          what: `value of ${v.name}`,
          reason:
            'Bruno keeps secret values on the machine that set them, not in the collection; set it as a secret variable',
        });
        continue;
      }
      const kept = importVariable(collection, where, v.name, v.value, v.secret);
      if (kept) variables.push(kept);
    }
    collection.environments.push({ name: env.name, variables });
  }
  const root: Inherited = { headers: [], auth: null, scripts: [] };
  collection.items = mapItems(collection, bruno.root, root, '');
  return collection;
}

/** Reads a Bruno collection folder (either format) into a collection ready to write. */
export async function importBruno(folder: string): Promise<ImportedCollection> {
  const source = await readBrunoFolder(folder);
  return mapBrunoCollection(
    source.format === 'yaml' ? readYamlCollection(source) : readBruCollection(source),
  );
}
