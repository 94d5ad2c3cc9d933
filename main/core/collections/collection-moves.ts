/**
 * Creating, moving and deleting requests and folders inside a collection folder, as file
 * operations. Nothing is ever replaced: a target that already exists is a COLLECTION_CONFLICT.
 */
import { cp, mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { requestFiles, requestIdFor, safeSegments } from './collection-files.ts';

export async function pathExists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** Creates the folder `name` in `parentId` and returns its id. */
export async function createFolder(root: string, parentId: string, name: string): Promise<string> {
  const id = requestIdFor(parentId, name);
  const path = join(root, ...safeSegments(id));
  if (await pathExists(path))
    throw new AppError('COLLECTION_CONFLICT', `${id} already exists in ${root}.`, { id });
  await mkdir(path, { recursive: true });
  return id;
}

/** The id request `id` gets when moved into `toFolderId` (it keeps its file name). */
export function requestMoveTarget(id: string, toFolderId: string): string {
  const segments = safeSegments(id);
  return toFolderId
    ? `${safeSegments(toFolderId).join('/')}/${segments[segments.length - 1]}`
    : segments[segments.length - 1]!;
}

export async function moveRequestFiles(root: string, from: string, to: string): Promise<void> {
  const source = requestFiles(root, from);
  const target = requestFiles(root, to);
  if (!(await pathExists(source.graphql)))
    throw new AppError('NOT_FOUND', `The request ${from} is not in ${root}.`);
  if (await pathExists(target.graphql))
    throw new AppError('COLLECTION_CONFLICT', `A request ${to} already exists.`, { id: to });
  await mkdir(join(target.graphql, '..'), { recursive: true });
  if (await pathExists(source.sidecar)) await rename(source.sidecar, target.sidecar);
  await rename(source.graphql, target.graphql);
}

export async function deleteRequestFiles(root: string, id: string): Promise<void> {
  const files = requestFiles(root, id);
  if (!(await pathExists(files.graphql)))
    throw new AppError('NOT_FOUND', `The request ${id} is not in ${root}.`);
  await rm(files.sidecar, { force: true });
  await rm(files.graphql, { force: true });
}

/** The id folder `id` gets when moved into `toParentId`; never inside itself. */
export function folderMoveTarget(id: string, toParentId: string): string {
  const segments = safeSegments(id);
  const target = requestIdFor(toParentId, segments[segments.length - 1]!);
  if (target === id || target.startsWith(`${segments.join('/')}/`)) {
    throw new AppError(
      'INVALID_INPUT',
      `A folder cannot be moved into itself (${id} → ${toParentId}).`,
    );
  }
  return target;
}

export async function moveFolderFiles(root: string, id: string, target: string): Promise<void> {
  const from = join(root, ...safeSegments(id));
  const to = join(root, ...safeSegments(target));
  if (await pathExists(to))
    throw new AppError('COLLECTION_CONFLICT', `${target} already exists in ${root}.`, {
      id: target,
    });
  await mkdir(join(to, '..'), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    // Another device (a mount inside the collection): copy, then remove the original.
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await cp(from, to, { recursive: true });
    await rm(from, { recursive: true, force: true });
  }
}

export async function deleteFolderFiles(root: string, id: string): Promise<void> {
  const segments = safeSegments(id);
  if (segments.length === 0)
    throw new AppError('INVALID_INPUT', 'The collection root cannot be deleted from here.');
  await rm(join(root, ...segments), { recursive: true, force: true });
}
