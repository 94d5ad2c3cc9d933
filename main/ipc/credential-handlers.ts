/** Credential methods over the current core. Secrets stay in main: export goes to the clipboard. */
import type { credentialMethods } from '../../shared/contract/credential-methods.ts';
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
        const { text, expiresAt } = await core().credentials.terminalExport(profile, format, {
          signal,
        });
        await deps.clipboard.writeText(text);
        return { copied: true as const, expiresAt };
      }),
    'credentials.forget': async ({ profile }) => {
      core().credentials.forget(profile);
      return null;
    },
  };
}
