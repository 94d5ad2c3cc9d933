/** OIDC provider and API discovery methods over the current core. Input arrives validated. */
import { AppError } from '../../shared/errors.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { Handlers } from './router.ts';

type OidcMethod =
  | 'oidc.providers'
  | 'oidc.addProvider'
  | 'oidc.removeProvider'
  | 'oidc.login'
  | 'oidc.logout'
  | 'oidc.identity'
  | 'apis.discover';

export function oidcHandlers(deps: HandlerDeps): Pick<Handlers, OidcMethod> {
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

    'apis.discover': ({ profile, regions, operationId }) =>
      operations.run(operationId, async (signal) => {
        const chosen = profile ?? (await core().settings.get()).activeProfile;
        if (!chosen) {
          throw new AppError(
            'PROFILE_NOT_FOUND',
            'No profile is active to discover AppSync APIs with. Choose a profile in the sidebar first.',
          );
        }
        return core().discovery.listGraphqlApis(chosen, regions, {
          signal,
          onProgress: (progress) => deps.emit('apis.progress', progress),
        });
      }),
  };
}
