/**
 * What the rest of the core (signing, requests, real-time) needs from the credentials engine.
 * Credentials never leave main: this type is core-only and never crosses IPC.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export interface ResolveOptions {
  signal?: AbortSignal;
  /** Skip the cache (e.g. after AWS answered ExpiredToken) and resolve again. */
  forceRefresh?: boolean;
}

export interface CredentialSource {
  /** Live credentials for a profile: from the cache while fresh; one resolution per need. */
  resolve(profile: string, options?: ResolveOptions): Promise<AwsCredentials>;
  /**
   * The region for this profile when the user names none: AWS_REGION → AWS_DEFAULT_REGION →
   * the profile's `region`.
   */
  region(profile: string): Promise<string | null>;
}
