/** One HTTP request as the transports send it: the exact bytes that were signed. */
export interface HttpExchange {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  /** Sent to this address (host[:port]) instead of the URL's host; see connect-to.ts. */
  connectTo?: string | null;
}
