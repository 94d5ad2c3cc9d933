/**
 * What every command gets: the process environment as the core sees it, where to write, and
 * the core services built on demand (the CLI is a composition root: it wires the core's ports
 * to the terminal, the 0600 file vault and the process environment).
 */
import type { CredentialsService } from '../core/credentials/credentials-service.ts';
import type { CoreEnvironment } from '../core/environment.ts';
import type { RequestService } from '../core/requests/request-service.ts';
import type { ProfileService } from '../core/profiles/profile-service.ts';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

export class CliContext {
  readonly environment: CoreEnvironment;
  readonly io: CliIo;
  #credentials: Promise<CredentialsService> | null = null;
  #profiles: Promise<ProfileService> | null = null;

  constructor(environment: CoreEnvironment, io: CliIo) {
    this.environment = environment;
    this.io = io;
  }

  // Services are imported when first used, so a command loads only what it needs.
  profiles(): Promise<ProfileService> {
    return (this.#profiles ??= (async () => {
      const [{ ProfileService }, { SettingsStore }] = await Promise.all([
        import('../core/profiles/profile-service.ts'),
        import('../core/settings/settings-store.ts'),
      ]);
      return new ProfileService(this.environment, new SettingsStore(this.environment.dataDir));
    })());
  }

  credentials(): Promise<CredentialsService> {
    return (this.#credentials ??= (async () => {
      const [{ CredentialsService }, { TtyPrompter }] = await Promise.all([
        import('../core/credentials/credentials-service.ts'),
        import('./tty-prompter.ts'),
      ]);
      return new CredentialsService({
        environment: this.environment,
        prompter: new TtyPrompter(this.io.stdin, this.io.stderr),
      });
    })());
  }

  /** The request engine; IAM credentials (and the AWS SDK) are loaded only if a request needs them. */
  async requests(): Promise<RequestService> {
    const [{ RequestService }, { FileVault }] = await Promise.all([
      import('../core/requests/request-service.ts'),
      import('../core/vault/file-vault.ts'),
    ]);
    return new RequestService({
      environment: this.environment,
      credentials: {
        resolve: async (profile, options) => (await this.credentials()).resolve(profile, options),
        region: async (profile) => (await this.credentials()).region(profile),
      },
      vault: new FileVault(this.environment.dataDir),
      activeProfile: async () => (await (await this.profiles()).list()).active,
    });
  }

  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** One clear line on stderr. */
  err(text: string): void {
    this.io.stderr.write(`appsync-workbench: ${text.replace(/\s*\n\s*/g, ' ')}\n`);
  }
}

/** Thrown for a command line that cannot run; exits 2 with the message and a usage hint. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
