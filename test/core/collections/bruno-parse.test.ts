/**
 * Reading Bruno collections: the `.bru` markup, the YAML OpenCollection files, and a folder
 * that is someone else's data (links outside, huge files, endless nesting, alias bombs).
 */
import assert from 'node:assert/strict';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { parseBru, type BruBlock } from '../../../main/core/collections/bru-parser.ts';
import { readBruCollection } from '../../../main/core/collections/bruno-bru-format.ts';
import {
  BRUNO_LIMITS,
  readBrunoFolder,
} from '../../../main/core/collections/bruno-folder-reader.ts';
import type { BrunoFolder, BrunoRequest } from '../../../main/core/collections/bruno-model.ts';
import { readYamlCollection } from '../../../main/core/collections/bruno-yaml-format.ts';
import { makeTempDir } from '../../support/web-host-process.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/bruno/', import.meta.url));

const requests = (folder: BrunoFolder): BrunoRequest[] =>
  folder.items.flatMap((i) => (i.kind === 'request' ? [i] : requests(i)));

describe('the .bru markup', () => {
  test('blocks of pairs, text and lists; ~ switches a pair off; triple quotes span lines', () => {
    const blocks = parseBru(
      'a.bru',
      [
        'meta {',
        '  name: Get: note',
        '  seq: 2',
        '}',
        '',
        'headers {',
        '  ~x-off: 1',
        '  "x quoted": {{v}}',
        "  @description('skip me')",
        "  multi: '''",
        '    line one',
        '    line two',
        "  '''",
        '}',
        '',
        'body:graphql {',
        '  query {',
        '    a',
        '  }',
        '}',
        'vars:secret [',
        '  apiKey,',
        '  token',
        ']',
      ].join('\n'),
    );
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.name, b.line]),
      [
        ['pairs', 'meta', 1],
        ['pairs', 'headers', 6],
        ['text', 'body:graphql', 16],
        ['list', 'vars:secret', 21],
      ],
    );
    const [meta, headers, body, list] = blocks as [BruBlock, BruBlock, BruBlock, BruBlock];
    assert.deepEqual(meta.kind === 'pairs' && meta.pairs[0], {
      name: 'name',
      value: 'Get: note',
      enabled: true,
      line: 2,
    });
    assert.deepEqual(
      headers.kind === 'pairs' && headers.pairs.map((p) => [p.name, p.value, p.enabled]),
      [
        ['x-off', '1', false],
        ['x quoted', '{{v}}', true],
        ['multi', 'line one\nline two', true],
      ],
    );
    assert.equal(body.kind === 'text' && body.text, 'query {\n  a\n}');
    assert.deepEqual(list.kind === 'list' && list.items, ['apiKey', 'token']);
  });

  test('a malformed file is an error naming the file and line, never quoting it', () => {
    assert.throws(() => parseBru('x/A.bru', 'meta {\n  name: a\n}\n\nda2-secretkey here\n'), {
      code: 'COLLECTION_INVALID',
      message: /^x\/A\.bru, line 5: expected a block such as "meta \{"\.$/,
    });
    assert.throws(() => parseBru('B.bru', '\n\nbody:graphql {\n  { a }\n'), {
      message: /B\.bru, line 3: the block "body:graphql" is not closed/,
    });
    assert.throws(() => parseBru('C.bru', 'headers {\n  no colon\n}'), {
      message: /C\.bru, line 2: expected "name: value"/,
    });
    assert.throws(() => parseBru('D.bru', 'meta {\n\0\n}'), { message: /not a text file/ });
  });
});

describe('Bruno folders', () => {
  test('the .bru layout: collection, folders, environments and requests', async () => {
    const source = await readBrunoFolder(join(FIXTURES, 'notes-bru'));
    assert.equal(source.format, 'bru');
    const bruno = readBruCollection(source);
    assert.equal(bruno.name, 'Notes API');
    assert.deepEqual(bruno.root.auth, {
      mode: 'apikey',
      fields: { key: 'x-api-key', value: '{{apiKey}}', placement: 'header' },
    });
    assert.deepEqual(
      bruno.environments.map((e) => [
        e.name,
        e.variables.map((v) => `${v.name}${v.secret ? '*' : ''}`),
      ]),
      [
        ['Local', ['apiUrl', 'greeting', 'apiKey*']],
        ['Prod', ['apiUrl', 'greeting', 'apiKey']],
      ],
    );
    const who = requests(bruno.root).find((r) => r.name === 'Who am I')!;
    assert.equal(who.type, 'graphql');
    assert.equal(who.auth.mode, 'inherit');
    assert.match(who.query, /^query WhoAmI \{\n {2}whoami/);
    assert.deepEqual(who.assertions[1], {
      expression: 'res.body.data.whoami.authMode',
      operator: 'eq',
      value: 'API_KEY',
      enabled: true,
    });
    assert.equal(who.assertions[3]!.enabled, false);
    assert.match(who.scripts.post, /bru\.setVar/);
    assert.match(who.scripts.tests, /^test\("status is 200"/);
    const signed = bruno.root.items.find((i) => i.kind === 'folder')!;
    assert.equal(signed.name, 'Signed');
    assert.equal(signed.kind === 'folder' && signed.auth?.fields.region, 'eu-west-1');
    assert.deepEqual(bruno.problems, []);
  });

  test('the YAML layout reads to the same shape', async () => {
    const source = await readBrunoFolder(join(FIXTURES, 'notes-yaml'));
    assert.equal(source.format, 'yaml');
    const bruno = readYamlCollection(source);
    assert.equal(bruno.name, 'Notes API (YAML)');
    assert.equal(bruno.root.headers[0]!.name, 'x-tenant');
    const [who, list, signed] = ['Who am I', 'List users', 'Signed'].map((name) =>
      requests(bruno.root).find((r) => r.name === name)!,
    );
    assert.equal(who!.query, 'query WhoAmI { whoami { authMode } }');
    assert.deepEqual(
      who!.assertions.map((a) => `${a.expression} ${a.operator} ${a.value}`),
      [
        'res.status eq 200',
        'res.body.data.whoami.authMode isString ',
        'res.body.data.whoami.authMode startsWith API',
      ],
    );
    assert.match(who!.scripts.pre, /bru\.setVar/);
    assert.match(who!.scripts.tests, /^test\("ok"/);
    assert.equal(list!.type, 'http');
    assert.equal(signed!.auth.mode, 'inherit');
    const iam = bruno.root.items.find((i) => i.kind === 'folder' && i.name === 'IAM');
    assert.equal(iam?.kind === 'folder' && iam.auth?.fields.profileName, 'sandbox-keys');
    assert.deepEqual(
      bruno.environments[0]!.variables.map((v) => [v.name, v.secret, v.enabled]),
      [
        ['apiUrl', false, true],
        ['apiKey', true, true],
        ['unused', false, false],
      ],
    );
  });

  test('hostile files are reported by file and line; names with .. stay names', async () => {
    const bru = readBruCollection(await readBrunoFolder(join(FIXTURES, 'hostile-bru')));
    assert.deepEqual(
      bru.problems.map((p) => `${p.where}: ${p.reason}`),
      [
        'Garbage.bru: Garbage.bru, line 6: expected a block such as "meta {".',
        'Unclosed.bru: Unclosed.bru, line 6: the block "body:graphql" is not closed.',
      ],
    );
    assert.deepEqual(
      requests(bru.root).map((r) => r.name),
      ['../../../escaped', 'Inside'],
    );
    const yaml = readYamlCollection(await readBrunoFolder(join(FIXTURES, 'hostile-yaml')));
    assert.deepEqual(
      yaml.problems.map((p) => p.reason),
      [
        'broken.yml, line 7: not valid YAML (MISSING_CHAR).',
        'laughs.yml: its YAML aliases expand too far; not read.',
      ],
    );
  });

  test('links outside, huge files and deep nesting are not read; a folder that is none is refused', async () => {
    const home = await makeTempDir('bruno-hostile');
    const secret = join(home, 'credentials');
    await writeFile(secret, '[default]\naws_secret_access_key = wJalrXUtnFEMIoutsideSECRET\n');
    const folder = join(home, 'col');
    await mkdir(join(folder, 'linked'), { recursive: true });
    await writeFile(join(folder, 'bruno.json'), '{"name":"Links"}');
    await symlink(secret, join(folder, 'Stolen.bru'));
    await symlink(home, join(folder, 'linked', 'up'));
    await symlink(folder, join(folder, 'loop'));
    await writeFile(join(folder, 'Huge.bru'), 'x'.repeat(BRUNO_LIMITS.fileBytes + 1));
    let deep = folder;
    for (let i = 0; i <= BRUNO_LIMITS.depth; i++) deep = join(deep, `d${i}`);
    await mkdir(deep, { recursive: true });
    const source = await readBrunoFolder(folder);
    const problems = source.problems.map((p) => `${p.where} (${p.what}): ${p.reason}`);
    assert.ok(
      problems.some((p) => /^Stolen\.bru \(link\): Stolen\.bru is a link to outside/.test(p)),
      problems.join('\n'),
    );
    assert.ok(problems.some((p) => /^linked\/up \(link\):.*outside/.test(p)));
    assert.ok(problems.some((p) => /^Huge\.bru \(file\): larger than 1024 KB/.test(p)));
    assert.ok(problems.some((p) => /d16 \(folder\): nested deeper than 16 folders/.test(p)));
    assert.ok(!JSON.stringify(source).includes('wJalrXUtnFEMIoutsideSECRET'));
    // The loop back to the collection is not walked again.
    assert.deepEqual(
      source.root.folders.map((f) => f.name),
      ['d0', 'linked'],
    );

    await assert.rejects(readBrunoFolder(home), {
      code: 'COLLECTION_INVALID',
      message: /has neither bruno\.json nor opencollection\.yml/,
    });
    await assert.rejects(readBrunoFolder(join(home, 'nowhere')), { code: 'NOT_FOUND' });
  });

  test('too many files or too much data stop the import as a whole', async () => {
    const folder = await makeTempDir('bruno-many');
    await writeFile(join(folder, 'bruno.json'), '{"name":"Many"}');
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => writeFile(join(folder, `r${i}.bru`), 'x'.repeat(100))),
    );
    await assert.rejects(readBrunoFolder(folder, { ...BRUNO_LIMITS, files: 20 }), {
      code: 'COLLECTION_INVALID',
      message: /more than 20 files; the import reads at most 20 files/,
    });
    await assert.rejects(readBrunoFolder(folder, { ...BRUNO_LIMITS, totalBytes: 1000 }), {
      code: 'COLLECTION_INVALID',
      message: /more data than that/,
    });
    assert.equal((await readBrunoFolder(folder)).root.files.length, 21);
  });
});
