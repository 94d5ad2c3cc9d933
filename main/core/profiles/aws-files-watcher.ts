/**
 * One watcher of `~/.aws` for the whole core: the config and credentials files (wherever
 * `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` put them) and the SSO token cache.
 * Subscribers get one debounced batch of what changed. It watches folders, not files, because
 * editors save by writing a new file and renaming it over the old one; a folder that does not
 * exist yet (no `~/.aws` on a fresh machine) is waited for by watching the nearest folder above
 * it that does, and a folder that is removed is waited for again.
 */
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { CoreEnvironment } from '../environment.ts';
import { awsFilePaths, ssoCacheDir } from './aws-files.ts';

/** What changed: the profiles' files, or the SSO token cache. */
export type AwsFileKind = 'profiles' | 'sso-cache';

export type AwsFilesListener = (kinds: ReadonlySet<AwsFileKind>) => void;

export interface AwsFilesWatcher {
  /** Starts watching with the first subscriber and stops after the last one leaves. */
  subscribe(listener: AwsFilesListener): () => void;
  close(): void;
}

/** Long enough that an editor's save (temp file, rename) or a `git pull` is one batch. */
const DEBOUNCE_MS = 150;

export function watchAwsFiles(
  environment: Pick<CoreEnvironment, 'env' | 'homeDir'>,
  options: { debounceMs?: number } = {},
): AwsFilesWatcher {
  const paths = awsFilePaths(environment);
  const targets = new Map<string, Array<{ kind: AwsFileKind; file: string | null }>>();
  const add = (dir: string, kind: AwsFileKind, file: string | null) =>
    targets.set(dir, [...(targets.get(dir) ?? []), { kind, file }]);
  add(dirname(paths.configFile), 'profiles', basename(paths.configFile));
  add(dirname(paths.credentialsFile), 'profiles', basename(paths.credentialsFile));
  add(ssoCacheDir(environment.homeDir), 'sso-cache', null);

  const listeners = new Set<AwsFilesListener>();
  const pending = new Set<AwsFileKind>();
  let timer: NodeJS.Timeout | undefined;
  let stops: Array<() => void> = [];

  const changed = (kind: AwsFileKind) => {
    pending.add(kind);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const kinds = new Set(pending);
      pending.clear();
      for (const listener of [...listeners]) listener(kinds);
    }, options.debounceMs ?? DEBOUNCE_MS);
  };
  const start = () => {
    stops = [...targets].map(([dir, wanted]) =>
      watchFolder(dir, (file) => {
        for (const { kind, file: name } of wanted) {
          // No name (the folder itself came or went): anything in it may have changed.
          if (file === null || name === null || file === name) changed(kind);
        }
      }),
    );
  };
  const stop = () => {
    clearTimeout(timer);
    pending.clear();
    for (const stopOne of stops) stopOne();
    stops = [];
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) start();
      return () => {
        if (listeners.delete(listener) && listeners.size === 0) stop();
      };
    },
    close() {
      listeners.clear();
      stop();
    },
  };
}

/**
 * Reports the names of entries that change in `dir` (null: the folder itself appeared or
 * vanished). While `dir` is missing, the nearest existing folder above it is watched for the
 * next step of the path.
 */
function watchFolder(dir: string, onChange: (file: string | null) => void): () => void {
  let watcher: FSWatcher | null = null;
  let closed = false;

  const arm = () => {
    watcher?.close();
    watcher = null;
    if (closed) return;
    let target = dir;
    while (!existsSync(target)) {
      const parent = dirname(target);
      if (parent === target) return;
      target = parent;
    }
    const waiting = target !== dir;
    const next = relative(target, dir).split(sep)[0] ?? '';
    try {
      watcher = watch(target, { persistent: false }, (_event, file) => {
        const name = file === null ? null : String(file);
        if (waiting) {
          if (name !== null && name !== next) return;
          // One step nearer (or there): watch from there, and report if the folder is here.
          arm();
          if (existsSync(dir)) onChange(null);
        } else if (!existsSync(dir)) {
          arm();
          onChange(null);
        } else {
          onChange(name);
        }
      });
      // A watched folder that is removed errors on some platforms: wait for it again.
      watcher.on('error', () => setImmediate(arm));
    } catch {
      // Unwatchable (no permission, no watches left): the files are still read afresh when asked.
      return;
    }
    // The next step may have appeared between the check and the watch.
    if (waiting && existsSync(join(target, next))) {
      arm();
      if (existsSync(dir)) onChange(null);
    }
  };
  arm();
  return () => {
    closed = true;
    watcher?.close();
    watcher = null;
  };
}
