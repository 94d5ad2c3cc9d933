/** What `appsync-workbench run <path>` names: a collection folder, a folder in it, or a request. */
import { stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { CollectionFolderNode } from '../../../shared/collections.ts';
import { UsageError } from '../cli-context.ts';

const isFolder = (path: string) =>
  stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
const isFile = (path: string) =>
  stat(path).then(
    (s) => s.isFile(),
    () => false,
  );

/** The collection a path belongs to: the nearest folder up holding collection.json. */
async function collectionRoot(start: string): Promise<string | null> {
  for (let dir = start; ; dir = dirname(dir)) {
    if (await isFile(join(dir, 'collection.json'))) return dir;
    if (dirname(dir) === dir) return null;
  }
}

/** What the path names: a folder of requests, or one request (with or without `.graphql`). */
export async function runTarget(
  path: string,
): Promise<{ root: string; folder: string; request?: string }> {
  const absolute = resolve(path.replace(/\.(graphql|request\.json)$/, ''));
  if (await isFolder(absolute)) {
    const root = (await collectionRoot(absolute)) ?? absolute;
    return { root, folder: toId(relative(root, absolute)) };
  }
  if (await isFile(`${absolute}.graphql`)) {
    const root = (await collectionRoot(dirname(absolute))) ?? dirname(absolute);
    const id = toId(relative(root, absolute));
    return { root, folder: toId(dirname(id)), request: id };
  }
  throw new UsageError(`${path} is neither a collection folder nor a saved request.`);
}

const toId = (path: string) => (path === '.' ? '' : path.split(sep).join('/'));

/** Every request under a folder, depth first, in the tree's order. */
export function requestIds(node: CollectionFolderNode): string[] {
  return node.children.flatMap((child) =>
    child.kind === 'folder' ? requestIds(child) : [child.id],
  );
}

export function findFolder(node: CollectionFolderNode, id: string): CollectionFolderNode | null {
  if (node.id === id) return node;
  for (const child of node.children) {
    if (child.kind !== 'folder') continue;
    const found = findFolder(child, id);
    if (found) return found;
  }
  return null;
}
