/**
 * Creating, moving and deleting requests and folders inside a collection folder, as file
 * operations. Nothing is ever replaced: a target that already exists is a COLLECTION_CONFLICT.
 * Every path goes through the collection's boundary: nothing is created, moved or deleted
 * through a link that leads outside the folder.
 */
import { cp, lstat, mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors.ts';
import { collectionEntry } from './collection-boundary.ts';
import { requestFiles, requestIdFor, safeSegments } from './collection-files.ts';

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/** Whether request `id` has its document in the collection. */
export async function requestExists(root: string, id: string): Promise<boolean> {
  return exists(await collectionEntry(root, requestFiles(id).graphql));
}

/** Creates the folder `name` in `parentId` and returns its id. */
export async function createFolder(root: string, parentId: string, name: string): Promise<string> {
  const id = requestIdFor(parentId, name);
  const path = await collectionEntry(root, id);
  if (await exists(path))
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

/** A request's two files as entries to move or delete (see `collectionEntry`). */
async function requestEntries(root: string, id: string) {
  const files = requestFiles(id);
  return {
    graphql: await collectionEntry(root, files.graphql),
    sidecar: await collectionEntry(root, files.sidecar),
  };
}

export async function moveRequestFiles(root: string, from: string, to: string): Promise<void> {
  const source = await requestEntries(root, from);
  const target = await requestEntries(root, to);
  if (!(await exists(source.graphql)))
    throw new AppError('NOT_FOUND', `The request ${from} is not in ${root}.`);
  if (await exists(target.graphql))
    throw new AppError('COLLECTION_CONFLICT', `A request ${to} already exists.`, { id: to });
  await mkdir(dirname(target.graphql), { recursive: true });
  if (await exists(source.sidecar)) await rename(source.sidecar, target.sidecar);
  await rename(source.graphql, target.graphql);
}

export async function deleteRequestFiles(root: string, id: string): Promise<void> {
  const files = await requestEntries(root, id);
  if (!(await exists(files.graphql)))
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
  const from = await collectionEntry(root, safeSegments(id).join('/'));
  const to = await collectionEntry(root, safeSegments(target).join('/'));
  if (await exists(to))
    throw new AppError('COLLECTION_CONFLICT', `${target} already exists in ${root}.`, {
      id: target,
    });
  await mkdir(dirname(to), { recursive: true });
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
  await rm(await collectionEntry(root, segments.join('/')), { recursive: true, force: true });
}
