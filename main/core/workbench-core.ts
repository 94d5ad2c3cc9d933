/** Builds the core's services for one environment. Every host (desktop, web, CLI) starts here. */
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
}

export function createWorkbenchCore(environment: CoreEnvironment, ports: CorePorts): WorkbenchCore {
  const settings = new SettingsStore(environment.dataDir);
  return {
    environment,
    ports: { clock: systemClock, ...ports },
    settings,
    profiles: new ProfileService(environment, settings),
  };
}
