import assert from 'node:assert/strict';
import { test } from 'node:test';
import { layoutJson, rangeOfPath } from '../../../renderer/src/lib/editor/json-layout.ts';

const RESPONSE = {
  data: {
    orders: [
      { id: '1', note: 'a' },
      { id: '2', note: null },
    ],
    me: { name: 'x' },
  },
  errors: [
    {
      message: 'Not authorized to access note',
      path: ['orders', 1, 'note'],
      errorType: 'Unauthorized',
    },
    { message: 'Boom', errorType: 'Lambda:Unhandled', locations: [{ line: 1, column: 2 }] },
  ],
};

test('pretty-prints with 2 spaces and marks each GraphQL error entry', () => {
  const layout = layoutJson({ text: JSON.stringify(RESPONSE) });
  assert.equal(layout.pretty, JSON.stringify(RESPONSE, null, 2));
  const entries = layout.marks.errorEntries.map(([a, b]) =>
    JSON.parse(layout.pretty.slice(a, b).replace(/,$/, '')),
  );
  assert.deepEqual(entries, RESPONSE.errors);
});

test('marks the errorType lines and the data each error path points at', () => {
  const { pretty, marks } = layoutJson({ value: RESPONSE });
  assert.deepEqual(
    marks.errorTypes.map(([a, b]) => pretty.slice(a, b).trim()),
    ['"errorType": "Unauthorized"', '"errorType": "Lambda:Unhandled",'],
  );
  assert.deepEqual(
    marks.errorPaths.map(([a, b]) => pretty.slice(a, b).trim()),
    ['"note": null'],
  );
});

test('extra paths are marked too; unknown paths are ignored', () => {
  const { pretty, marks } = layoutJson({ value: RESPONSE }, [
    ['data', 'me'],
    ['data', 'nope'],
    ['data', 'orders', 9],
  ]);
  assert.equal(marks.errorPaths.length, 2);
  assert.match(
    pretty.slice(...(marks.errorPaths[1] as [number, number])),
    /"me": \{\n\s+"name": "x"\n\s+\}/,
  );
});

test('finds values by path, array indices included', () => {
  const pretty = JSON.stringify({ a: [1, { b: [] }, { c: { d: true } }], 'we"ird': 2 }, null, 2);
  const at = (path: (string | number)[]) => {
    const range = rangeOfPath(pretty, path);
    return range && pretty.slice(...range).trim();
  };
  assert.equal(at(['a', 2, 'c', 'd']), '"d": true');
  assert.equal(at(['a', 1]), '{\n      "b": []\n    },');
  assert.equal(at(['we"ird']), '"we\\"ird": 2');
  assert.equal(at(['a', 3]), null);
});

test('text that is not JSON is shown as received, with the reason', () => {
  const layout = layoutJson({ text: '<html>502 Bad Gateway</html>' });
  assert.equal(layout.parsed, false);
  assert.equal(layout.pretty, '<html>502 Bad Gateway</html>');
  assert.match(layout.parseError ?? '', /JSON/);
  assert.deepEqual(layout.marks.errorEntries, []);
});
