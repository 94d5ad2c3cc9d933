/** OIDC provider methods over the current core. Input arrives validated. */
import type { oidcMethods } from '../../shared/contract/oidc-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function oidcHandlers(deps: HandlerDeps): DomainHandlers<typeof oidcMethods> {
  const { core, operations } = deps;
  return {
    'oidc.providers': () => core().oidcProviders.list(),
    // A client secret goes to the vault inside the store; the answer only says one is held.
    'oidc.addProvider': ({ provider }) => core().oidcProviders.add(provider),
    'oidc.removeProvider': async ({ name }) => {
      await core().oidc.removeProvider(name);
      return null;
    },
    // The browser flow opens the system browser through the core's Opener; the device flow
    // shows its code through the Prompter (the renderer's prompt dialog) and opens the
    // verification page too, as that dialog tells the user it did.
    'oidc.login': ({ name, flow, operationId }) =>
      operations.run(operationId, (signal) =>
        core().oidc.login(name, { flow, signal, openBrowser: flow === 'device' }),
      ),
    'oidc.logout': ({ name }) => core().oidc.signOut(name),
    'oidc.identity': ({ name }) => core().oidc.identity(name),
  };
}
