/**
 * SigV4 for one outgoing request, with @smithy/signature-v4 (the signer the AWS SDK uses), over
 * the exact bytes that will be written to the socket. `host` and `x-amz-date` are always signed;
 * temporary credentials add `x-amz-security-token`.
 */
import { createHash, createHmac, type Hash as NodeHash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentials } from '../credentials/credential-source.ts';

export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Lower-case names. `host` is added by the signer if missing. */
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface SigningParams {
  credentials: AwsCredentials;
  region: string;
  service: string;
  signingDate: Date;
}

/** The hash constructor @smithy/signature-v4 expects, on node:crypto (native speed). */
class NodeSha256 {
  readonly #hash: NodeHash | Hmac;
  constructor(secret?: string | Uint8Array | ArrayBuffer | ArrayBufferView) {
    this.#hash =
      secret === undefined ? createHash('sha256') : createHmac('sha256', toBytes(secret));
  }
  update(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): void {
    this.#hash.update(toBytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.#hash.digest()));
  }
}

function toBytes(data: string | Uint8Array | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string' || data instanceof Uint8Array) return data;
  if (ArrayBuffer.isView(data))
    return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

// One signer per credentials object (and region/service): building a SignatureV4 costs about as
// much as a signature. Keyed weakly, so refreshed credentials let old signers go.
const signers = new WeakMap<AwsCredentials, Map<string, SignatureV4>>();

function signerFor(credentials: AwsCredentials, region: string, service: string): SignatureV4 {
  let byScope = signers.get(credentials);
  if (!byScope) signers.set(credentials, (byScope = new Map()));
  const key = `${region}\u0000${service}`;
  let signer = byScope.get(key);
  if (!signer) {
    signer = new SignatureV4({
      credentials: {
        accessKeyId: credentials.accessKeyId,
        secretAccessKey: credentials.secretAccessKey,
        ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      },
      region,
      service,
      sha256: NodeSha256,
      // The body hash is part of the canonical request either way; the header is optional for
      // every service but S3, so the request stays as small as AppSync's own clients send it.
      applyChecksum: false,
    });
    byScope.set(key, signer);
  }
  return signer;
}

/** Returns the headers to send (all lower-case): the input's plus the SigV4 ones. */
export async function signRequest(
  request: OutgoingRequest,
  params: SigningParams,
): Promise<Record<string, string>> {
  const { credentials, region, service, signingDate } = params;
  const signer = signerFor(credentials, region, service);
  const { url } = request;
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of url.searchParams) {
    const prior = query[key];
    query[key] = prior === undefined ? value : [...(Array.isArray(prior) ? prior : [prior]), value];
  }
  const headers = { ...request.headers, host: request.headers.host ?? url.host };
  const signed = await signer.sign(
    {
      method: request.method,
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path: url.pathname,
      query,
      headers,
      body: request.body,
    },
    { signingDate },
  );
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(signed.headers)) out[name.toLowerCase()] = value;
  return out;
}
