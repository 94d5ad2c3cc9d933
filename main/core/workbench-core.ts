/** Builds the core's services for one environment. Every host (desktop, web, CLI) starts here. */
import type { CoreEnvironment } from './environment.ts';
import { ProfileService } from './profiles/profile-service.ts';
import { SettingsStore } from './settings/settings-store.ts';

export interface WorkbenchCore {
  environment: CoreEnvironment;
  settings: SettingsStore;
  profiles: ProfileService;
}

export function createWorkbenchCore(environment: CoreEnvironment): WorkbenchCore {
  const settings = new SettingsStore(environment.dataDir);
  return { environment, settings, profiles: new ProfileService(environment, settings) };
}
