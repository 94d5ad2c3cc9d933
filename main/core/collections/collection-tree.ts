/** Reads a collection folder into a tree, noting each request's version and any broken file. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  CollectionFolderNode,
  CollectionNode,
  CollectionProblemDTO,
} from '../../../shared/collections.ts';
import { AppError } from '../../../shared/errors.ts';
import {
  GRAPHQL_EXT,
  SIDECAR_EXT,
  operationTypeOf,
  parseRequest,
  readOptional,
  requestVersion,
} from './collection-files.ts';

export interface ScannedTree {
  root: CollectionFolderNode;
  problems: CollectionProblemDTO[];
  versions: Map<string, string>;
}

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export async function scanCollection(folder: string): Promise<ScannedTree> {
  const problems: CollectionProblemDTO[] = [];
  const versions = new Map<string, string>();

  async function scan(id: string, name: string): Promise<CollectionFolderNode> {
    const dir = join(folder, id);
    const entries = await readdir(dir, { withFileTypes: true });
    const folders: Promise<CollectionFolderNode>[] = [];
    const stems = new Set<string>();
    const sidecars = new Set<string>();
    for (const entry of entries) {
      // Dot entries: .git, editor swap files, our own temp files mid-write.
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules')
          folders.push(scan(id ? `${id}/${entry.name}` : entry.name, entry.name));
      } else if (entry.name.endsWith(SIDECAR_EXT)) {
        sidecars.add(entry.name.slice(0, -SIDECAR_EXT.length));
      } else if (entry.name.endsWith(GRAPHQL_EXT)) {
        stems.add(entry.name.slice(0, -GRAPHQL_EXT.length));
      }
    }
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
        const graphql = (await readOptional(join(dir, stem + GRAPHQL_EXT))) ?? '';
        const sidecar = sidecars.has(stem)
          ? await readOptional(join(dir, stem + SIDECAR_EXT))
          : null;
        versions.set(requestId, requestVersion(graphql, sidecar));
        try {
          const request = parseRequest(stem, graphql, sidecar, `${requestId}${SIDECAR_EXT}`);
          return {
            kind: 'request',
            id: requestId,
            name: request.name,
            operationType: operationTypeOf(graphql),
          };
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ file: `${requestId}${SIDECAR_EXT}`, message: error.message });
          return null;
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

  const root = await scan('', '');
  return { root, problems, versions };
}
