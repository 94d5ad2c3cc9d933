/** Collection methods over the current core. Input arrives validated by the router. */
import type { collectionMethods } from '../../shared/contract/collection-methods.ts';
import { requestIdFor } from '../core/collections/collection-store.ts';
import type { WorkbenchCore } from '../core/workbench-core.ts';
import type { OperationRegistry } from './operations.ts';
import type { DomainHandlers } from './router.ts';
import { forRenderer } from './result-for-renderer.ts';

export function collectionHandlers(
  core: () => WorkbenchCore,
  operations: OperationRegistry,
): DomainHandlers<typeof collectionMethods> {
  const store = (folder: string) => core().collections.store(folder);
  return {
    'collections.list': () => core().collections.list(),
    'collections.open': ({ folder }) => core().collections.open(folder),
    'collections.recent': () => core().collections.recent(),
    'collections.forgetRecent': ({ folder }) => core().collections.forgetRecent(folder),
    'collections.close': async ({ folder }) => {
      await core().collections.closeFolder(folder);
      return null;
    },
    'collections.tree': async ({ folder }) => (await store(folder)).tree(),
    'collections.read': async ({ folder, id }) => (await store(folder)).read(id),
    'collections.save': async ({ folder, id, parent, draft, baseVersion }) =>
      (await store(folder)).save(id ?? requestIdFor(parent ?? '', draft.name), draft, baseVersion),
    'collections.createFolder': async ({ folder, parent, name }) => ({
      id: await (await store(folder)).createFolder(parent, name),
    }),
    'collections.rename': async ({ folder, kind, id, name }) => {
      const collection = await store(folder);
      return {
        id:
          kind === 'folder'
            ? await collection.renameFolder(id, name)
            : await collection.renameRequest(id, name),
      };
    },
    'collections.move': async ({ folder, kind, id, to }) => {
      const collection = await store(folder);
      return {
        id:
          kind === 'folder'
            ? await collection.moveFolder(id, to)
            : await collection.moveRequest(id, to),
      };
    },
    'collections.duplicate': async ({ folder, id }) => ({
      id: await (await store(folder)).duplicateRequest(id),
    }),
    'collections.delete': async ({ folder, kind, id }) => {
      const collection = await store(folder);
      if (kind === 'folder') await collection.deleteFolder(id);
      else await collection.deleteRequest(id);
      return null;
    },
    'collections.environments': async ({ folder }) => (await store(folder)).environments(),
    'collections.setVariable': async ({ folder, environment, name, value, secret }) => {
      const collection = await store(folder);
      await collection.setVariable(environment, name, value, secret);
      return collection.environments();
    },
    'collections.removeVariable': async ({ folder, environment, name }) => {
      const collection = await store(folder);
      await collection.removeVariable(environment, name);
      return collection.environments();
    },
    'collections.import': ({ file, folder, environmentFiles }) =>
      core().collections.importFile(file, folder, environmentFiles),
    'collections.export': ({ folder, file }) => core().collections.exportTo(folder, file),
    'collections.run': ({ folder, id, environment, profile, timeoutMs, operationId, edits }) =>
      operations.run(operationId, async (signal) =>
        forRenderer(
          await core().collections.run(
            folder,
            id,
            {
              environment,
              signal,
              accountOf: (name) => (name ? core().credentials.knownAccount(name) : null),
              ...(edits ? { edits } : {}),
              ...(profile ? { profile } : {}),
              ...(timeoutMs ? { timeoutMs } : {}),
            },
            core().requests,
          ),
        ),
      ),
  };
}
