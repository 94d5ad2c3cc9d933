import { randomUUID } from 'node:crypto';

/** The awsQuery XML that @aws-sdk/client-sts and botocore parse, byte for byte in shape. */

export const STS_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** An STS error as AWS returns it: code, HTTP status, `Sender` or `Receiver`. */
export class StsError extends Error {
  readonly code: string;
  readonly status: number;
  readonly reason: string | undefined;
  constructor(code: string, status: number, message: string, reason?: string) {
    super(message);
    this.code = code;
    this.status = status;
    this.reason = reason;
  }
}

export function xmlEscape(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** `{ A: 'x', B: { C: 'y' } }` → `<A>x</A><B><C>y</C></B>`; undefined members are left out. */
export function toXml(value: Record<string, unknown>): string {
  let out = '';
  for (const [name, member] of Object.entries(value)) {
    if (member === undefined) continue;
    const inner =
      typeof member === 'object' && member !== null
        ? toXml(member as Record<string, unknown>)
        : xmlEscape(String(member));
    out += `<${name}>${inner}</${name}>`;
  }
  return out;
}

function headers(requestId: string, date: number): Record<string, string> {
  // Date lets SDKs correct their clock after a "Signature expired" answer.
  return {
    'content-type': 'text/xml',
    'x-amzn-requestid': requestId,
    date: new Date(date).toUTCString(),
  };
}

export function stsResult(
  action: string,
  result: Record<string, unknown>,
  now: number,
): WireResponse {
  const requestId = randomUUID();
  const body =
    `<${action}Response xmlns="${STS_NAMESPACE}">\n` +
    `  <${action}Result>${toXml(result)}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`;
  return { status: 200, headers: headers(requestId, now), body };
}

export function stsErrorResponse(error: StsError, now: number): WireResponse {
  const requestId = randomUUID();
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${STS_NAMESPACE}">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${xmlEscape(error.code)}</Code>\n` +
    `    <Message>${xmlEscape(error.message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status: error.status, headers: headers(requestId, now), body };
}

/** ISO 8601 without milliseconds, as STS writes `Expiration`. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
