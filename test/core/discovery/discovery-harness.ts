/**
 * An ApiDiscovery with the `ops` profile's static keys (moto's), its AWS config files in
 * `homeDir` (none there by default) and the given environment: how the discovery tests and the
 * cross-check against moto (test/cross-check/discovery) point it at a control plane.
 */
import { join } from 'node:path';
import { ApiDiscovery } from '../../../main/core/discovery/api-discovery.ts';
import type { CoreEnvironment } from '../../../main/core/environment.ts';
import { MOTO_KEYS } from '../../support/moto-server.ts';
import { StaticCredentialSource } from '../requests/support/static-credential-source.ts';

const credentials = new StaticCredentialSource({ ops: { credentials: [MOTO_KEYS] } });

export function discovery(env: Record<string, string>, homeDir = '/nonexistent'): ApiDiscovery {
  const environment: CoreEnvironment = {
    env: {
      AWS_CONFIG_FILE: join(homeDir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(homeDir, 'credentials'),
      ...env,
    },
    homeDir,
    dataDir: homeDir,
  };
  return new ApiDiscovery({ environment, credentials });
}
