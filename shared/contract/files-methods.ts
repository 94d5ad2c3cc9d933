/**
 * Picking a folder or an export file without typing its path: the desktop's own dialog, or
 * (where there is none: the web host) a browser of the folders under the user's home.
 */
import * as z from '../zod.ts';
import type { FolderListingDTO } from '../files.ts';
import { absolutePath } from './collection-methods.ts';
import { returns } from './common.ts';

const kind = z.enum(['folder', 'file']);

export const filesMethods = {
  /**
   * The host's own picker (Electron's open dialog). `native: false` where the host has none:
   * the renderer then shows its folder browser (`files.listFolders`).
   */
  'files.pick': {
    input: z.strictObject({
      kind,
      title: z.string().check(z.maxLength(200, 'a title is at most 200 characters')),
    }),
    output: returns<{ native: boolean; path: string | null }>(),
  },
  /**
   * The sub-folders of `path` (null: the home folder), and its `.json` files when `kind` is
   * `file`. Only folders under the user's home can be listed; names only, never contents.
   */
  'files.listFolders': {
    input: z.strictObject({
      path: z.nullable(absolutePath('the folder to list')),
      kind: z.optional(kind),
      showHidden: z.optional(z.boolean()),
    }),
    output: returns<FolderListingDTO>(),
  },
} as const;
