/** Credential methods over the current core. Secrets stay in main: export goes to the clipboard. */
import type { credentialMethods } from '../../shared/contract/credential-methods.ts';
import { exportText } from '../core/credentials/terminal-export.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function credentialHandlers(deps: HandlerDeps): DomainHandlers<typeof credentialMethods> {
  const { core, operations } = deps;
  return {
    'credentials.identity': ({ profile, operationId }) =>
      operations.run(operationId, (signal) => core().credentials.identity(profile, { signal })),
    'credentials.chain': ({ profile }) => core().credentials.chain(profile),
    'credentials.copyExport': ({ profile, format, operationId }) =>
      operations.run(operationId, async (signal) => {
        const credentials = await core().credentials.resolve(profile, { signal });
        const region = await core().credentials.region(profile);
        await deps.clipboard.writeText(exportText(credentials, format, { region }));
        return { copied: true as const, expiresAt: credentials.expiration?.getTime() ?? null };
      }),
    'credentials.forget': async ({ profile }) => {
      core().credentials.forget(profile);
      return null;
    },
  };
}
