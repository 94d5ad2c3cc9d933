/**
 * The test layers are what their names say. The unit layer (the folders `npm run test:unit`
 * globs) needs no Python and no browser: no file there starts python3 or moto, asks for a
 * Python module, launches Chromium, or runs curl or the AWS CLI. Those tests belong in
 * test/cross-check (botocore, boto3, moto, curl, the AWS CLI) or test/e2e (Chromium). And every
 * folder of tests is run by exactly one layer's script.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = 'test/tooling/test-layers.test.ts';
const LAYERS = ['test:unit', 'test:integration', 'test:cross-check', 'test:e2e'];

/** The folders of test/ a layer's script globs: `test/{a,b}/**` or `test/a/**`. */
async function layerFolders(script: string): Promise<string[]> {
  const { scripts } = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const glob = /"test\/(\{[^}]+\}|[^/{}]+)\/\*\*\/\*\.test\.ts"/.exec(scripts[script] ?? '');
  assert.ok(glob, `package.json has no "${script}" script globbing test/<folders>`);
  return glob[1]!.replace(/^\{|\}$/g, '').split(',');
}

/** A reason the text needs Python, a browser or an outside command line tool; else null. */
function reference(text: string): string | null {
  const found: [RegExp, string][] = [
    [/\bpython3\b/, 'starts python3'],
    [/\bstartMoto\b/, 'starts moto'],
    [/\b(?:skipWithoutPython|requirePython|hasPythonModules)\b/, 'needs a Python module'],
    [/\blaunchChromium\b|\bchromium\.launch\(/, 'launches Chromium'],
    // execFile('curl', [...]), spawn('aws', [...]), run('curl', [...]), exec('aws sts ...')
    [/\(\s*['"`](?:curl|aws)['"`]\s*,\s*\[/, 'runs curl or aws'],
    [/\bexec(?:Sync)?\(\s*['"`](?:curl|aws)\s/, 'runs curl or aws'],
  ];
  for (const [pattern, why] of found) if (pattern.test(text)) return why;
  // A generated curl command handed to a shell runs curl all the same.
  const shell = /\(\s*['"`](?:ba)?sh['"`]\s*,\s*\[\s*['"`]-c['"`]/;
  if (shell.test(text) && /\b(?:copy|export)AsCode\(\s*['"`]curl['"`]/.test(text)) {
    return 'runs a generated curl command';
  }
  return null;
}

test('no file of the unit layer needs Python, a browser, curl or the AWS CLI', async () => {
  const offenders: string[] = [];
  for (const folder of await layerFolders('test:unit')) {
    const entries = await readdir(join(ROOT, 'test', folder), {
      recursive: true,
      withFileTypes: true,
    });
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const file = join(entry.parentPath, entry.name).slice(ROOT.length);
      if (file === SELF) continue;
      const why = reference(await readFile(join(ROOT, file), 'utf8'));
      if (why) offenders.push(`${file}: ${why}`);
    }
  }
  assert.deepEqual(offenders, [], 'move these to test/cross-check or test/e2e');
});

test('the check sees each way a test reaches for an outside reference', () => {
  for (const text of [
    "await run('python3', ['-c', script]);",
    'moto = await startMoto();',
    "{ skip: skipWithoutPython('botocore') }",
    "if (requirePython('botocore')) {}",
    'browser = await launchChromium();',
    "await promisify(execFile)('curl', ['-s', url]);",
    "spawn('aws', ['sts', 'get-caller-identity']);",
    "execSync('aws sts get-caller-identity');",
    "const command = copyAsCode('curl', input);\nawait run('sh', ['-c', command]);",
  ]) {
    assert.ok(reference(text), text);
  }
  for (const text of [
    "copyAsCode('curl', { url });",
    "parseCurl(['curl', '-H', 'x: y']);",
    "execFileSync('bash', ['-c', shellExport(keys, 'bash')]);",
    "import { MOTO_KEYS } from '../support/moto-server.ts';",
  ]) {
    assert.equal(reference(text), null, text);
  }
});

test('every folder of tests is run by exactly one layer', async () => {
  const owners = new Map<string, string[]>();
  for (const layer of LAYERS) {
    for (const folder of await layerFolders(layer)) {
      owners.set(folder, [...(owners.get(folder) ?? []), layer]);
    }
  }
  const folders = (await readdir(join(ROOT, 'test'), { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
  const unrun: string[] = [];
  for (const folder of folders) {
    const files = await readdir(join(ROOT, 'test', folder), { recursive: true });
    const tests = files.some((f) => f.endsWith('.test.ts'));
    const layers = owners.get(folder) ?? [];
    if (tests && layers.length !== 1) unrun.push(`test/${folder}: ${layers.join(', ') || 'none'}`);
  }
  assert.deepEqual(unrun, []);
});
