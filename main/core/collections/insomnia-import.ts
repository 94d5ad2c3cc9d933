/**
 * Insomnia v4 exports (`__export_format: 4`): workspaces, request groups (folders), GraphQL
 * requests (body `application/graphql`, whose text is `{query, variables, operationName}`) and
 * environments (the base environment and its sub-environments). Insomnia's `{{ _.name }}`
 * becomes our `{{name}}`.
 */
import type { CollectionAuthDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { AppError } from '../../../shared/errors.ts';
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
  type ImportedVariable,
} from './collection-import.ts';

type Json = Record<string, unknown>;
const obj = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

/** `{{ _.apiUrl }}` / `{{ apiUrl }}` → `{{apiUrl}}`. */
function template(text: string): string {
  return text.replace(/\{\{\s*(?:_\.)?([\w.-]+)\s*\}\}/g, '{{$1}}');
}

function templateDeep(value: unknown): unknown {
  if (typeof value === 'string') return template(value);
  if (Array.isArray(value)) return value.map(templateDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, templateDeep(v)]));
  }
  return value;
}

function mapAuth(
  collection: ImportedCollection,
  auth: Json,
  where: string,
): CollectionAuthDTO | null {
  const type = str(auth.type);
  if (!type || type === 'none' || auth.disabled === true) return null;
  if (type === 'iam') {
    dropAwsCredentials(collection, where, 'iam', {
      accessKeyId: str(auth.accessKeyId),
      secretAccessKey: str(auth.secretAccessKey),
      sessionToken: str(auth.sessionToken),
    });
    return {
      type: 'AWS_IAM',
      region: template(str(auth.region)) || null,
      service: template(str(auth.service)) || 'appsync',
    };
  }
  if (type === 'apikey' && str(auth.key).toLowerCase() === 'x-api-key') {
    return {
      type: 'API_KEY',
      value: vaultLiteral(collection, where, 'apiKey', template(str(auth.value))),
    };
  }
  if (type === 'bearer') {
    return {
      type: 'OPENID_CONNECT',
      value: vaultLiteral(collection, where, 'token', template(str(auth.token))),
    };
  }
  return unmappedAuth(collection, where, type);
}

function mapRequest(
  collection: ImportedCollection,
  resource: Json,
  where: string,
): ImportedItem | null {
  const body = obj(resource.body);
  if (body.mimeType !== 'application/graphql') {
    collection.dropped.push({ where, what: 'request', reason: 'not a GraphQL request' });
    return null;
  }
  let graphql: Json;
  try {
    graphql = obj(JSON.parse(str(body.text) || '{}'));
  } catch {
    collection.dropped.push({
      where,
      what: 'request',
      reason: 'its GraphQL body is not valid JSON',
    });
    return null;
  }
  const headers: Record<string, string> = {};
  for (const raw of Array.isArray(resource.headers) ? resource.headers : []) {
    const header = obj(raw);
    if (header.disabled === true) continue;
    const name = str(header.name);
    const value = template(str(header.value));
    if (!name || /^(content-type|user-agent)$/i.test(name)) continue;
    if (isAwsCredential(name, value))
      collection.dropped.push({
        where,
        what: `header ${name}`,
        reason: 'AWS credentials are never stored',
      });
    else if (isSecretValue(name, value))
      headers[name] = vaultLiteral(
        collection,
        where,
        name.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase(),
        value,
      );
    else headers[name] = value;
  }
  const draft: RequestDraftDTO = {
    name: str(resource.name) || 'Request',
    query: str(graphql.query),
    operationName: str(graphql.operationName) || null,
    variables: obj(templateDeep(graphql.variables)),
    headers,
    endpointRef: null,
    url: template(str(resource.url)) || null,
    auth: mapAuth(collection, obj(resource.authentication), where),
    profile: null,
    ...noRequestTests(),
  };
  return { kind: 'request', name: draft.name, draft };
}

function environmentVariables(
  collection: ImportedCollection,
  data: unknown,
  where: string,
  isPrivate: boolean,
): ImportedVariable[] {
  const variables: ImportedVariable[] = [];
  for (const [name, value] of Object.entries(obj(data))) {
    const text = typeof value === 'string' ? template(value) : JSON.stringify(value);
    const kept = importVariable(collection, where, name, text, isPrivate);
    if (kept) variables.push(kept);
  }
  return variables;
}

export function importInsomnia(exportJson: unknown): ImportedCollection {
  const root = obj(exportJson);
  if (root._type !== 'export' || root.__export_format !== 4 || !Array.isArray(root.resources)) {
    throw new AppError(
      'COLLECTION_INVALID',
      'This file is not an Insomnia v4 export (_type "export", __export_format 4). In Insomnia: Export Data → Insomnia v4 (JSON).',
    );
  }
  const resources = root.resources.map(obj);
  const workspace = resources.find((r) => r._type === 'workspace');
  const collection = emptyImport('insomnia-v4', str(workspace?.name) || 'Imported collection');
  const children = new Map<string, Json[]>();
  for (const resource of resources) {
    const parent = str(resource.parentId);
    children.set(parent, [...(children.get(parent) ?? []), resource]);
  }
  const order = (a: Json, b: Json) => Number(a.metaSortKey ?? 0) - Number(b.metaSortKey ?? 0);
  const build = (parentId: string, path: string): ImportedItem[] => {
    const out: ImportedItem[] = [];
    for (const resource of [...(children.get(parentId) ?? [])].sort(order)) {
      const where = `${path}${str(resource.name)}`;
      if (resource._type === 'request_group') {
        out.push({
          kind: 'folder',
          name: str(resource.name) || 'Folder',
          children: build(str(resource._id), `${where}/`),
        });
      } else if (resource._type === 'request') {
        const item = mapRequest(collection, resource, where);
        if (item) out.push(item);
      } else if (resource._type === 'grpc_request' || resource._type === 'websocket_request') {
        collection.dropped.push({ where, what: resource._type, reason: 'not a GraphQL request' });
      }
    }
    return out;
  };
  const workspaceId = str(workspace?._id);
  const base = resources.find((r) => r._type === 'environment' && str(r.parentId) === workspaceId);
  if (base) {
    collection.variables = environmentVariables(
      collection,
      base.data,
      'base environment',
      base.isPrivate === true,
    );
    for (const env of resources
      .filter((r) => r._type === 'environment' && str(r.parentId) === str(base._id))
      .sort(order)) {
      const name = str(env.name) || 'environment';
      collection.environments.push({
        name,
        variables: environmentVariables(
          collection,
          env.data,
          `environment ${name}`,
          env.isPrivate === true,
        ),
      });
    }
  }
  collection.items = build(workspaceId, '');
  return collection;
}
