/**
 * `appsync-workbench run` as a CI job runs a collection's checks: a real process against the
 * sandbox, requests chained through a script, one failing assertion that fails the job by
 * name, and reports a CI server reads (the JUnit file validated against the JUnit schema).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CollectionStore } from '../../main/core/collections/collection-store.ts';
import { FileVault } from '../../main/core/vault/file-vault.ts';
import type { Sandbox } from '../../main/sandbox/sandbox-server.ts';
import { skipWithoutCommand } from '../support/references.ts';
import { cliBundleIsFresh, cliRunner, demoCliWorld } from './cli-runner.ts';
import { apiKeyDraft } from '../core/tests/api-key-draft.ts';

let sandbox: Sandbox;
let env: Record<string, string>;
let home: string;
let secrets: string[];
let folder: string;
const { run: cli } = cliRunner(
  () => env,
  () => secrets,
);
const XSD = new URL('../fixtures/junit/junit-10.xsd', import.meta.url).pathname;
const TRICKY = '<b>not & "it"</b>';

const draft = apiKeyDraft;

before(async () => {
  ({ sandbox, home, env, secrets } = await demoCliWorld('run-tests-cli'));
  folder = join(home, 'notes-ci');
  await mkdir(folder);
  await writeFile(join(folder, 'collection.json'), '{"name":"Notes CI"}');
  const store = await CollectionStore.open(folder, {
    vault: new FileVault(env.APPSYNC_WORKBENCH_DATA_DIR!),
    watch: false,
  });
  await store.setVariable(null, 'apiUrl', sandbox.graphqlUrl, false);
  await store.setVariable(null, 'apiKey', sandbox.apiKey, true);
  await store.createFolder('', 'Checks');
  await store.createFolder('', 'Notes');
  await store.save(
    'Checks/Who am I',
    draft('Who am I', '{ whoami { authMode } }', {
      assertions: [
        { enabled: true, path: 'data.whoami.authMode', operator: 'eq', value: 'API_KEY' },
      ],
    }),
    null,
  );
  await store.save(
    'Notes/Create note',
    draft('Create note', 'mutation($t: String!) { createNote(input: { title: $t }) { id } }', {
      variables: { t: '{{title}}' },
      scripts: {
        pre: null,
        post: `vars.set('noteId', response.data.createNote.id);
               test('has an id', () => expect(response.data.createNote.id).toBeDefined());
               console.log('created', vars.get('noteId'));`,
      },
    }),
    null,
  );
  await store.save(
    'Notes/Read note',
    draft('Read note', 'query($id: ID!) { getNote(id: $id) { title } }', {
      variables: { id: '{{noteId}}' },
      assertions: [
        { enabled: true, path: 'status', operator: 'eq', value: '200' },
        { enabled: true, path: 'data.getNote.title', operator: 'eq', value: '{{title}}' },
        { enabled: true, path: 'data.getNote.title', operator: 'eq', value: TRICKY },
      ],
    }),
    null,
  );
  store.close();
});
after(() => sandbox.close());

describe('appsync-workbench run with checks', () => {
  test('one failing assertion fails the job by name; JUnit, HTML and JSON reports say so', async () => {
    const out = (name: string) => join(home, name);
    const result = await cli(
      'run',
      folder,
      '--var',
      'title=CI note',
      '--reporter',
      'junit',
      out('results.xml'),
      '--reporter',
      'html',
      out('results.html'),
      '--reporter',
      'json',
      out('results.json'),
    );
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /ok {3}200 Checks\/Who am I \d+ ms {2}1\/1 checks/);
    assert.match(result.stdout, /ok {3}200 Notes\/Create note \d+ ms {2}1\/1 checks/);
    assert.match(result.stdout, /FAIL 200 Notes\/Read note \d+ ms {2}2\/3 checks/);
    assert.ok(
      result.stdout.includes(
        `✗ data.getNote.title: expected ${JSON.stringify(TRICKY)}, got "CI note"`,
      ),
      result.stdout,
    );
    assert.match(result.stdout, /2 passed, 1 failed; checks: 4 passed, 1 failed/);

    const xml = await readFile(out('results.xml'), 'utf8');
    assert.match(xml, /<testsuite name="Notes CI\/Notes" tests="2" failures="1" errors="0"/);
    assert.match(
      xml,
      /<testcase name="Read note" classname="Notes CI\.Notes" time="[\d.]+" assertions="3">/,
    );
    assert.ok(
      xml.includes(
        '<failure message="data.getNote.title: expected &quot;&lt;b&gt;not &amp; \\&quot;it\\&quot;&lt;/b&gt;&quot;, got &quot;CI note&quot;" type="assertion">',
      ),
      xml,
    );
    assert.match(xml, /<system-out>\[post\] created /);

    const html = await readFile(out('results.html'), 'utf8');
    assert.ok(html.includes('&lt;b&gt;not &amp;'), 'the assertion text is escaped');
    assert.ok(!html.includes(TRICKY), 'nothing of the answer is markup');
    assert.doesNotMatch(html, /<script|<link|src=|href=|url\(/i, 'one page, no external assets');

    const json = JSON.parse(await readFile(out('results.json'), 'utf8'));
    assert.deepEqual(
      json.requests.map((r: { id: string; ok: boolean }) => [r.id, r.ok]),
      [
        ['Checks/Who am I', true],
        ['Notes/Create note', true],
        ['Notes/Read note', false],
      ],
    );
    for (const text of [xml, html, JSON.stringify(json)]) {
      assert.ok(!text.includes(sandbox.apiKey), 'no report holds the API key');
    }
  });

  test(
    'the JUnit report validates against the JUnit XML schema',
    { skip: skipWithoutCommand('xmllint', 'libxml2-utils validates the JUnit report') },
    async () => {
      const file = join(home, 'valid.xml');
      const result = await cli('run', folder, '--var', 'title=x', '--reporter', 'junit', file);
      assert.equal(result.code, 1);
      execFileSync('xmllint', ['--noout', '--schema', XSD, file], { stdio: 'pipe' });
      // The schema is not a formality: a report in the wrong shape is refused.
      const broken = join(home, 'broken.xml');
      const text = await readFile(file, 'utf8');
      await writeFile(broken, text.replace(/tests="(\d+)"/, 'tests="many"'));
      assert.throws(() =>
        execFileSync('xmllint', ['--noout', '--schema', XSD, broken], { stdio: 'pipe' }),
      );
    },
  );

  test('--data runs the collection once per row; --bail stops at the first failure', async () => {
    await writeFile(join(home, 'rows.csv'), 'title\nfirst\nsecond\n');
    const result = await cli(
      'run',
      join(folder, 'Notes'),
      '--data',
      join(home, 'rows.csv'),
      '--bail',
    );
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /ok {3}200 Notes\/Create note \(1\/2\)/);
    assert.match(result.stdout, /FAIL 200 Notes\/Read note \(1\/2\)/);
    assert.doesNotMatch(result.stdout, /\(2\/2\)/, 'the second row never ran');
    assert.match(result.stdout, /1 passed, 1 failed/);
  });

  test('the bundled CLI runs a post script on its worker thread', async () => {
    // The script thread's entry is a file of its own in dist/cli: a wrong path there breaks
    // every script of a bundled run, which is what users run (`npm test` builds it first).
    assert.ok(cliBundleIsFresh(), 'dist/cli is missing or stale: run npm run build:cli');
    const result = await cli('run', join(folder, 'Notes'), '--var', 'title=bundled');
    assert.match(
      result.stdout,
      /ok {3}200 Notes\/Create note \d+ ms {2}1\/1 checks/,
      result.stderr,
    );
    assert.doesNotMatch(result.stdout + result.stderr, /script sandbox/);
  });

  test('bad --var and --reporter are usage errors', async () => {
    const [badVar, badReporter] = await Promise.all([
      cli('run', folder, '--var', 'novalue'),
      cli('run', folder, '--reporter', 'xml', 'out.xml'),
    ]);
    assert.equal(badVar.code, 2);
    assert.match(badVar.stderr, /--var takes name=value/);
    assert.equal(badReporter.code, 2);
    assert.match(badReporter.stderr, /--reporter takes a kind \(junit, json, html\) and a file/);
  });
});
