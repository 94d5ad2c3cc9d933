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
