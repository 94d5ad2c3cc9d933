/**
 * Postman Collection v2.1 (and v2.0) exports, with optional Postman environment exports.
 * GraphQL requests come from the `graphql` body mode or a raw JSON body holding `query`;
 * everything else is listed in the report as not imported.
 */
import type { CollectionAuthDTO, RequestDraftDTO } from '../../../shared/collections.ts';
import { noRequestTests } from '../../../shared/request-tests.ts';
import { importPostmanScripts } from './postman-script-import.ts';
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
} from './collection-import.ts';

type Json = Record<string, unknown>;
interface KeyValue {
  key?: string;
  value?: unknown;
  type?: string;
  disabled?: boolean;
  enabled?: boolean;
}

const obj = (value: unknown): Json =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : {};
const list = (value: unknown): KeyValue[] => (Array.isArray(value) ? (value as KeyValue[]) : []);
const str = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);

function authParams(auth: Json, type: string): Map<string, string> {
  const params = new Map<string, string>();
  const raw = auth[type];
  // v2.1 stores auth parameters as [{key, value}]; v2.0 as an object.
  if (Array.isArray(raw)) for (const p of list(raw)) params.set(str(p.key), str(p.value));
  else for (const [k, v] of Object.entries(obj(raw))) params.set(k, str(v));
  return params;
}

function mapAuth(
  collection: ImportedCollection,
  auth: Json,
  where: string,
): CollectionAuthDTO | null {
  const type = str(auth.type);
  const params = authParams(auth, type);
  switch (type) {
    case '':
    case 'noauth':
      return null;
    case 'awsv4': {
      dropAwsCredentials(collection, where, 'awsv4', {
        accessKey: params.get('accessKey') ?? '',
        secretKey: params.get('secretKey') ?? '',
        sessionToken: params.get('sessionToken') ?? '',
      });
      return {
        type: 'AWS_IAM',
        region: params.get('region') || null,
        service: params.get('service') || 'appsync',
      };
    }
    case 'apikey': {
      const header = (params.get('key') ?? 'x-api-key').toLowerCase();
      const value = params.get('value') ?? '';
      if (header !== 'x-api-key') {
        collection.dropped.push({
          where,
          what: `apikey in ${header}`,
          reason: 'only the x-api-key header (AppSync API keys) is supported',
        });
        return null;
      }
      return { type: 'API_KEY', value: vaultLiteral(collection, where, 'apiKey', value) };
    }
    case 'bearer':
      return {
        type: 'OPENID_CONNECT',
        value: vaultLiteral(collection, where, 'token', params.get('token') ?? ''),
      };
    default:
      return unmappedAuth(collection, where, type);
  }
}

function graphqlBody(
  body: Json,
): { query: string; variables: unknown; operationName: string | null } | null {
  if (body.mode === 'graphql') {
    const graphql = obj(body.graphql);
    return {
      query: str(graphql.query),
      variables: str(graphql.variables),
      operationName: str(graphql.operationName) || null,
    };
  }
  if (body.mode === 'raw') {
    try {
      const parsed = obj(JSON.parse(str(body.raw)));
      if (typeof parsed.query === 'string') {
        return {
          query: parsed.query,
          variables: parsed.variables ?? {},
          operationName: str(parsed.operationName) || null,
        };
      }
    } catch {
      return null;
    }
  }
  return null;
}

function parseVariables(
  collection: ImportedCollection,
  raw: unknown,
  where: string,
): Record<string, unknown> {
  if (typeof raw !== 'string') return obj(raw);
  if (!raw.trim()) return {};
  try {
    return obj(JSON.parse(raw));
  } catch {
    // Postman allows unquoted {{x}} inside the variables JSON: quote them and try again.
    try {
      return obj(JSON.parse(raw.replace(/(?<!")\{\{\s*([\w.-]+)\s*\}\}(?!")/g, '"{{$1}}"')));
    } catch {
      collection.dropped.push({ where, what: 'GraphQL variables', reason: 'not valid JSON' });
      return {};
    }
  }
}

function mapRequest(
  collection: ImportedCollection,
  item: Json,
  where: string,
  inherited: Json | null,
): ImportedItem | null {
  const request = typeof item.request === 'string' ? { url: item.request } : obj(item.request);
  const body = graphqlBody(obj(request.body));
  if (!body) {
    collection.dropped.push({
      where,
      what: 'request',
      reason: 'not a GraphQL request (no graphql body or JSON body with a query)',
    });
    return null;
  }
  const scripts = importPostmanScripts(
    (Array.isArray(item.event) ? (item.event as unknown[]) : []).map(obj).map((event) => {
      const script = obj(event.script);
      const exec = Array.isArray(script.exec) ? script.exec.map(str).join('\n') : str(script.exec);
      return { listen: str(event.listen), exec };
    }),
  );
  for (const [phase, kept] of [
    ['pre-request', scripts.pre],
    ['test', scripts.post],
  ] as const) {
    if (kept) {
      collection.review.push({
        where,
        what: `${phase} script`,
        reason:
          phase === 'test'
            ? `kept as the post script (${scripts.assertions.length} checks became assertions); it uses Postman's pm API: rewrite it for this app's sandbox`
            : "kept as the pre script; it uses Postman's pm API: rewrite it for this app's sandbox",
      });
    }
  }
  const url = typeof request.url === 'string' ? request.url : str(obj(request.url).raw);
  const headers: Record<string, string> = {};
  for (const header of list(request.header)) {
    if (header.disabled) continue;
    const name = str(header.key);
    const value = str(header.value);
    if (isAwsCredential(name, value) || /^x-amz-(date|content-sha256)$/i.test(name)) {
      collection.dropped.push({
        where,
        what: `header ${name}`,
        reason: 'signing headers are computed at run time, never stored',
      });
    } else if (isSecretValue(name, value)) {
      headers[name] = vaultLiteral(
        collection,
        where,
        name.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase(),
        value,
      );
    } else if (!/^content-type$/i.test(name)) headers[name] = value;
  }
  const authSource = request.auth !== undefined ? obj(request.auth) : inherited;
  let auth = authSource ? mapAuth(collection, authSource, where) : null;
  // A raw `Authorization` header (how AppSync takes OIDC/Cognito/Lambda tokens) is token auth.
  const authorization = Object.keys(headers).find((name) => name.toLowerCase() === 'authorization');
  if (authorization && auth === null) {
    auth = { type: 'OPENID_CONNECT', value: headers[authorization]! };
    delete headers[authorization];
  }
  const draft: RequestDraftDTO = {
    name: str(item.name) || 'Request',
    query: body.query,
    operationName: body.operationName,
    variables: parseVariables(collection, body.variables, where),
    headers,
    endpointRef: null,
    url: url || null,
    auth,
    profile: null,
    ...noRequestTests(),
    assertions: scripts.assertions,
    scripts: { pre: scripts.pre, post: scripts.post },
  };
  return { kind: 'request', name: draft.name, draft };
}

function mapItems(
  collection: ImportedCollection,
  items: unknown,
  path: string,
  inherited: Json | null,
): ImportedItem[] {
  const out: ImportedItem[] = [];
  for (const raw of Array.isArray(items) ? items : []) {
    const item = obj(raw);
    const where = `${path}${str(item.name)}`;
    if (Array.isArray(item.item)) {
      const auth = item.auth !== undefined ? obj(item.auth) : inherited;
      out.push({
        kind: 'folder',
        name: str(item.name) || 'Folder',
        children: mapItems(collection, item.item, `${where}/`, auth),
      });
    } else {
      const request = mapRequest(collection, item, where, inherited);
      if (request) out.push(request);
    }
  }
  return out;
}

/** Maps a Postman v2.1 collection (and environment exports) to a collection to write. */
export function importPostman(
  collectionJson: unknown,
  environmentsJson: unknown[] = [],
): ImportedCollection {
  const root = obj(collectionJson);
  const info = obj(root.info);
  if (!/collection\/v2\.[01]\.0/.test(str(info.schema))) {
    throw new AppError(
      'COLLECTION_INVALID',
      'This file is not a Postman Collection v2.1 export (info.schema does not name v2.1.0). In Postman: Export → Collection v2.1.',
    );
  }
  const collection = emptyImport('postman-v2.1', str(info.name) || 'Imported collection');
  for (const variable of list(root.variable)) {
    if (variable.disabled) continue;
    const kept = importVariable(
      collection,
      'collection variables',
      str(variable.key),
      str(variable.value),
      variable.type === 'secret',
    );
    if (kept) collection.variables.push(kept);
  }
  for (const raw of environmentsJson) {
    const env = obj(raw);
    const name = str(env.name) || 'environment';
    const variables = [];
    for (const value of list(env.values)) {
      if (value.enabled === false) continue;
      const kept = importVariable(
        collection,
        `environment ${name}`,
        str(value.key),
        str(value.value),
        value.type === 'secret',
      );
      if (kept) variables.push(kept);
    }
    collection.environments.push({ name, variables });
  }
  collection.items = mapItems(
    collection,
    root.item,
    '',
    root.auth !== undefined ? obj(root.auth) : null,
  );
  return collection;
}
