/**
 * `{{name}}` in URLs, headers, auth values and GraphQL variables, resolved at run time against
 * the chosen environment. Secret variables are read from the vault here, in main, and only
 * here: the result is for the requests engine and never goes to the renderer.
 */
import type { RequestDraftDTO } from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import type { SecretVault } from '../ports.ts';
import type { CollectionEnvironment } from './collection-settings.ts';

const TEMPLATE = /\{\{\s*([\w.-]+)\s*\}\}/g;
const WHOLE = /^\{\{\s*([\w.-]+)\s*\}\}$/;

/** A saved request's fields with every `{{variable}}` replaced (secrets included: main only). */
export interface ResolvedRequest extends RequestDraftDTO {
  /** The secret variables' values it now holds: whatever reports on the run scrubs them. */
  secrets: string[];
}

export async function resolveTemplate(
  request: RequestDraftDTO,
  environment: CollectionEnvironment,
  vault: SecretVault,
): Promise<ResolvedRequest> {
  const cache = new Map<string, string>();
  const secrets: string[] = [];
  const where = environment.name ? `environment "${environment.name}"` : 'the base variables';

  async function lookup(name: string): Promise<string> {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const value = environment.variables[name];
    if (value === undefined) {
      throw new AppError(
        'COLLECTION_INVALID',
        `Request "${request.name}" uses {{${name}}}, which ${where} of collection ${environment.collection} does not define. Add it to collection.json or pick another environment.`,
        { variable: name, environment: environment.name },
      );
    }
    let resolved: string;
    if (typeof value === 'string') resolved = value;
    else {
      const secret = await vault.get(value.secret);
      if (secret === null) {
        throw new AppError(
          'SECRET_MISSING',
          `The secret variable {{${name}}} of ${where} (collection ${environment.collection}) has no value on this machine. Set it in the collection's environments.`,
          { variable: name, environment: environment.name },
        );
      }
      resolved = secret;
      secrets.push(secret);
    }
    cache.set(name, resolved);
    return resolved;
  }

  async function text(value: string): Promise<string> {
    const names = [...value.matchAll(TEMPLATE)].map((match) => match[1]!);
    for (const name of names) await lookup(name);
    return value.replace(TEMPLATE, (_m, name: string) => cache.get(name)!);
  }

  async function json(value: unknown): Promise<unknown> {
    if (typeof value === 'string') return text(value);
    if (Array.isArray(value)) return Promise.all(value.map(json));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(value)) out[key] = await json(inner);
      return out;
    }
    return value;
  }

  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) headers[name] = await text(value);
  let auth = request.auth;
  if (auth && auth.type !== 'AWS_IAM') auth = { type: auth.type, value: await text(auth.value) };
  else if (auth) {
    auth = {
      type: 'AWS_IAM',
      region: auth.region === null ? null : await text(auth.region),
      service: auth.service === null ? null : await text(auth.service),
    };
  }
  return {
    name: request.name,
    query: request.query,
    operationName: request.operationName,
    variables: (await json(request.variables)) as Record<string, unknown>,
    headers,
    endpointRef: request.endpointRef,
    url: request.url === null ? null : await text(request.url),
    auth,
    profile: request.profile === null ? null : await text(request.profile),
    // Checks and scripts are resolved when they run, against the run's variables.
    assertions: request.assertions,
    scripts: request.scripts,
    repeat: request.repeat,
    data: request.data,
    ...(request.connectTo ? { connectTo: await text(request.connectTo) } : {}),
    secrets,
  };
}

/** True when a whole string is one `{{name}}` reference. */
export function isTemplateReference(value: string): boolean {
  return WHOLE.test(value);
}
