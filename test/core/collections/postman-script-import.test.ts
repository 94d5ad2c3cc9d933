import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { importPostmanScripts } from '../../../main/core/collections/postman-script-import.ts';

const tests = (exec: string) => importPostmanScripts([{ listen: 'test', exec }]);

describe('Postman test scripts on import', () => {
  test('checks it knows become assertions, and nothing of them is kept as a script', () => {
    const imported = tests(`
var jsonData = pm.response.json();
pm.test("Status code is 200", function () {
    pm.response.to.have.status(200);
});
pm.test('code', () => { pm.expect(pm.response.code).to.eql(200); });
pm.test("title", function () {
    pm.expect(jsonData.data.getNote.title).to.eql('Groceries');
    pm.expect(jsonData.data.getNote.tags).to.include("food");
    pm.expect(jsonData.data.getNote.tags).to.have.lengthOf(2);
    pm.expect(jsonData.data.getNote.done).to.be.a('boolean');
});
pm.test("fast", () => {
    pm.expect(pm.response.responseTime).to.be.below(500);
    pm.expect(pm.response.headers.get('Content-Type')).to.include('json');
});
pm.test("no errors", () => {
    pm.expect(pm.response.json().errors).to.not.exist;
});
pm.test("id", () => pm.expect(jsonData.data.getNote.id).to.exist);
`);
    assert.deepEqual(
      imported.assertions.map((a) => [a.path, a.operator, a.value]),
      [
        ['status', 'eq', '200'],
        ['status', 'eq', '200'],
        ['data.getNote.title', 'eq', '"Groceries"'],
        ['data.getNote.tags', 'contains', '"food"'],
        ['data.getNote.tags', 'length', '2'],
        ['data.getNote.done', 'type', 'boolean'],
        ['durationMs', 'lt', '500'],
        ['headers.content-type', 'contains', '"json"'],
        ['data.getNote.id', 'exists', null],
      ],
    );
    // `to.not.exist` has no assertion here: that block stays a script, for review.
    assert.match(imported.post ?? '', /pm\.test\("no errors"/);
    assert.match(imported.post ?? '', /^\/\/ Imported from Postman for review/);
    assert.doesNotMatch(imported.post ?? '', /Status code is 200|"title"|"fast"/);
  });

  test('what it cannot translate is kept whole as the post script, never dropped', () => {
    const script = `pm.environment.set("noteId", pm.response.json().data.createNote.id);
pm.test("custom", function () {
    const items = pm.response.json().data.listNotes.items;
    pm.expect(items.every(i => i.id)).to.be.true;
});`;
    const imported = tests(script);
    assert.deepEqual(imported.assertions, []);
    assert.ok(imported.post?.includes(script));
  });

  test('a pre-request script is kept as the pre script, for review', () => {
    const imported = importPostmanScripts([
      { listen: 'prerequest', exec: 'pm.variables.set("t", Date.now());' },
    ]);
    assert.match(imported.pre ?? '', /pm\.variables\.set\("t", Date\.now\(\)\);/);
    assert.equal(imported.post, null);
  });
});
