/**
 * "Paste a curl command": reads one (the app's own Copy as curl, a browser's Copy as cURL, a
 * teammate's script) into what a request tab holds. Nothing runs and nothing is expanded.
 * Credentials are never kept: an API key, a bearer token, SigV4 keys or a copied signature are
 * dropped and reported (the tab's headers and drafts are saved to disk); the auth mode they
 * show is kept, so the secret can be saved on an endpoint, where it lives in the vault.
 */
import { CONNECT_TO_PATTERN, type AuthModeType } from '../../../shared/auth-modes.ts';
import type { CurlImportDTO, CurlNoteDTO } from '../../../shared/curl-import.ts';
import { endpointUrlKey } from '../../../shared/endpoint-url.ts';
import type { EndpointDTO } from '../../../shared/endpoints.ts';
import { AppError } from '../../../shared/errors.ts';
import { isCredentialHeader } from '../redaction/redacted.ts';
import { isSecretKey } from '../redaction/secret-scrubber.ts';
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
  // curl's other options that take a value: their value must not be read as the URL (a
  // proxy's password, a client certificate's passphrase), and is never echoed.
  '-x',
  '--proxy',
  '-U',
  '--proxy-user',
  '-E',
  '--cert',
  '--key',
  '--pass',
  '--cacert',
  '--capath',
  '--data-urlencode',
  '-F',
  '--form',
  '-T',
  '--upload-file',
  '--resolve',
  '-r',
  '--range',
  '-c',
  '--cookie-jar',
  '-K',
  '--config',
  '-Y',
  '--speed-limit',
  '-y',
  '--speed-time',
  '--limit-rate',
  '--interface',
  '--dns-servers',
  '--proxy-header',
  '--noproxy',
]);
const SHORT_WITH_VALUE = new Set([
  'X',
  'H',
  'd',
  'u',
  'b',
  'm',
  'A',
  'o',
  'w',
  'e',
  'x',
  'U',
  'E',
  'F',
  'T',
  'r',
  'c',
  'K',
  'Y',
  'y',
]);
/** Signing artefacts of a copied request: dropped without a word (the app signs afresh). */
const SIGNING_HEADERS = new Set(['x-amz-date', 'x-amz-content-sha256']);
/** A header HTTP allows as a name (RFC 9110 token). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/**
 * A header whose value may be a credential: the ones the app redacts everywhere, a key name
 * the history scrubber treats as secret, or a name that says so (x-auth-token, x-api-secret).
 */
function credentialHeader(name: string): boolean {
  return (
    isCredentialHeader(name) ||
    isSecretKey(name) ||
    /token|secret|passw|api-?key|credential|session|auth/i.test(name)
  );
}

/** The shell variables a word reads (`$KEY`, `${KEY:-…}`): named in a note, never the text. */
function shellVariables(text: string): string {
  const names = [...text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => `$${m[1]}`);
  return names.length > 0 ? [...new Set(names)].join(', ') : 'a shell expansion';
}
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
    const kind = Object.hasOwn(VALUE_OPTIONS, option) ? VALUE_OPTIONS[option] : undefined;
    if (!kind && !SKIPPED_WITH_VALUE.has(option)) {
      if (!option.startsWith('-')) {
        // A plain word is not echoed: it may be the value of an option this reader does not know.
        if (url) note('ignored', 'A second URL is ignored: one request per tab.');
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
        note('ignored', `${option.slice(0, 40)} is ignored.`);
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
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
    throw new AppError('INVALID_INPUT', "The command's URL is not an http(s) URL.");
  }
  url = withoutCredentials(url, note);
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
          ? `x-api-key reads ${shellVariables(value.text)} from the shell: give the endpoint an API_KEY mode (its key in the vault, or an APPSYNC_WORKBENCH_… variable).`
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
            ? `Authorization reads ${shellVariables(value.text)} from the shell: give the endpoint a ${authMode} mode with that token.`
            : `A token (Authorization) was in the command: it is not put into the tab. Give the endpoint a ${authMode} mode (a token in the vault, or an OIDC sign-in).`,
        );
      }
    } else if (SIGNING_HEADERS.has(lower)) {
      // Recomputed by the app's own signature.
    } else if (credentialHeader(name)) {
      if (!value.expands) note('secret', `${name} was in the command: it is not kept.`);
    } else if (lower === 'x-appsync-domain' && connectTo) {
      // The app sends it itself for a private API's address.
    } else if (!APP_HEADERS.has(lower)) {
      kept.push(`${name}: ${value.text}`);
    }
  }
  return { url, ...request, headers: kept.join('\n'), authMode, region, service, connectTo, notes };
}

/** The saved endpoint with this URL (host case and a trailing slash aside), if any. */
function matchEndpoint(url: string, endpoints: readonly EndpointDTO[]): EndpointDTO | null {
  const key = endpointUrlKey(url);
  return endpoints.find((e) => endpointUrlKey(e.url) === key) ?? null;
}

export function curlImport(text: string, endpoints: readonly EndpointDTO[]): CurlImportDTO {
  const parsed = parseCurl(text);
  const endpoint = matchEndpoint(parsed.url, endpoints);
  return { ...parsed, endpoint: endpoint ? { id: endpoint.id, name: endpoint.name } : null };
}

/** `Name: value`, checked: a value is never echoed (it may be a credential). */
function splitHeader(word: ShellWord): [string, ShellWord] {
  const colon = word.text.indexOf(':');
  const name = colon > 0 ? word.text.slice(0, colon).trim() : '';
  if (!HEADER_NAME.test(name)) {
    throw new AppError('INVALID_INPUT', 'A header (-H) is not "Name: value" with an HTTP name.');
  }
  const value = word.text.slice(colon + 1).trim();
  // A line break would smuggle a second header (a key) past the checks below.
  if (/[\r\n\0]/.test(value)) {
    throw new AppError(
      'INVALID_INPUT',
      `The header ${name} holds a line break: headers are one line.`,
    );
  }
  return [name, { text: value, expands: word.expands }];
}

/** The URL without `user:password@` or query parameters named like credentials, said so. */
function withoutCredentials(
  href: string,
  note: (kind: CurlNoteDTO['kind'], message: string) => void,
): string {
  const url = new URL(href);
  if (url.username || url.password) {
    url.username = url.password = '';
    note('secret', 'The URL held a user name or password: it is not kept.');
  }
  for (const key of [...url.searchParams.keys()]) {
    if (credentialHeader(key)) {
      url.searchParams.delete(key);
      note('secret', `The URL's ${key} parameter was dropped: it is not kept.`);
    }
  }
  return url.href === href ? href : url.href;
}

/** `::HOST:PORT` (curl's --connect-to as Copy as curl writes it) → `HOST:PORT`. */
function connectAddress(value: string): string {
  const match = /^[^:]*:[^:]*:(\[[^\]]+\]|[^:]+)(?::(\d*))?$/.exec(value);
  const address = match ? (match[2] ? `${match[1]}:${match[2]}` : match[1]!) : '';
  // The same check as a private API's address anywhere else (a host or IP, a port).
  if (!CONNECT_TO_PATTERN.test(address)) {
    throw new AppError('INVALID_INPUT', '--connect-to is not "HOST1:PORT1:HOST2:PORT2".');
  }
  return address;
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
