/** A pasted curl command read as a request tab, with what was left out and why. */
import type { AuthModeType } from './auth-modes.ts';

export interface CurlNoteDTO {
  /** `secret`: a credential in the command, dropped; `ignored`: an option with no use here. */
  kind: 'secret' | 'ignored' | 'info';
  message: string;
}

export interface CurlImportDTO {
  url: string;
  query: string;
  /** As JSON text, for the variables editor ('' for none). */
  variables: string;
  operationName: string | null;
  /** The headers a tab keeps (`Name: value` lines); credentials are never among them. */
  headers: string;
  /** The auth mode the command used, when it shows one. */
  authMode: AuthModeType | null;
  /** IAM: from `--aws-sigv4 aws:amz:REGION:SERVICE` (or a copied SigV4 signature). */
  region: string | null;
  service: string | null;
  /** A private API's address (`--connect-to ::HOST:PORT`). */
  connectTo: string | null;
  /** The saved endpoint with the same URL, or null: then one can be created from `url`. */
  endpoint: { id: string; name: string } | null;
  notes: CurlNoteDTO[];
}

/** The most a pasted command may hold. */
export const MAX_CURL_BYTES = 256 * 1024;
