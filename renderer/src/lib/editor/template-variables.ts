/**
 * `{{name}}` in the query, variables and headers editors: each use is marked, hovering it shows
 * what the chosen environment makes of it (a secret only as "secret (from the vault)": the
 * renderer never holds its value), and a name the environment does not define is flagged.
 */
import { linter, type Diagnostic } from '@codemirror/lint';
import { Facet, RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  hoverTooltip,
  ViewPlugin,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import {
  describeUse,
  meaningOf,
  scanTemplates,
  type TemplateScope,
} from '../request/template-scan.ts';

export type { TemplateScope } from '../request/template-scan.ts';

/** The scope the editor's `{{variables}}` resolve against; null: no collection to ask. */
export const templateScopeFacet = Facet.define<TemplateScope | null, TemplateScope | null>({
  combine: (values) => values.at(-1) ?? null,
});

const knownMark = Decoration.mark({ class: 'cm-template-var' });
const unknownMark = Decoration.mark({ class: 'cm-template-var cm-template-var-unknown' });

function decorate(view: EditorView): DecorationSet {
  const scope = view.state.facet(templateScopeFacet);
  const builder = new RangeSetBuilder<Decoration>();
  for (const use of scanTemplates(view.state.doc.toString())) {
    const known = !scope || meaningOf(scope, use.name).known;
    builder.add(use.from, use.to, known ? knownMark : unknownMark);
  }
  return builder.finish();
}

const scopeChanged = (update: ViewUpdate) =>
  update.startState.facet(templateScopeFacet) !== update.state.facet(templateScopeFacet);

const marks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = decorate(view);
    }
    update(update: ViewUpdate) {
      if (update.docChanged || scopeChanged(update)) this.decorations = decorate(update.view);
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const hover = hoverTooltip((view, pos) => {
  const scope = view.state.facet(templateScopeFacet);
  const line = view.state.doc.lineAt(pos);
  const use = scanTemplates(line.text)
    .map((u) => ({ ...u, from: u.from + line.from, to: u.to + line.from }))
    .find((u) => u.from <= pos && pos <= u.to);
  if (!use) return null;
  return {
    pos: use.from,
    end: use.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-template-hover';
      dom.dataset.testid = 'template-hover';
      dom.textContent = describeUse(scope, use.name).text;
      return { dom };
    },
  };
});

const unknownVariables = linter(
  (view) => {
    const scope = view.state.facet(templateScopeFacet);
    if (!scope) return [];
    return scanTemplates(view.state.doc.toString()).flatMap((use): Diagnostic[] => {
      const meaning = meaningOf(scope, use.name);
      return meaning.known
        ? []
        : [{ from: use.from, to: use.to, severity: 'warning', message: meaning.message }];
    });
  },
  { delay: 200, needsRefresh: scopeChanged },
);

const look = EditorView.baseTheme({
  '.cm-template-var': {
    color: 'var(--accent)',
    backgroundColor: 'var(--accent-bg)',
    borderRadius: '3px',
  },
  '.cm-template-var-unknown': {
    color: 'var(--error)',
    backgroundColor: 'var(--error-bg)',
    textDecoration: 'underline wavy',
  },
  '.cm-template-hover': { padding: '4px 8px', fontFamily: 'monospace' },
});

/**
 * Marks, hover and checks of `{{variables}}`. The scope they resolve against goes in a
 * compartment of its own (`templateScopeFacet.of(scope)`), reconfigured when the environment
 * changes.
 */
export const templateVariables: Extension = [marks, hover, unknownVariables, look];
