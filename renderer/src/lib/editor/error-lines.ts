/**
 * Marks a response's GraphQL errors in the JSON viewer. Decorations are built for the visible
 * lines only, so a response with thousands of errors costs no more than one with a few.
 */
import { RangeSetBuilder } from '@codemirror/state';
import {
  Decoration,
  ViewPlugin,
  type DecorationSet,
  type EditorView,
  type ViewUpdate,
} from '@codemirror/view';
import type { ErrorMarks } from './json-layout.ts';

const CLASSES: [keyof ErrorMarks, string][] = [
  ['errorEntries', 'cm-gql-error-entry'],
  ['errorPaths', 'cm-gql-error-path'],
  ['errorTypes', 'cm-gql-error-type'],
];

function decorate(view: EditorView, marks: ErrorMarks): DecorationSet {
  const doc = view.state.doc;
  const perLine = new Map<number, string[]>();
  for (const { from, to } of view.visibleRanges) {
    for (const [key, className] of CLASSES) {
      for (const [start, end] of marks[key]) {
        if (end < from || start > to || start > doc.length) continue;
        const first = doc.lineAt(Math.max(start, from)).number;
        const last = doc.lineAt(Math.min(end, to, doc.length)).number;
        for (let n = first; n <= last; n++) perLine.set(n, [...(perLine.get(n) ?? []), className]);
      }
    }
  }
  const builder = new RangeSetBuilder<Decoration>();
  for (const n of [...perLine.keys()].sort((a, b) => a - b)) {
    const line = doc.line(n);
    builder.add(
      line.from,
      line.from,
      Decoration.line({ class: [...new Set(perLine.get(n))].join(' ') }),
    );
  }
  return builder.finish();
}

export function errorLines(marks: ErrorMarks) {
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = decorate(view, marks);
      }
      update(update: ViewUpdate) {
        if (update.docChanged || update.viewportChanged)
          this.decorations = decorate(update.view, marks);
      }
    },
    { decorations: (plugin) => plugin.decorations },
  );
}
