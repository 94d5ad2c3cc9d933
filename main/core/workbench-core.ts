/** Builds the core's services for one environment. Every host (desktop, web, CLI) starts here. */
import { CredentialsService } from './credentials/credentials-service.ts';
import type { CoreEnvironment } from './environment.ts';
import { systemClock, type Clock, type Opener, type Prompter, type SecretVault } from './ports.ts';
import { ProfileService } from './profiles/profile-service.ts';
import { SettingsStore } from './settings/settings-store.ts';

/** The outside world as the host provides it. */
export interface CorePorts {
  prompter: Prompter;
  opener: Opener;
  vault: SecretVault;
  clock?: Clock;
}

export interface WorkbenchCore {
  environment: CoreEnvironment;
  ports: Required<CorePorts>;
  settings: SettingsStore;
  profiles: ProfileService;
  credentials: CredentialsService;
  /** Stops the core's file watchers. */
  close(): void;
}

export function createWorkbenchCore(environment: CoreEnvironment, ports: CorePorts): WorkbenchCore {
  const settings = new SettingsStore(environment.dataDir);
  const clock = ports.clock ?? systemClock;
  const credentials = new CredentialsService({ environment, prompter: ports.prompter, clock });
  const stopCredentials = credentials.watch();
  return {
    environment,
    ports: { ...ports, clock },
    settings,
    profiles: new ProfileService(environment, settings),
    credentials,
    close: stopCredentials,
  };
}
