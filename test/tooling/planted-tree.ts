/** A small source tree in a temp folder, for checking that a layer rule fires on it. */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeTempDir } from '../support/web-host-process.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Writes `files` (path → text) into a new folder that resolves the project's packages. */
export async function plantTree(label: string, files: Record<string, string>): Promise<string> {
  const dir = await makeTempDir(label);
  for (const [file, text] of Object.entries(files)) {
    await mkdir(join(dir, dirname(file)), { recursive: true });
    await writeFile(join(dir, file), text);
  }
  await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
  await writeFile(
    join(dir, 'tsconfig.main.json'),
    JSON.stringify({ compilerOptions: { allowImportingTsExtensions: true, module: 'NodeNext' } }),
  );
  return dir;
}
