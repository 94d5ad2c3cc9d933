/** The workspace (the user's ~/.aws or the demo sandbox) and the app itself. */
import * as z from '../zod.ts';
import type { WorkspaceDTO } from '../workspace.ts';
import { returns } from './common.ts';

export const workspaceMethods = {
  'workspace.get': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'workspace.openDemo': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'workspace.leaveDemo': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  /** The user has read the vault notice: it is not said again (see VaultNoticeDTO). */
  'workspace.dismissVaultNotice': {
    input: z.strictObject({}),
    output: returns<WorkspaceDTO>(),
  },
  'app.info': {
    input: z.strictObject({}),
    output: returns<{ version: string; host: 'electron' | 'web'; dataDir: string }>(),
  },
} as const;
