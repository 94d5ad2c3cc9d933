/**
 * "Copy as curl / Python / TypeScript": code that does what the workbench did, with every
 * secret read at run time from the environment or the user's AWS profile — never written into
 * the snippet. The Python shape is the one AppSync IAM users already script (requests +
 * requests_aws4auth.AWS4Auth, credentials from a boto3 session, 'appsync' as the service).
 */
import type { AuthMode, AuthModeType } from '../../../shared/endpoints.ts';
import type { CodeLanguage } from '../../../shared/requests.ts';

export interface CodeRequest {
  url: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  /** Extra headers (non-secret). */
  headers?: Record<string, string>;
  auth: AuthMode;
  /** IAM: the profile and region the request resolved to. */
  profile?: string | null;
  region?: string;
  /**
   * IAM: whether the profile's credentials carry a session token (false for long-term keys:
   * AWS refuses an empty x-amz-security-token). Unknown (undefined): the snippet sends it.
   */
  sessionToken?: boolean;
  /** A private API's address (VPC endpoint): see connect-to.ts. */
  connectTo?: string | null;
}

/** The environment variable the snippet reads a non-IAM secret from. */
export function secretVariable(mode: AuthMode): string {
  if (mode.type !== 'AWS_IAM' && mode.source.from === 'env') return mode.source.variable;
  const names: Record<Exclude<AuthModeType, 'AWS_IAM'>, string> = {
    API_KEY: 'APPSYNC_API_KEY',
    OPENID_CONNECT: 'APPSYNC_ID_TOKEN',
    AMAZON_COGNITO_USER_POOLS: 'APPSYNC_ID_TOKEN',
    AWS_LAMBDA: 'APPSYNC_AUTH_TOKEN',
  };
  return names[mode.type as Exclude<AuthModeType, 'AWS_IAM'>];
}

export function copyAsCode(language: CodeLanguage, request: CodeRequest): string {
  switch (language) {
    case 'curl':
      return asCurl(request);
    case 'python':
      return privateNote(request, '#') + asPython(request);
    case 'typescript':
      return privateNote(request, '//') + asTypeScript(request);
  }
}

/** Python and fetch cannot connect to one host while naming another; curl can. */
function privateNote(request: CodeRequest, comment: string): string {
  if (!request.connectTo) return '';
  return `${comment} A private API: the app reaches it through ${request.connectTo}. Run this where the API's\n${comment} host resolves to that VPC endpoint (private DNS on), or use the curl version.\n`;
}

function payload(request: CodeRequest): Record<string, unknown> {
  const body: Record<string, unknown> = { query: request.query };
  if (request.variables !== undefined) body.variables = request.variables;
  if (request.operationName) body.operationName = request.operationName;
  return body;
}

/** POSIX shell single quotes: nothing inside is expanded. */
function shq(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function asCurl(request: CodeRequest): string {
  const { auth } = request;
  const lines = [`curl -sS -X POST ${shq(request.url)}`];
  if (request.connectTo) {
    // The URL (and so Host, TLS name and --aws-sigv4's host) stays the API's; only the
    // connection goes to the address, and x-appsync-domain names the API, as the app sends it.
    const [host, port = ''] = splitAddress(request.connectTo);
    lines.push(`--connect-to ${shq(`::${host}:${port}`)}`);
    lines.push(`-H ${shq(`x-appsync-domain: ${new URL(request.url).host}`)}`);
  }
  lines.push(`-H 'content-type: application/json'`);
  for (const [name, value] of Object.entries(request.headers ?? {}))
    lines.push(`-H ${shq(`${name}: ${value}`)}`);
  if (auth.type === 'AWS_IAM') {
    lines.push(`--aws-sigv4 ${shq(`aws:amz:${request.region}:${auth.service}`)}`);
    lines.push(`--user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY"`);
    if (request.sessionToken !== false) lines.push(`-H "x-amz-security-token: $AWS_SESSION_TOKEN"`);
  } else {
    const header = auth.type === 'API_KEY' ? 'x-api-key' : 'authorization';
    lines.push(`-H "${header}: $${secretVariable(auth)}"`);
  }
  lines.push(`--data-binary ${shq(JSON.stringify(payload(request)))}`);
  const profileNote =
    auth.type === 'AWS_IAM'
      ? `# Credentials from the environment, e.g.: eval "$(appsync-workbench export-credentials --profile ${request.profile ?? 'default'} --format env)"\n`
      : '';
  return `${profileNote}${lines.join(' \\\n  ')}\n`;
}

/** `host[:port]` (IPv6 in brackets) as curl's --connect-to wants its last two fields. */
function splitAddress(address: string): [string, string?] {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(address);
  return match ? [match[1]!, match[2]] : [address];
}

/** A single-quoted Python string, as the seed script writes them. */
function pyString(text: string): string {
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r');
  return `'${escaped}'`;
}

/** A Python literal for JSON data (True/False/None where JSON has true/false/null). */
function pyLiteral(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') return pyString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  const inner = `${indent}    `;
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => `${inner}${pyLiteral(v, inner)},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.length) return '{}';
  return `{\n${entries.map(([k, v]) => `${inner}${pyString(k)}: ${pyLiteral(v, inner)},`).join('\n')}\n${indent}}`;
}

function asPython(request: CodeRequest): string {
  const { auth } = request;
  const query = /"""|\\/.test(request.query)
    ? pyString(request.query)
    : `"""\n${request.query}\n"""`;
  const json: string[] = [`'query': query`];
  if (request.variables !== undefined) json.push(`'variables': ${pyLiteral(request.variables)}`);
  if (request.operationName) json.push(`'operationName': ${pyString(request.operationName)}`);
  const headers = Object.keys(request.headers ?? {}).length
    ? `\n    headers=${pyLiteral(request.headers)},`
    : '';
  if (auth.type === 'AWS_IAM') {
    const profile = request.profile ? `profile_name=${pyString(request.profile)}` : '';
    return `import boto3
import requests
from requests_aws4auth import AWS4Auth

# Use AWS4Auth to sign a requests session, with credentials from ~/.aws (profile ${request.profile ?? 'default'})
session = requests.Session()
credentials = boto3.session.Session(${profile}).get_credentials()
session.auth = AWS4Auth(
    credentials.access_key,
    credentials.secret_key,
    ${pyString(request.region ?? 'us-east-1')},
    ${pyString(auth.service)},
    session_token=credentials.token,
)

APPSYNC_API_ENDPOINT_URL = ${pyString(request.url)}

query = ${query}

response = session.request(
    url=APPSYNC_API_ENDPOINT_URL,
    method='POST',${headers}
    json={${json.join(', ')}},
)
print(response.text)
`;
  }
  const header = auth.type === 'API_KEY' ? 'x-api-key' : 'Authorization';
  const extra = Object.entries(request.headers ?? {})
    .map(([k, v]) => `, ${pyString(k)}: ${pyString(v)}`)
    .join('');
  return `import os
import requests

APPSYNC_API_ENDPOINT_URL = ${pyString(request.url)}

query = ${query}

response = requests.post(
    url=APPSYNC_API_ENDPOINT_URL,
    headers={${pyString(header)}: os.environ[${pyString(secretVariable(auth))}]${extra}},
    json={${json.join(', ')}},
)
print(response.text)
`;
}

function asTypeScript(request: CodeRequest): string {
  const { auth } = request;
  const body = `JSON.stringify(${JSON.stringify(payload(request), null, 2)})`;
  const extra = JSON.stringify(request.headers ?? {});
  if (auth.type === 'AWS_IAM') {
    const profile = request.profile ? `{ profile: ${JSON.stringify(request.profile)} }` : '';
    return `import { Sha256 } from '@aws-crypto/sha256-js';
import { fromIni } from '@aws-sdk/credential-providers';
import { SignatureV4 } from '@smithy/signature-v4';

const url = new URL(${JSON.stringify(request.url)});
const body = ${body};

const signer = new SignatureV4({
  credentials: fromIni(${profile}),
  region: ${JSON.stringify(request.region ?? 'us-east-1')},
  service: ${JSON.stringify(auth.service)},
  sha256: Sha256,
});
const signed = await signer.sign({
  method: 'POST',
  protocol: url.protocol,
  hostname: url.hostname,
  ...(url.port ? { port: Number(url.port) } : {}),
  path: url.pathname,
  headers: { 'content-type': 'application/json', host: url.host, ...${extra} },
  body,
});
const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
console.log(await response.text());
`;
  }
  const header = auth.type === 'API_KEY' ? 'x-api-key' : 'authorization';
  return `const secret = process.env[${JSON.stringify(secretVariable(auth))}];
if (!secret) throw new Error('Set ${secretVariable(auth)} first.');

const response = await fetch(${JSON.stringify(request.url)}, {
  method: 'POST',
  headers: { 'content-type': 'application/json', ${JSON.stringify(header)}: secret, ...${extra} },
  body: ${body},
});
console.log(await response.text());
`;
}
