/**
 * Which workspace the workbench serves (the user's ~/.aws or the demo sandbox), remembered in
 * `workspace.json` so a restart reopens the same one. Its own file: the user's settings store
 * keeps its own cache, and two writers of one file would undo each other.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.ts';

export type WorkspaceKind = 'user' | 'demo';

export async function readWorkspaceChoice(dataDir: string): Promise<WorkspaceKind> {
  try {
    const saved = JSON.parse(await readFile(join(dataDir, 'workspace.json'), 'utf8')) as {
      kind?: unknown;
    };
    return saved.kind === 'demo' ? 'demo' : 'user';
  } catch {
    return 'user';
  }
}

export async function saveWorkspaceChoice(dataDir: string, kind: WorkspaceKind): Promise<void> {
  await writeFileAtomic(join(dataDir, 'workspace.json'), JSON.stringify({ kind }) + '\n');
}
