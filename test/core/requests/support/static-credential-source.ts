/**
 * A real, small CredentialSource over static keys: each profile has a list of credential sets;
 * a forced refresh moves to the next one (as a re-resolution would return new session keys).
 */
import { AppError } from '../../../../shared/errors.ts';
import type {
  AwsCredentials,
  CredentialSource,
  ResolveOptions,
} from '../../../../main/core/credentials/credential-source.ts';

export interface StaticProfile {
  credentials: AwsCredentials[];
  region?: string;
}

export class StaticCredentialSource implements CredentialSource {
  readonly calls: { profile: string; forceRefresh: boolean }[] = [];
  readonly #profiles: Record<string, StaticProfile>;
  readonly #index = new Map<string, number>();

  constructor(profiles: Record<string, StaticProfile>) {
    this.#profiles = profiles;
  }

  async resolve(profile: string, options: ResolveOptions = {}): Promise<AwsCredentials> {
    options.signal?.throwIfAborted();
    this.calls.push({ profile, forceRefresh: options.forceRefresh ?? false });
    const entry = this.#profiles[profile];
    if (!entry) throw new AppError('PROFILE_NOT_FOUND', `There is no profile "${profile}".`);
    let index = this.#index.get(profile) ?? 0;
    if (options.forceRefresh) index = Math.min(index + 1, entry.credentials.length - 1);
    this.#index.set(profile, index);
    return entry.credentials[index] as AwsCredentials;
  }

  async region(profile: string): Promise<string | null> {
    return this.#profiles[profile]?.region ?? null;
  }
}
