/**
 * `appsync-workbench import <export.json> <collection-dir> [--environment F]... [--json]`:
 * turns a Postman v2.1 or Insomnia v4 export into a collection folder. Secrets found in the
 * export go to this machine's vault (API keys, tokens) or are dropped (AWS keys); the report
 * printed says which, so nothing disappears silently. The folder is also opened in the app.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImportReportDTO } from '../../../shared/collections.ts';
import { UsageError, type CliContext } from '../cli-context.ts';
import { EXIT } from '../exit-codes.ts';

const OPTIONS = {
  environment: { type: 'string', multiple: true },
  json: { type: 'boolean' },
} as const;

export async function importCommand(args: string[], cli: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [file, folder, ...extra] = positionals;
  if (!file || !folder || extra.length)
    throw new UsageError('import takes an export file and a collection folder.');
  const [{ CollectionsService }, { FileVault }] = await Promise.all([
    import('../../core/collections/collections-service.ts'),
    import('../../core/vault/file-vault.ts'),
  ]);
  const service = new CollectionsService({
    dataDir: cli.environment.dataDir,
    vault: new FileVault(cli.environment.dataDir),
    watch: false,
  });
  try {
    const { report, tree } = await service.importFile(
      resolve(file),
      resolve(folder),
      (values.environment ?? []).map((f) => resolve(f)),
    );
    cli.out(
      values.json
        ? JSON.stringify({ folder: tree.folder, ...report })
        : describe(report, tree.folder),
    );
  } finally {
    service.close();
  }
  return EXIT.ok;
}

function describe(report: ImportReportDTO, folder: string): string {
  const lines = [
    `Imported "${report.collectionName}" (${report.format}) into ${folder}:`,
    `  ${report.requests} requests, ${report.folders} folders` +
      (report.environments.length ? `, environments: ${report.environments.join(', ')}` : ''),
  ];
  if (report.vaulted.length) {
    lines.push('Moved to the vault (secret variables, never written to the folder):');
    for (const v of report.vaulted) lines.push(`  {{${v.variable}}} from ${v.where}`);
  }
  if (report.dropped.length) {
    lines.push('Not imported:');
    for (const d of report.dropped) lines.push(`  ${d.where}: ${d.what} — ${d.reason}`);
  }
  if (report.review?.length) {
    lines.push('To review before running:');
    for (const r of report.review) lines.push(`  ${r.where}: ${r.what} — ${r.reason}`);
  }
  return lines.join('\n');
}
