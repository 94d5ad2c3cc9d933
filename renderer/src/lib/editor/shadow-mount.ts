import { EditorState, type Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * Where an editor lives: an open shadow root on its host element. CodeMirror injects its theme
 * through style-mod, which writes a <style> element when mounted in a document (blocked by the
 * app's `style-src 'self'`) but a constructed stylesheet (adoptedStyleSheets, allowed by CSP)
 * in a shadow root. The app's CSS variables still inherit through the shadow boundary, so the
 * editors follow the light/dark theme like the rest of the app.
 */
export function editorRoot(host: HTMLElement): ShadowRoot {
  return host.shadowRoot ?? host.attachShadow({ mode: 'open', delegatesFocus: true });
}

/** A CodeMirror view in `host`'s shadow root, holding `doc` with `extensions`. */
export function mountEditor(host: HTMLElement, doc: string, extensions: Extension[]): EditorView {
  const root = editorRoot(host);
  return new EditorView({ root, parent: root, state: EditorState.create({ doc, extensions }) });
}

/** An outside change (a tab switch, a loaded request) replaces the whole document. */
export function replaceDocument(view: EditorView | undefined, next: string): void {
  if (view && next !== view.state.doc.toString()) {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
  }
}
