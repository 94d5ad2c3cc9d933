/**
 * Bruno collections into ours, written to a real folder and read back through the store:
 * auth inherited from folders, headers merged, assertions and scripts kept, AWS keys dropped,
 * API keys and tokens vaulted, and nothing of the source's secrets in the files written.
 */
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { brunoPath } from '../../../main/core/collections/bruno-assertions.ts';
import { brunoScript } from '../../../main/core/collections/bruno-scripts.ts';
import { writeImportedCollection } from '../../../main/core/collections/collection-import.ts';
import { CollectionStore } from '../../../main/core/collections/collection-store.ts';
import { readExport } from '../../../main/core/collections/export-file-reader.ts';
import { resolveTemplate } from '../../../main/core/collections/template-resolver.ts';
import { makeTempDir } from '../../support/web-host-process.ts';
import { MemoryVault } from './memory-vault.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/bruno/', import.meta.url));
const SECRETS = [
  'AKIAZ7EXAMPLEBRUNO01',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzBRUNOFIX1',
  'AKIAZ7EXAMPLEBRUNO02',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzBRUNOFIX2',
  'da2-brunofixturekey0123456789ab',
  'c2lnbmF0dXJlLWJydW5vLWZpeHR1cmU',
];

async function importFixture(name: string) {
  const imported = await readExport(join(FIXTURES, name), []);
  const folder = join(await makeTempDir(`bruno-${name}`), 'imported');
  const vault = new MemoryVault();
  const report = await writeImportedCollection(imported, folder, vault);
  const store = await CollectionStore.open(folder, { vault, watch: false });
  const names = await readdir(folder, { recursive: true, withFileTypes: true });
  const text = (
    await Promise.all(
      names.filter((e) => e.isFile()).map((e) => readFile(join(e.parentPath, e.name), 'utf8')),
    )
  ).join('\n');
  for (const secret of SECRETS) assert.ok(!text.includes(secret), `${secret} was written`);
  return { folder, vault, report, store };
}

const lines = (list: { where: string; what: string }[]) => list.map((d) => `${d.where}: ${d.what}`);

describe('Bruno import', () => {
  test('.bru: requests with inherited auth and headers, assertions, scripts, environments', async () => {
    const { report, store, vault } = await importFixture('notes-bru');
    assert.equal(report.format, 'bruno');
    assert.equal(report.collectionName, 'Notes API');
    assert.equal(report.requests, 4);
    assert.equal(report.folders, 1);
    assert.deepEqual(report.environments, ['Local', 'Prod']);

    const who = await store.read('Who am I');
    assert.deepEqual(who.auth, { type: 'API_KEY', value: '{{apiKey}}' }, 'inherited');
    assert.deepEqual(who.headers, { 'x-tenant': 'acme' }, 'the switched-off header is left out');
    assert.equal(who.url, '{{apiUrl}}');
    assert.deepEqual(who.assertions, [
      { enabled: true, path: 'status', operator: 'eq', value: '200' },
      { enabled: true, path: 'data.whoami.authMode', operator: 'eq', value: 'API_KEY' },
      { enabled: true, path: 'data.whoami', operator: 'exists', value: null },
      { enabled: false, path: 'durationMs', operator: 'lt', value: '2000' },
    ]);
    assert.equal(who.scripts.pre, null);
    assert.match(who.scripts.post ?? '', /bru\.setVar[\s\S]*test\("status is 200"/);
    assert.match(who.scripts.post ?? '', /^\/\/ Imported from Bruno/, "Bruno's API is translated");

    const echo = await store.read('Echo');
    assert.deepEqual(echo.variables, { message: '{{greeting}}' });
    assert.deepEqual(echo.headers, { 'x-tenant': 'acme', 'x-request-source': 'bruno' });

    assert.equal(echo.scripts.post, null);
    const signed = await store.read('Signed/Who am I (signed)');
    assert.deepEqual(signed.auth, { type: 'AWS_IAM', region: 'eu-west-1', service: 'appsync' });
    assert.match(signed.scripts.pre ?? '', /x-folder/, "the folder's script comes along");
    const bearer = await store.read('Signed/Bearer');
    assert.deepEqual(bearer.auth, { type: 'OPENID_CONNECT', value: '{{token}}' });

    assert.deepEqual(lines(report.dropped).sort(), [
      'Health.bru: http request',
      'Signed/Who am I signed.bru: awsv4 accessKeyId',
      'Signed/Who am I signed.bru: awsv4 secretAccessKey',
      'Who am I.bru: assertion res.body.data.whoami.authMode: notContains',
      'environment Local: value of apiKey',
    ]);
    assert.deepEqual(lines(report.review ?? []).sort(), [
      'Signed/Bearer.bru: pre-request script',
      'Signed/Who am I signed.bru: pre-request script',
      'Who am I.bru: post-response script',
    ]);
    assert.deepEqual(report.vaulted.map((v) => `${v.where}: ${v.variable}`).sort(), [
      'Signed/Bearer.bru: token',
      'environment Prod: apiKey',
    ]);
    const prod = await resolveTemplate(who, await store.environment('Prod'), vault);
    assert.equal(
      prod.auth?.type === 'API_KEY' && prod.auth.value,
      'da2-brunofixturekey0123456789ab',
    );
    store.close();
  });

  test('YAML: the same mapping from the OpenCollection files', async () => {
    const { report, store } = await importFixture('notes-yaml');
    assert.equal(report.collectionName, 'Notes API (YAML)');
    assert.equal(report.requests, 2);
    const who = await store.read('Who am I');
    assert.deepEqual(who.auth, { type: 'API_KEY', value: '{{apiKey}}' });
    assert.deepEqual(who.headers, { 'x-tenant': 'acme', 'x-request-source': 'bruno-yaml' });
    assert.deepEqual(who.assertions, [
      { enabled: true, path: 'status', operator: 'eq', value: '200' },
      { enabled: true, path: 'data.whoami.authMode', operator: 'type', value: 'string' },
    ]);
    assert.match(who.scripts.pre ?? '', /bru\.setVar\("started"/);
    assert.match(who.scripts.post ?? '', /test\("ok"/);
    const signed = await store.read('IAM/Signed');
    assert.deepEqual(signed.auth, { type: 'AWS_IAM', region: 'us-east-1', service: 'appsync' });
    assert.equal(signed.profile, 'sandbox-keys');
    assert.ok(lines(report.dropped).includes('users/list-users.yml: http request'));
    assert.ok(lines(report.dropped).includes('iam/signed.yml: awsv4 secretAccessKey'));
    assert.ok(
      lines(report.dropped).includes(
        'who-am-i.yml: assertion res.body.data.whoami.authMode: startsWith',
      ),
    );
    store.close();
  });

  test('hostile names stay inside the folder; broken files are reported, the rest imports', async () => {
    const { folder, report, store } = await importFixture('hostile-bru');
    const tree = await store.tree();
    assert.deepEqual(
      tree.root.children.map((n) => n.id),
      ['_.-..-outside', '_.-..-..-escaped'],
    );
    const sneaky = tree.root.children[0]!;
    assert.equal(sneaky.kind === 'folder' && sneaky.children[0]!.id, '_.-..-outside/Inside');
    assert.ok((await readdir(join(folder, '..'))).every((n) => n === 'imported'));
    assert.deepEqual(
      report.dropped.map((d) => d.reason),
      [
        'Garbage.bru, line 6: expected a block such as "meta {".',
        'Unclosed.bru, line 6: the block "body:graphql" is not closed.',
      ],
    );
    store.close();
  });

  test("a script using Bruno's API is wrapped with the translation; ours is left as it is", () => {
    const ours = "vars.set('a', 1);";
    assert.equal(brunoScript(ours), ours);
    const bruno = brunoScript('bru.setVar("a", res.body.data.x);');
    assert.match(bruno, /^\/\/ Imported from Bruno/);
    assert.match(
      bruno,
      /\(function \(bru, res, req, expect\) \{\nbru\.setVar\("a", res\.body\.data\.x\);\n\}\)/,
    );
    assert.match(brunoScript('await bru.sleep(1);'), /\(async function \(bru, res, req, expect\)/);
    assert.notEqual(brunoScript('expect(x).to.equal(1);'), 'expect(x).to.equal(1);');
  });

  test('Bruno expressions map to answer paths', () => {
    assert.equal(brunoPath('res.status'), 'status');
    assert.equal(brunoPath('res.body.errors[0].errorType'), 'errors[0].errorType');
    assert.equal(brunoPath('res.headers.X-Request-Id'), 'headers.x-request-id');
    assert.equal(brunoPath("res.headers['content-type']"), 'headers.content-type');
    assert.equal(brunoPath('res.body.data.items.length'), 'data.items.length');
    assert.equal(brunoPath('res.getBody()'), null);
    assert.equal(brunoPath('bru.getVar("x")'), null);
  });
});
