/** The workspace (the user's files or the demo) and the app's own facts, from the host. */
import type { workspaceMethods } from '../../shared/contract/workspace-methods.ts';
import type { HandlerDeps } from './handler-deps.ts';
import type { DomainHandlers } from './router.ts';

export function workspaceHandlers({
  workspace,
  app,
}: HandlerDeps): DomainHandlers<typeof workspaceMethods> {
  return {
    'workspace.get': () => workspace.get(),
    'workspace.openDemo': () => workspace.openDemo(),
    'workspace.leaveDemo': () => workspace.leaveDemo(),
    'workspace.dismissVaultNotice': () => workspace.dismissVaultNotice(),
    'app.info': async () => app,
  };
}
