/**
 * The pure parts of the request view's variables and headers: header rows over the draft's
 * text (old drafts load unchanged), `{{variables}}` against an environment (a secret has no
 * value), and which `{ }` are empty selection sets.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { emptySelectionSets } from '../../../renderer/src/lib/editor/empty-selection.ts';
import {
  headerRows,
  headersText,
  isDisabledLine,
} from '../../../renderer/src/lib/request/header-rows.ts';
import {
  describeUse,
  meaningOf,
  scanTemplates,
  templateScope,
} from '../../../renderer/src/lib/request/template-scan.ts';

test('header rows: old text loads as enabled rows, a disabled row is a "# " line', () => {
  const old = 'x-tenant: acme\nx-trace:  on:off \n\n';
  assert.deepEqual(headerRows(old), [
    { name: 'x-tenant', value: 'acme', enabled: true },
    { name: 'x-trace', value: 'on:off', enabled: true },
  ]);
  const rows = [
    { name: 'x-tenant', value: '{{tenant}}', enabled: true },
    { name: 'x-debug', value: 'yes', enabled: false },
    { name: '', value: '', enabled: true },
  ];
  const text = headersText(rows);
  assert.equal(text, 'x-tenant: {{tenant}}\n# x-debug: yes');
  assert.deepEqual(headerRows(text), rows.slice(0, 2));
  assert.equal(isDisabledLine('  # x-debug: yes'), true);
  assert.equal(isDisabledLine('x-debug: #1'), false);
});

test('template scan: uses, base variables overlaid by the environment, secrets without values', () => {
  assert.deepEqual(scanTemplates('{"id": "{{ noteId }}", "t": "{{a.b-c}}{{ }}"}'), [
    { from: 8, to: 20, name: 'noteId' },
    { from: 29, to: 38, name: 'a.b-c' },
  ]);
  const environments = {
    variables: [
      { name: 'tenant', value: 'acme', secret: false },
      { name: 'noteId', value: 'note-001', secret: false },
    ],
    environments: [
      {
        name: 'dev',
        variables: [
          { name: 'noteId', value: 'note-002', secret: false },
          { name: 'token', value: null, secret: true },
        ],
      },
    ],
  };
  const dev = templateScope(environments, 'dev');
  assert.deepEqual(meaningOf(dev, 'noteId'), { known: true, value: 'note-002' });
  assert.deepEqual(meaningOf(dev, 'tenant'), { known: true, value: 'acme' });
  assert.deepEqual(describeUse(dev, 'token'), {
    known: true,
    text: '{{token}} = secret (from the vault)',
  });
  assert.deepEqual(describeUse(null, 'token'), {
    known: true,
    text: '{{token}} is sent as written: no collection here',
  });
  assert.deepEqual(meaningOf(dev, 'x'), {
    known: false,
    message: 'unknown variable {{x}} — not in environment dev',
  });
  const base = templateScope(environments, null);
  assert.deepEqual(meaningOf(base, 'noteId'), { known: true, value: 'note-001' });
  assert.equal(
    (meaningOf(base, 'token') as { message: string }).message,
    'unknown variable {{token}} — not in the base variables',
  );
});

test('empty selection sets are found; an empty input object in arguments is not one', () => {
  const text = 'query { a { } b(filter: {}, list: [{}]) @d(x: {}) { c } }\n{}';
  const found = emptySelectionSets(text).map(({ from, to }) => text.slice(from, to));
  assert.deepEqual(found, ['{ }', '{}']);
  assert.deepEqual(emptySelectionSets('query { a }'), []);
  assert.deepEqual(emptySelectionSets('query { a("unterminated'), []);
});
