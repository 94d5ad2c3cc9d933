/**
 * Watches a collection folder (recursively where the platform supports it) and reports the
 * paths that changed, in debounced batches: a `git pull` touching 200 files is one batch.
 */
import { watch, type FSWatcher } from 'node:fs';

export interface FolderWatcher {
  close(): void;
}

export function watchFolder(
  folder: string,
  debounceMs: number,
  onBatch: (paths: string[]) => void,
): FolderWatcher | null {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | null = null;
  let watcher: FSWatcher;
  try {
    watcher = watch(folder, { recursive: true, persistent: false }, (_event, filename) => {
      if (filename === null) return;
      pending.add(filename.toString().split('\\').join('/'));
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const paths = [...pending];
        pending.clear();
        onBatch(paths);
      }, debounceMs);
    });
  } catch {
    // No recursive watching here: the collection still works, changes show on reopen.
    return null;
  }
  watcher.on('error', () => watcher.close());
  return {
    close() {
      if (timer) clearTimeout(timer);
      watcher.close();
    },
  };
}
