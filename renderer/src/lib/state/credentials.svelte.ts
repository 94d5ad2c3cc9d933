/**
 * Who a profile is (account, ARN, expiry) and how its chain gets there, as main resolved it.
 * Holds no credential: main keeps those; this holds names, ARNs and the failure diagnosis.
 */
import { getContext, setContext } from 'svelte';
import { IpcClientError, type Api } from '../../../../shared/client.ts';
import type {
  CallerIdentityDTO,
  CredentialChainDTO,
  CredentialFailureDTO,
} from '../../../../shared/credentials.ts';

const KEY = Symbol('credentials');
const TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

export interface CredentialFailure {
  code: string;
  message: string;
  failure: CredentialFailureDTO | null;
}

export class CredentialsState {
  identities = $state<Record<string, CallerIdentityDTO>>({});
  chains = $state<Record<string, CredentialChainDTO>>({});
  failures = $state<Record<string, CredentialFailure>>({});
  resolving = $state<Record<string, boolean>>({});
  /** Ticks every second so expiry countdowns stay live. */
  now = $state(Date.now());

  readonly #api: Api;

  constructor(api: Api) {
    this.#api = api;
  }

  tick(): () => void {
    const timer = setInterval(() => (this.now = Date.now()), 1000);
    return () => clearInterval(timer);
  }

  async loadChain(profile: string): Promise<void> {
    try {
      this.chains[profile] = await this.#api.credentials.chain({ profile });
    } catch {
      // The profile list already shows static chain problems; nothing more to say here.
    }
  }

  /** Loads a profile's chain and resolves it when that asks nothing of the user. */
  async prepare(profile: string): Promise<void> {
    await this.loadChain(profile);
    const chain = this.chains[profile];
    const quiet = chain?.hops.every(
      (hop) => !hop.mfaSerial && (hop.kind === 'static' || hop.kind === 'assume-role'),
    );
    if (quiet && chain?.problem === null && !this.identities[profile]) await this.resolve(profile);
  }

  /** Resolves the profile in main (may ask for an MFA code) and asks STS who it is. */
  async resolve(profile: string): Promise<void> {
    if (this.resolving[profile]) return;
    this.resolving[profile] = true;
    try {
      this.identities[profile] = await this.#api.credentials.identity({ profile });
      delete this.failures[profile];
    } catch (error) {
      delete this.identities[profile];
      this.failures[profile] =
        error instanceof IpcClientError
          ? {
              code: error.code,
              message: error.message,
              failure: isFailure(error.details) ? error.details : null,
            }
          : { code: 'INTERNAL', message: (error as Error).message, failure: null };
    } finally {
      this.resolving[profile] = false;
    }
  }

  /** Says what the last export did, for the card to show ("Copied bash lines…"). */
  exported = $state<Record<string, string>>({});

  /** Main resolves, formats and writes the clipboard; nothing secret comes back here. */
  async copyExport(
    profile: string,
    format: 'bash' | 'powershell' | 'fish' | 'credential-process',
  ): Promise<void> {
    try {
      const { expiresAt } = await this.#api.credentials.copyExport({ profile, format });
      this.exported[profile] =
        `Copied ${format} export to the clipboard` +
        (expiresAt ? `; valid until ${TIME.format(expiresAt)}.` : '.');
    } catch (error) {
      this.exported[profile] = (error as Error).message;
    }
  }

  /** Says what the last "Open AWS console" did; the sign-in URL itself never comes here. */
  consoleStatus = $state<Record<string, string>>({});

  /** The AppSync console as this profile; one API of it when its id (and region) are known. */
  async openConsole(profile: string, api?: { apiId: string; region: string }): Promise<void> {
    this.consoleStatus[profile] = 'Signing in to the AWS console…';
    try {
      const opened = await this.#api.console.open({ profile, service: 'appsync', ...api });
      this.consoleStatus[profile] =
        `Opened the AppSync console (${opened.region}) in your browser.`;
    } catch (error) {
      this.consoleStatus[profile] = (error as Error).message;
    }
  }

  async forget(profile: string): Promise<void> {
    await this.#api.credentials.forget({ profile });
    delete this.identities[profile];
    delete this.failures[profile];
  }
}

function isFailure(details: unknown): details is CredentialFailureDTO {
  return (
    typeof details === 'object' && details !== null && 'next' in details && 'profile' in details
  );
}

/** "54:12" or "3 h 02 min": how long credentials that expire at `expiresAt` have left. */
export function timeLeft(expiresAt: number, now: number): string {
  const seconds = Math.max(0, Math.round((expiresAt - now) / 1000));
  if (seconds >= 3600) {
    const minutes = Math.floor((seconds % 3600) / 60);
    return `${Math.floor(seconds / 3600)} h ${String(minutes).padStart(2, '0')} min`;
  }
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

export function provideCredentials(state: CredentialsState): CredentialsState {
  return setContext(KEY, state);
}

export function useCredentials(): CredentialsState {
  const state = getContext<CredentialsState | undefined>(KEY);
  if (!state) throw new Error('useCredentials() needs provideCredentials() in a parent component');
  return state;
}
