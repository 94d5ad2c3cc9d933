/**
 * Electron security lint (Electronegativity) over the desktop shell's own sources, transpiled to
 * JavaScript first (its bundled parser predates today's TypeScript; comments are kept so its
 * `eng-disable` reviews stay on their lines), plus the renderer's HTML for the CSP check. Fails on
 * any finding above informational. A smoke check: the Electron security checklist is the bar.
 */
import ts from 'typescript';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));

// The tool fetches fresh translations from the internet at start; this machine has none, and a
// test run should not try. Its bundled en-US strings are what we read anyway.
const gotPath = require.resolve('got', { paths: [toolDir] });
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: { __esModule: true, default: () => Promise.reject(new Error('offline')) },
} as unknown as NodeJS.Module;
const run = require('@doyensec/electronegativity') as (options: object) => Promise<{
  errors: unknown[];
  issues: Array<{
    id: string;
    file: string;
    location: { line: number; column: number };
    severity: { name: string; value: number };
    confidence: { name: string };
    description: string;
  }>;
}>;

const work = await mkdtemp(join(tmpdir(), 'awb-electronegativity-'));
try {
  const sources = join(root, 'main', 'electron');
  const out = join(work, 'app');
  await mkdir(out, { recursive: true });
  await writeFile(
    join(out, 'package.json'),
    JSON.stringify({
      name: 'appsync-workbench',
      main: 'main.js',
      devDependencies: { electron: '45.5.0' },
    }),
  );
  for (const name of await readdir(sources)) {
    if (!name.endsWith('.ts')) continue;
    const { outputText } = ts.transpileModule(await readFile(join(sources, name), 'utf8'), {
      compilerOptions: {
        target: ts.ScriptTarget.ES2020,
        module: ts.ModuleKind.ESNext,
        removeComments: false,
        verbatimModuleSyntax: false,
      },
    });
    await writeFile(join(out, name.replace(/\.ts$/, '.js')), outputText);
  }
  await writeFile(join(out, 'index.html'), await readFile(join(root, 'renderer', 'index.html')));
  const result = await run({
    input: out,
    electronVersionOverride: '45.5.0',
    // That check downloads Electron's release list; versions are pinned in package.json instead.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  const serious = result.issues.filter((issue) => issue.severity.value > 0);
  for (const issue of result.issues) {
    console.log(
      `${issue.severity.name.padEnd(13)} ${issue.id} ${issue.file}:${issue.location.line} (${issue.confidence.name})`,
    );
  }
  if (result.errors.length > 0) console.log(`parse errors: ${JSON.stringify(result.errors)}`);
  console.log(
    `electronegativity: ${result.issues.length} finding(s), ${serious.length} above informational`,
  );
  if (serious.length > 0 || result.errors.length > 0) process.exitCode = 1;
} finally {
  await rm(work, { recursive: true, force: true });
}
