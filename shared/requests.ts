/**
 * What the renderer may see of a request and its answer. Request headers are shown redacted
 * (no Authorization, no API key, no session token); the signature inspection carries the
 * canonical request and string to sign, never the secret key or the signing key.
 */
import type { AuthModeType } from './endpoints.ts';
import type { ErrorCode } from './errors.ts';
import type { RequestTestReportDTO } from './request-tests.ts';

export interface TimingDTO {
  /** Credential resolution and signing, before the first byte is written. */
  prepareMs: number;
  /** From sending to the response's status line and headers. */
  timeToFirstByteMs: number;
  /** Reading the body. */
  downloadMs: number;
  totalMs: number;
}

export interface GraphQLErrorDTO {
  message: string;
  errorType: string | null;
  path: (string | number)[] | null;
  locations: { line: number; column: number }[] | null;
}

/** SigV4 as the request was signed: enough to see why AWS disagrees, nothing to replay it. */
export interface SignatureInspectionDTO {
  accessKeyId: string;
  region: string;
  service: string;
  amzDate: string;
  credentialScope: string;
  signedHeaders: string[];
  canonicalRequest: string;
  stringToSign: string;
  payloadHash: string;
  signature: string;
  usesSessionToken: boolean;
}

export type DiagnosisCode = Extract<
  ErrorCode,
  'SIGNATURE_MISMATCH' | 'CLOCK_SKEW' | 'EXPIRED_TOKEN' | 'UNAUTHORIZED' | 'FORBIDDEN'
>;

/** Why AWS refused, in words, with the facts that show it. */
export interface DiagnosisDTO {
  code: DiagnosisCode;
  message: string;
  /** What to do next. */
  hint: string;
  /** SIGNATURE_MISMATCH: the canonical request we signed and the one AWS computed. */
  signedCanonicalRequest?: string;
  serverCanonicalRequest?: string;
  /** 1-based line of the canonical request where they first differ. */
  firstDifferentLine?: number;
  /** CLOCK_SKEW: server time minus local time, from the response's Date header. */
  skewMs?: number;
}

export interface RequestResultDTO {
  id: string;
  url: string;
  authMode: AuthModeType;
  /** The profile used for IAM, null otherwise. */
  profile: string | null;
  operationName: string | null;
  status: number;
  statusText: string;
  /** Response headers, lower-case names. */
  headers: Record<string, string>;
  /** Request headers as sent, with every secret-bearing value replaced by `<redacted>`. */
  requestHeaders: Record<string, string>;
  timing: TimingDTO;
  sizeBytes: number;
  /**
   * Parsed JSON when the body is JSON, else the text. Over IPC, a large body (see
   * LARGE_BODY_BYTES) comes as `bodyText` only and this is null: the viewer formats it itself.
   */
  body: unknown;
  /** The body as received, secrets scrubbed. */
  bodyText: string;
  bodyIsJson: boolean;
  errors: GraphQLErrorDTO[];
  diagnosis: DiagnosisDTO | null;
  signature: SignatureInspectionDTO | null;
  /** True when an expired session token was refreshed and the request sent a second time. */
  retried: boolean;
  startedAt: string;
  /** A saved request's assertions and scripts, when it has any (absent: a plain run). */
  tests?: RequestTestReportDTO | null;
}

export type CodeLanguage = 'curl' | 'python' | 'typescript';

/** Above this, the renderer gets the body as text only (parsing it twice would block the window). */
export const LARGE_BODY_BYTES = 256 * 1024;

/**
 * What a run of a saved endpoint will use, as main decides it (`requests.plan`): the Run button
 * says this rather than working it out again. `problem` says why it cannot run as asked.
 */
export interface RunPlanDTO {
  endpoint: { id: string; name: string };
  authMode: AuthModeType | null;
  /** The profile an IAM run signs with: the tab's, the mode's, or the active one. */
  profile: string | null;
  region: string | null;
  service: string | null;
  /** "profile X" / "endpoint Y" when the run lands on production (mutations are confirmed). */
  production: string | null;
  problem: string | null;
}
