/**
 * Reads a collection folder into a tree, noting each request's version and any broken file. A
 * link is followed while it stays inside the folder (collection-boundary.ts); one leading
 * outside, or back to a folder it sits in, is a problem instead.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CollectionFolderNode,
  CollectionNode,
  CollectionProblemDTO,
} from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import { followLink } from './collection-boundary.ts';
import {
  GRAPHQL_EXT,
  SIDECAR_EXT,
  parseRequest,
  readRequestText,
  requestVersion,
} from './collection-files.ts';
import { operationTypeOf } from '../requests/operation-type.ts';

export interface ScannedTree {
  root: CollectionFolderNode;
  problems: CollectionProblemDTO[];
  versions: Map<string, string>;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export async function scanCollection(folder: string): Promise<ScannedTree> {
  const problems: CollectionProblemDTO[] = [];
  const versions = new Map<string, string>();
  const problem = (file: string, error: unknown): null => {
    if (!(error instanceof AppError)) throw error;
    const details = error.details as { file?: unknown } | undefined;
    problems.push({
      file: typeof details?.file === 'string' ? details.file : file,
      message: error.message,
    });
    return null;
  };

  /** What an entry is, a link judged by where it leads; null: not part of the tree. */
  async function kindOf(entry: Dirent, file: string, above: string[]) {
    if (!entry.isSymbolicLink()) {
      return entry.isDirectory() ? { folder: true, real: null } : { folder: false, real: null };
    }
    const target = await followLink(folder, file).catch((error: unknown) => problem(file, error));
    if (target === null) return null;
    if (target.folder && above.includes(target.path)) {
      problems.push({
        file,
        message: `${file} is a link to a folder it is itself in; not read (it would repeat forever).`,
      });
      return null;
    }
    return { folder: target.folder, real: target.path };
  }

  async function scan(id: string, name: string, above: string[]): Promise<CollectionFolderNode> {
    const here = above[above.length - 1]!;
    const entries = await readdir(here, { withFileTypes: true });
    const folders: Promise<CollectionFolderNode>[] = [];
    const stems = new Set<string>();
    const sidecars = new Set<string>();
    const kinds = await Promise.all(
      entries.map(async (entry) =>
        // Dot entries: .git, editor swap files, our own temp files mid-write.
        entry.name.startsWith('.')
          ? null
          : kindOf(entry, id ? `${id}/${entry.name}` : entry.name, above),
      ),
    );
    entries.forEach((entry, i) => {
      const kind = kinds[i];
      if (!kind) return;
      if (kind.folder) {
        if (entry.name !== 'node_modules') {
          const real = kind.real ?? join(here, entry.name);
          folders.push(scan(id ? `${id}/${entry.name}` : entry.name, entry.name, [...above, real]));
        }
      } else if (entry.name.endsWith(SIDECAR_EXT)) {
        sidecars.add(entry.name.slice(0, -SIDECAR_EXT.length));
      } else if (entry.name.endsWith(GRAPHQL_EXT)) {
        stems.add(entry.name.slice(0, -GRAPHQL_EXT.length));
      }
    });
    for (const stem of sidecars) {
      if (!stems.has(stem)) {
        problems.push({
          file: `${id ? `${id}/` : ''}${stem}${SIDECAR_EXT}`,
          message: `No ${stem}${GRAPHQL_EXT} beside it: restore the document or delete this file.`,
        });
      }
    }
    const requests = await Promise.all(
      [...stems].map(async (stem): Promise<CollectionNode | null> => {
        const requestId = id ? `${id}/${stem}` : stem;
        try {
          const text = await readRequestText(folder, requestId);
          const graphql = text?.graphql ?? '';
          const sidecar = text?.sidecar ?? null;
          versions.set(requestId, requestVersion(graphql, sidecar));
          const request = parseRequest(stem, graphql, sidecar, `${requestId}${SIDECAR_EXT}`);
          return {
            kind: 'request',
            id: requestId,
            name: request.name,
            operationType: operationTypeOf(graphql),
          };
        } catch (error) {
          return problem(`${requestId}${SIDECAR_EXT}`, error);
        }
      }),
    );
    const children: CollectionNode[] = [
      ...(await Promise.all(folders)).sort((a, b) => byName.compare(a.name, b.name)),
      ...requests
        .filter((node): node is CollectionNode => node !== null)
        .sort((a, b) => byName.compare(a.name, b.name)),
    ];
    return { kind: 'folder', id, name, children };
  }

  const root = await scan('', '', [await realpath(folder)]);
  return { root, problems, versions };
}
