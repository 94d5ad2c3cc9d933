/**
 * What every command gets: the process environment as the core sees it, where to write, and
 * the core services built on demand (the CLI is a composition root: it wires the core's ports
 * to the terminal, the 0600 file vault and the process environment).
 */
import type { CredentialSource } from '../core/credentials/credential-source.ts';
import type { CredentialsService } from '../core/credentials/credentials-service.ts';
import type { ApiDiscovery } from '../core/discovery/api-discovery.ts';
import type { EventsService } from '../core/events/events-service.ts';
import type { HistoryRepository } from '../core/history/history-repository.ts';
import type { HistorySink, HistoryWiring } from '../core/history/history-wiring.ts';
import type { CoreEnvironment } from '../core/environment.ts';
import type { OidcProviderStore } from '../core/oidc/provider-store.ts';
import type { OidcSessionService } from '../core/oidc/oidc-session-service.ts';
import type { RealtimeService } from '../core/realtime/realtime-service.ts';
import type { OidcTokenSource } from '../core/requests/request-auth.ts';
import type { RequestService } from '../core/requests/request-service.ts';
import type { SecretVault } from '../core/ports.ts';
import type { ProfileService } from '../core/profiles/profile-service.ts';
import type { SchemaService } from '../core/schema/schema-service.ts';
import type { SettingsStore } from '../core/settings/settings-store.ts';
import type { FileVault } from '../core/vault/file-vault.ts';

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
  #settings: Promise<SettingsStore> | null = null;
  #vault: Promise<FileVault> | null = null;
  #oidc: Promise<{ providers: OidcProviderStore; sessions: OidcSessionService }> | null = null;
  #loadedCredentials: CredentialsService | null = null;
  #recorder: Promise<HistoryWiring> | null = null;
  #history: Promise<HistoryRepository> | null = null;
  #historyWarned = false;

  constructor(environment: CoreEnvironment, io: CliIo) {
    this.environment = environment;
    this.io = io;
  }

  // Services are imported when first used, so a command loads only what it needs.
  profiles(): Promise<ProfileService> {
    return (this.#profiles ??= (async () => {
      const [{ ProfileService }, settings] = await Promise.all([
        import('../core/profiles/profile-service.ts'),
        this.settings(),
      ]);
      return new ProfileService(this.environment, settings);
    })());
  }

  /** The app's settings file (environment patterns, allowed signing hosts), shared with the app. */
  settings(): Promise<SettingsStore> {
    return (this.#settings ??= import('../core/settings/settings-store.ts').then(
      ({ SettingsStore }) => new SettingsStore(this.environment.dataDir),
    ));
  }

  credentials(): Promise<CredentialsService> {
    return (this.#credentials ??= (async () => {
      const [{ CredentialsService }, { TtyPrompter }] = await Promise.all([
        import('../core/credentials/credentials-service.ts'),
        import('./tty-prompter.ts'),
      ]);
      return (this.#loadedCredentials = new CredentialsService({
        environment: this.environment,
        prompter: new TtyPrompter(this.io),
      }));
    })());
  }

  /** Credentials as the core's engines take them; the AWS SDK is loaded only when one is resolved. */
  credentialSource(): CredentialSource {
    return {
      resolve: async (profile, options) => (await this.credentials()).resolve(profile, options),
      region: async (profile) => (await this.credentials()).region(profile),
    };
  }

  /** The vault as the engines take it: the file is opened when a secret is first asked for. */
  secretVault(): SecretVault {
    return {
      get: async (key) => (await this.vault()).get(key),
      put: async (key, value) => (await this.vault()).put(key, value),
      delete: async (key) => (await this.vault()).delete(key),
    };
  }

  vault(): Promise<FileVault> {
    return (this.#vault ??= (async () => {
      const { FileVault } = await import('../core/vault/file-vault.ts');
      return new FileVault(this.environment.dataDir);
    })());
  }

  /** OIDC providers (shared with the desktop app through the data dir) and sign-ins. */
  oidc(): Promise<{ providers: OidcProviderStore; sessions: OidcSessionService }> {
    return (this.#oidc ??= (async () => {
      const [{ OidcProviderStore }, { OidcSessionService }, { TtyPrompter }, { BrowserOpener }] =
        await Promise.all([
          import('../core/oidc/provider-store.ts'),
          import('../core/oidc/oidc-session-service.ts'),
          import('./tty-prompter.ts'),
          import('./browser-opener.ts'),
        ]);
      const vault = await this.vault();
      const providers = new OidcProviderStore(this.environment.dataDir, vault);
      const sessions = new OidcSessionService({
        providers,
        vault,
        opener: new BrowserOpener(this.environment.env, (line) => this.note(line)),
        prompter: new TtyPrompter(this.io),
      });
      return { providers, sessions };
    })());
  }

  /** A live JWT of a signed-in provider (loads the OIDC modules only when asked). */
  readonly oidcTokens: OidcTokenSource = async (provider, options) =>
    (await this.oidc()).sessions.tokenFor(provider, options);

  /** The request engine; IAM credentials (and the AWS SDK) are loaded only if a request needs them. */
  async requests(): Promise<RequestService> {
    const [{ RequestService }, questions, recorder] = await Promise.all([
      import('../core/requests/request-service.ts'),
      this.#runQuestions(),
      this.#historyRecorder(),
    ]);
    const service = new RequestService({
      environment: this.environment,
      ...questions,
      credentials: this.credentialSource(),
      vault: this.secretVault(),
      activeProfile: async () => (await (await this.profiles()).list()).active,
      oidcTokens: this.oidcTokens,
    });
    recorder.requests(service);
    return service;
  }

  /** What GraphQL subscriptions and Event API channels both run on. */
  #streamDeps() {
    return {
      env: this.environment.env,
      credentials: this.credentialSource(),
      vault: this.secretVault(),
      activeProfile: async () => (await (await this.profiles()).list()).active,
      oidcTokens: this.oidcTokens,
      options: { batching: { intervalMs: 10 } },
    };
  }

  async realtime(): Promise<RealtimeService> {
    const [{ RealtimeService }, questions, recorder] = await Promise.all([
      import('../core/realtime/realtime-service.ts'),
      this.#runQuestions(),
      this.#historyRecorder(),
    ]);
    const service = new RealtimeService({ ...this.#streamDeps(), ...questions });
    recorder.realtime(service);
    return service;
  }

  async events(): Promise<EventsService> {
    const [{ EventsService }, questions, recorder] = await Promise.all([
      import('../core/events/events-service.ts'),
      this.#runQuestions(),
      this.#historyRecorder(),
    ]);
    const service = new EventsService({ ...this.#streamDeps(), ...questions });
    recorder.events(service);
    return service;
  }

  /**
   * Every run is recorded in the app's history (same database, same wiring, marked as the CLI's).
   * The database (and `node:sqlite`) is opened only when the first record is written.
   */
  #historyRecorder(): Promise<HistoryWiring> {
    return (this.#recorder ??= import('../core/history/history-wiring.ts').then(
      ({ HistoryWiring }) =>
        new HistoryWiring({
          source: 'cli',
          history: () => this.#openHistory(),
          accountOf: (profile) => this.#loadedCredentials?.knownAccount(profile) ?? null,
          onFailure: (error) => this.#historyFailed(error),
        }),
    ));
  }

  async #openHistory(): Promise<HistorySink> {
    const history = await (this.#history ??= import('../core/history/history-repository.ts').then(
      ({ HistoryRepository }) => HistoryRepository.open(this.environment.dataDir),
    ));
    return {
      record: (input) => {
        // The repository never throws for a locked or full disk: it says why it stored nothing.
        if (history.record(input) === null)
          throw new Error(history.availability().problem ?? 'history is unavailable');
      },
    };
  }

  #historyFailed(error: unknown): void {
    if (this.#historyWarned) return;
    this.#historyWarned = true;
    const reason = (error as Error)?.message ?? String(error);
    this.err(`this run was not recorded in history: ${reason}`);
  }

  /** Waits for the runs' history records and closes the database; never fails the command. */
  async close(): Promise<void> {
    try {
      await (await this.#recorder)?.settled();
      (await this.#history)?.close();
    } catch (error) {
      this.#historyFailed(error);
    }
  }

  /**
   * A mutation on production, or signing for a host that is not AWS's, is asked on the terminal
   * (or answered with --yes); the settings file is read only when a run needs it.
   */
  async #runQuestions() {
    const { TtyPrompter } = await import('./tty-prompter.ts');
    return {
      prompter: new TtyPrompter(this.io),
      settings: {
        get: async () => (await this.settings()).get(),
        update: async (change: Parameters<SettingsStore['update']>[0]) =>
          (await this.settings()).update(change),
      },
    };
  }

  async schema(requests: RequestService): Promise<SchemaService> {
    const { SchemaService } = await import('../core/schema/schema-service.ts');
    return new SchemaService({
      environment: this.environment,
      credentials: this.credentialSource(),
      requests,
      activeProfile: async () => (await (await this.profiles()).list()).active,
    });
  }

  async discovery(): Promise<ApiDiscovery> {
    const { ApiDiscovery } = await import('../core/discovery/api-discovery.ts');
    return new ApiDiscovery({
      environment: this.environment,
      credentials: this.credentialSource(),
    });
  }

  out(text: string): void {
    this.io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** Guidance for the person (URLs to open, progress) on stderr, so stdout stays clean for pipes. */
  note(text: string): void {
    this.io.stderr.write(text.endsWith('\n') ? text : `${text}\n`);
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
