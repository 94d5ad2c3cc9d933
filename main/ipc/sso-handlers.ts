/** IAM Identity Center methods over the current core. Tokens stay in main's SSO cache. */
import type { ssoMethods } from '../../shared/contract/sso-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function ssoHandlers({ core, operations }: HandlerDeps): DomainHandlers<typeof ssoMethods> {
  return {
    'sso.sessions': () => core().sso.sessions(),
    'sso.login': ({ target, flow, operationId }) =>
      operations.run(operationId, (signal) => core().sso.login(target, { flow, signal })),
    'sso.logout': async ({ target }) => {
      await core().sso.logout(target);
      return null;
    },
    'sso.accounts': ({ target, operationId }) =>
      operations.run(operationId, (signal) => core().sso.listAccounts(target, { signal })),
  };
}
