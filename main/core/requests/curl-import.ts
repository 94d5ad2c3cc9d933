/**
 * "Paste a curl command": reads one (the app's own Copy as curl, a browser's Copy as cURL, a
 * teammate's script) into what a request tab holds. Nothing runs and nothing is expanded.
 * Credentials are never kept: an API key, a bearer token, SigV4 keys or a copied signature are
 * dropped and reported (the tab's headers and drafts are saved to disk); the auth mode they
 * show is kept, so the secret can be saved on an endpoint, where it lives in the vault.
 */
import type { AuthModeType } from '../../../shared/auth-modes.ts';
import type { CurlImportDTO, CurlNoteDTO } from '../../../shared/curl-import.ts';
import { endpointUrlKey } from '../../../shared/endpoint-url.ts';
import type { EndpointDTO } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import { graphqlOf } from './graphql-body.ts';
import { shellWords, type ShellWord } from './shell-words.ts';

type Parsed = Omit<CurlImportDTO, 'endpoint'>;

/** Options that take a value, by every name curl knows them. */
const VALUE_OPTIONS: Record<string, string> = {
  '-X': 'request',
  '--request': 'request',
  '-H': 'header',
  '--header': 'header',
  '-d': 'data',
  '--data': 'data',
  '--data-raw': 'data-raw',
  '--data-binary': 'data',
  '--data-ascii': 'data',
  '--json': 'json',
  '--url': 'url',
  '--aws-sigv4': 'sigv4',
  '-u': 'user',
  '--user': 'user',
  '--connect-to': 'connect-to',
  '-b': 'cookie',
  '--cookie': 'cookie',
  '--oauth2-bearer': 'bearer',
};
/** Options with a value that change nothing the app would do differently: skipped quietly. */
const SKIPPED_WITH_VALUE = new Set([
  '-m',
  '--max-time',
  '--connect-timeout',
  '-A',
  '--user-agent',
  '-o',
  '--output',
  '-w',
  '--write-out',
  '--retry',
  '-e',
  '--referer',
]);
const SHORT_WITH_VALUE = new Set(['X', 'H', 'd', 'u', 'b', 'm', 'A', 'o', 'w', 'e']);
const CREDENTIAL_HEADERS = new Set([
  'x-amz-security-token',
  'x-amz-date',
  'x-amz-content-sha256',
  'cookie',
  'proxy-authorization',
]);
const APP_HEADERS = new Set(['content-type', 'accept', 'host', 'content-length', 'user-agent']);

export function parseCurl(text: string): Parsed {
  const words = shellWords(text.trim());
  const start = words.findIndex((w) => w.text === 'curl' || /[\\/]curl(\.exe)?$/.test(w.text));
  if (start < 0) {
    throw new AppError('INVALID_INPUT', 'This is not a curl command: it should start with "curl".');
  }
  const notes: CurlNoteDTO[] = [];
  const note = (kind: CurlNoteDTO['kind'], message: string) => notes.push({ kind, message });
  const data: string[] = [];
  const headers: Array<[string, ShellWord]> = [];
  let url: string | null = null;
  let method: string | null = null;
  let sigv4: string | null = null;
  let connectTo: string | null = null;
  let user: ShellWord | null = null;
  let bearer: ShellWord | null = null;

  const rest = words.slice(start + 1);
  for (let i = 0; i < rest.length; i++) {
    let option = rest[i]!.text;
    let value: ShellWord | undefined;
    const glued = /^(--[\w-]+)=(.*)$/s.exec(option);
    if (glued) {
      option = glued[1]!;
      value = { text: glued[2]!, expands: rest[i]!.expands };
    } else if (/^-[A-Za-z]./s.test(option)) {
      // A cluster of short flags: -sS, -sSX POST, -XPOST, -H'…'
      const at = [...option.slice(1)].findIndex((c) => SHORT_WITH_VALUE.has(c));
      if (at < 0) continue;
      const tail = option.slice(at + 2);
      option = `-${option[at + 1]}`;
      if (tail) value = { text: tail, expands: rest[i]!.expands };
    }
    const kind = VALUE_OPTIONS[option];
    if (!kind && !SKIPPED_WITH_VALUE.has(option)) {
      if (!option.startsWith('-')) {
        if (url) note('ignored', `A second URL (${option}) is ignored: one request per tab.`);
        else url = option;
      } else if (
        ![
          '-s',
          '-S',
          '--silent',
          '--show-error',
          '--compressed',
          '-i',
          '--include',
          '-v',
          '--verbose',
          '-L',
          '--location',
          '-f',
          '--fail',
          '-g',
          '--globoff',
        ].includes(option)
      ) {
        note('ignored', `${option} is ignored.`);
      }
      continue;
    }
    value ??= rest[++i];
    if (value === undefined) throw new AppError('INVALID_INPUT', `${option} needs a value.`);
    if (!kind) continue;
    switch (kind) {
      case 'request':
        method = value.text.toUpperCase();
        break;
      case 'header':
        headers.push(splitHeader(value));
        break;
      case 'data':
      case 'data-raw':
      case 'json':
        if (kind === 'data' && value.text.startsWith('@')) {
          throw new AppError(
            'INVALID_INPUT',
            `${option} ${value.text} reads a file: paste the command with the body in it.`,
          );
        }
        data.push(value.text);
        break;
      case 'url':
        url = value.text;
        break;
      case 'sigv4':
        sigv4 = value.text;
        break;
      case 'user':
        user = value;
        break;
      case 'connect-to':
        connectTo = connectAddress(value.text);
        break;
      case 'cookie':
        note('secret', 'A cookie was in the command: it is not kept.');
        break;
      case 'bearer':
        bearer = value;
        break;
    }
  }
  if (!url) throw new AppError('INVALID_INPUT', 'The command has no URL.');
  if (!/^https?:\/\//i.test(url)) {
    throw new AppError('INVALID_INPUT', `${url} is not an http(s) URL.`);
  }
  if (method && method !== 'POST' && method !== 'GET') {
    note('ignored', `-X ${method}: GraphQL is sent as POST here.`);
  }

  const request = graphqlOf(data.join('&'), url);
  let authMode: AuthModeType | null = null;
  let region: string | null = null;
  let service: string | null = null;
  if (sigv4) {
    const scope = /^aws:amz(?::([a-z0-9-]*))?(?::([a-z0-9-]*))?$/i.exec(sigv4);
    if (!scope)
      throw new AppError('INVALID_INPUT', `--aws-sigv4 ${sigv4} is not "aws:amz:REGION:SERVICE".`);
    authMode = 'AWS_IAM';
    region = scope[1] || null;
    service = scope[2] || null;
  }
  if (user) {
    note(
      user.expands ? 'info' : 'secret',
      user.expands
        ? '--user reads AWS keys from the shell: the app signs with a profile instead.'
        : 'AWS keys were in the command (--user): they are dropped, never saved. The app signs with a profile: pick one.',
    );
  }
  if (bearer)
    headers.push(['authorization', { text: `Bearer ${bearer.text}`, expands: bearer.expands }]);

  const kept: string[] = [];
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    if (lower === 'x-api-key') {
      authMode ??= 'API_KEY';
      note(
        value.expands ? 'info' : 'secret',
        value.expands
          ? `x-api-key reads ${value.text} from the shell: give the endpoint an API_KEY mode (its key in the vault, or an APPSYNC_WORKBENCH_… variable).`
          : 'An API key (x-api-key) was in the command: it is not put into the tab. Save it on the endpoint (API_KEY mode), where it is kept in the vault.',
      );
    } else if (lower === 'authorization') {
      const signed = /^AWS4-HMAC-SHA256\s.*Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(
        value.text,
      );
      if (signed) {
        authMode ??= 'AWS_IAM';
        region ??= signed[1]!;
        service ??= signed[2]!;
        note(
          'secret',
          'A SigV4 signature copied from another request was dropped: the app signs each request afresh.',
        );
      } else {
        authMode ??= tokenMode(value);
        note(
          value.expands ? 'info' : 'secret',
          value.expands
            ? `Authorization reads ${value.text} from the shell: give the endpoint a ${authMode} mode with that token.`
            : `A token (Authorization) was in the command: it is not put into the tab. Give the endpoint a ${authMode} mode (a token in the vault, or an OIDC sign-in).`,
        );
      }
    } else if (CREDENTIAL_HEADERS.has(lower)) {
      if (!value.expands && lower !== 'x-amz-date' && lower !== 'x-amz-content-sha256') {
        note('secret', `${name} was in the command: it is not kept.`);
      }
    } else if (lower === 'x-appsync-domain' && connectTo) {
      // The app sends it itself for a private API's address.
    } else if (!APP_HEADERS.has(lower)) {
      kept.push(`${name}: ${value.text}`);
    }
  }
  return { url, ...request, headers: kept.join('\n'), authMode, region, service, connectTo, notes };
}

/** The saved endpoint with this URL (host case and a trailing slash aside), if any. */
export function matchEndpoint(url: string, endpoints: readonly EndpointDTO[]): EndpointDTO | null {
  const key = endpointUrlKey(url);
  return endpoints.find((e) => endpointUrlKey(e.url) === key) ?? null;
}

export function curlImport(text: string, endpoints: readonly EndpointDTO[]): CurlImportDTO {
  const parsed = parseCurl(text);
  const endpoint = matchEndpoint(parsed.url, endpoints);
  return { ...parsed, endpoint: endpoint ? { id: endpoint.id, name: endpoint.name } : null };
}

function splitHeader(word: ShellWord): [string, ShellWord] {
  const colon = word.text.indexOf(':');
  if (colon <= 0) throw new AppError('INVALID_INPUT', `-H ${word.text} is not "Name: value".`);
  return [
    word.text.slice(0, colon).trim(),
    { text: word.text.slice(colon + 1).trim(), expands: word.expands },
  ];
}

/** `::HOST:PORT` (curl's --connect-to as Copy as curl writes it) → `HOST:PORT`. */
function connectAddress(value: string): string {
  const match = /^[^:]*:[^:]*:(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(value);
  if (!match)
    throw new AppError('INVALID_INPUT', `--connect-to ${value} is not "HOST1:PORT1:HOST2:PORT2".`);
  return match[2] ? `${match[1]}:${match[2]}` : match[1]!;
}

/** A JWT whose issuer is a Cognito user pool is Cognito's; another JWT, OIDC; else Lambda's. */
function tokenMode(value: ShellWord): AuthModeType {
  const token = value.text.replace(/^Bearer\s+/i, '');
  const parts = token.split('.');
  if (parts.length !== 3) return 'AWS_LAMBDA';
  try {
    const claims = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as {
      iss?: unknown;
    };
    return typeof claims.iss === 'string' && /cognito-idp\./.test(claims.iss)
      ? 'AMAZON_COGNITO_USER_POOLS'
      : 'OPENID_CONNECT';
  } catch {
    return 'AWS_LAMBDA';
  }
}
