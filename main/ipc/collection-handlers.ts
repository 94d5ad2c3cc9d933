/** Collection methods over the current core. Input arrives validated by the router. */
import type { collectionMethods } from '../../shared/contract/collection-methods.ts';
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
      (await store(folder)).saveDraft(id, parent, draft, baseVersion),
    'collections.createFolder': async ({ folder, parent, name }) => ({
      id: await (await store(folder)).createFolder(parent, name),
    }),
    'collections.rename': async ({ folder, kind, id, name }) => ({
      id: await (await store(folder)).rename(kind, id, name),
    }),
    'collections.move': async ({ folder, kind, id, to }) => ({
      id: await (await store(folder)).move(kind, id, to),
    }),
    'collections.duplicate': async ({ folder, id }) => ({
      id: await (await store(folder)).duplicateRequest(id),
    }),
    'collections.delete': async ({ folder, kind, id }) => {
      await (await store(folder)).remove(kind, id);
      return null;
    },
    'collections.environments': async ({ folder }) => (await store(folder)).environments(),
    'collections.setVariable': async ({ folder, environment, name, value, secret }) =>
      (await store(folder)).setVariable(environment, name, value, secret),
    'collections.removeVariable': async ({ folder, environment, name }) =>
      (await store(folder)).removeVariable(environment, name),
    'collections.import': ({ file, folder, environmentFiles }) =>
      core().collections.importFile(file, folder, environmentFiles),
    'collections.export': ({ folder, file }) => core().collections.exportTo(folder, file),
    'collections.run': ({ folder, id, environment, profile, timeoutMs, operationId, edits }) =>
      operations.run(operationId, async (signal) =>
        forRenderer(
          await core().runSaved(folder, id, {
            environment,
            signal,
            ...(edits ? { edits } : {}),
            ...(profile ? { profile } : {}),
            ...(timeoutMs ? { timeoutMs } : {}),
          }),
        ),
      ),
  };
}
