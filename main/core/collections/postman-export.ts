/**
 * Exports a collection as Postman Collection v2.1 plus one Postman environment per collection
 * environment. Secret variables are exported as `type: "secret"` with an empty value: the
 * export is as safe to share as the folder itself.
 */
import { basename, dirname, extname, join } from 'node:path';
import type { CollectionFolderNode, CollectionVariableDTO } from '../../../shared/collections.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import type { CollectionStore } from './collection-store.ts';
import { assertExportName, assertReplaceable, type ExportKind } from './export-target.ts';

const SCHEMA = 'https://schema.getpostman.com/json/collection/v2.1.0/collection.json';

export interface PostmanExport {
  collection: Record<string, unknown>;
  environments: Record<string, unknown>[];
}

function variables(list: CollectionVariableDTO[]) {
  return list.map((v) =>
    v.secret
      ? { key: v.name, value: '', type: 'secret' }
      : { key: v.name, value: v.value, type: 'default' },
  );
}

export async function exportPostman(store: CollectionStore): Promise<PostmanExport> {
  const tree = await store.tree();
  const folder = async (node: CollectionFolderNode): Promise<Record<string, unknown>[]> => {
    const items: Record<string, unknown>[] = [];
    for (const child of node.children) {
      if (child.kind === 'folder') {
        items.push({ name: child.name, item: await folder(child) });
        continue;
      }
      const request = await store.read(child.id);
      const header = Object.entries(request.headers).map(([key, value]) => ({
        key,
        value,
        type: 'text',
      }));
      let auth: Record<string, unknown> | undefined;
      if (request.auth?.type === 'AWS_IAM') {
        auth = {
          type: 'awsv4',
          awsv4: [
            { key: 'region', value: request.auth.region ?? '', type: 'string' },
            { key: 'service', value: request.auth.service ?? 'appsync', type: 'string' },
          ],
        };
      } else if (request.auth?.type === 'API_KEY') {
        auth = {
          type: 'apikey',
          apikey: [
            { key: 'key', value: 'x-api-key', type: 'string' },
            { key: 'value', value: request.auth.value, type: 'string' },
            { key: 'in', value: 'header', type: 'string' },
          ],
        };
      } else if (request.auth) {
        // AppSync takes the raw token in Authorization, without Postman's "Bearer " prefix.
        header.push({ key: 'Authorization', value: request.auth.value, type: 'text' });
      }
      items.push({
        name: request.name,
        request: {
          method: 'POST',
          header: [{ key: 'Content-Type', value: 'application/json', type: 'text' }, ...header],
          ...(auth ? { auth } : {}),
          body: {
            mode: 'graphql',
            graphql: {
              query: request.query,
              variables: JSON.stringify(request.variables, null, 2),
            },
          },
          url: { raw: request.url ?? '' },
        },
        response: [],
      });
    }
    return items;
  };
  const { variables: base, environments } = await store.environments();
  return {
    collection: {
      info: { name: tree.name, schema: SCHEMA },
      item: await folder(tree.root),
      variable: variables(base),
    },
    environments: environments.map((env) => ({
      name: env.name,
      values: variables(env.variables).map((v) => ({ ...v, enabled: true })),
      _postman_variable_scope: 'environment',
    })),
  };
}

/**
 * Writes the export: the collection to `file`, each environment beside it as
 * `<name>.<environment>.postman_environment.json`. Every target is checked before the first
 * is written (see export-target.ts). Returns the files written.
 */
export async function writePostmanExport(store: CollectionStore, file: string): Promise<string[]> {
  assertExportName(file);
  const exported = await exportPostman(store);
  const stem = join(dirname(file), basename(file, extname(file)));
  const targets: { path: string; kind: ExportKind; json: unknown }[] = [
    { path: file, kind: 'collection', json: exported.collection },
    ...exported.environments.map((environment) => ({
      path: `${stem}.${String(environment.name).replace(/[^\w.-]+/g, '-')}.postman_environment.json`,
      kind: 'environment' as const,
      json: environment,
    })),
  ];
  for (const target of targets) await assertReplaceable(target.path, target.kind);
  for (const target of targets)
    await writeFileAtomic(target.path, JSON.stringify(target.json, null, 2) + '\n', 0o644);
  return targets.map((target) => target.path);
}
