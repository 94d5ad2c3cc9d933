/**
 * The editors' look, drawn from the app's CSS variables so light and dark follow the OS with the
 * rest of the app. Colours for syntax live in components/editor/editor.css (per colour scheme).
 * style-mod adopts these rules as constructed stylesheets, which the strict CSP allows.
 */
import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import type { Extension } from '@codemirror/state';

const theme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    height: '100%',
    fontSize: '12px',
  },
  '&.cm-focused': { outline: '2px solid var(--accent)', outlineOffset: '-1px' },
  '.cm-scroller': { fontFamily: "ui-monospace, 'DejaVu Sans Mono', monospace", lineHeight: '1.5' },
  '.cm-content': { caretColor: 'var(--text)' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--text)' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, .cm-content ::selection':
    { backgroundColor: 'var(--editor-selection)' },
  '.cm-gutters': {
    backgroundColor: 'var(--bg)',
    color: 'var(--muted)',
    borderRight: '1px solid var(--border)',
    borderRadius: '6px 0 0 6px',
  },
  '.cm-activeLine': { backgroundColor: 'var(--editor-active-line)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--editor-active-line)', color: 'var(--text)' },
  '.cm-foldPlaceholder': {
    backgroundColor: 'var(--accent-bg)',
    color: 'var(--accent)',
    border: 'none',
  },
  '.cm-tooltip': {
    backgroundColor: 'var(--panel)',
    color: 'var(--text)',
    border: '1px solid var(--border)',
    borderRadius: '6px',
    boxShadow: '0 6px 20px rgb(0 0 0 / 20%)',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected]': {
    backgroundColor: 'var(--accent)',
    color: '#fff',
  },
  '.cm-tooltip-autocomplete > ul > li[aria-selected] .cm-completionDetail': { color: 'inherit' },
  '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
  '.cm-completionInfo': { maxWidth: '360px', padding: '4px 8px' },
  '.cm-panels': { backgroundColor: 'var(--bg)', color: 'var(--text)' },
  '.cm-panels.cm-panels-top': { borderBottom: '1px solid var(--border)' },
  '.cm-panel input, .cm-panel button': { font: 'inherit', color: 'var(--text)' },
  '.cm-textfield': {
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
    borderRadius: '4px',
  },
  '.cm-button': {
    backgroundImage: 'none',
    backgroundColor: 'var(--panel)',
    border: '1px solid var(--border)',
  },
  '.cm-searchMatch': { backgroundColor: 'var(--editor-search-match)' },
  '.cm-searchMatch-selected': { outline: '1px solid var(--accent)' },
  '.cm-diagnostic-error': { borderLeftColor: 'var(--error)' },
  '.cm-diagnostic-warning': { borderLeftColor: 'var(--warn)' },
  '.cm-hover-docs': { padding: '6px 10px', maxWidth: '420px' },
  '.cm-hover-docs code': { display: 'block', fontWeight: '600', marginBottom: '2px' },
  '.cm-hover-docs p': { margin: '4px 0 0', color: 'var(--muted)', whiteSpace: 'pre-wrap' },
  '.cm-gql-error-entry': { backgroundColor: 'var(--error-bg)' },
  '.cm-gql-error-type': { color: 'var(--error)', fontWeight: '700' },
  '.cm-gql-error-path': {
    backgroundColor: 'var(--error-bg)',
    boxShadow: 'inset 3px 0 0 var(--error)',
  },
});

const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.definitionKeyword, tags.modifier], color: 'var(--syntax-keyword)' },
  { tag: [tags.propertyName], color: 'var(--syntax-property)' },
  { tag: [tags.attributeName, tags.variableName], color: 'var(--syntax-variable)' },
  { tag: [tags.string], color: 'var(--syntax-string)' },
  {
    tag: [tags.number, tags.integer, tags.float, tags.bool, tags.null],
    color: 'var(--syntax-literal)',
  },
  { tag: [tags.atom, tags.special(tags.name)], color: 'var(--syntax-type)' },
  { tag: [tags.comment, tags.lineComment], color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.punctuation, tags.brace, tags.paren, tags.separator], color: 'var(--muted)' },
  { tag: tags.invalid, color: 'var(--error)' },
]);

export const editorLook: Extension = [theme, syntaxHighlighting(highlight)];
