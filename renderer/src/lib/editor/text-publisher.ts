/**
 * How an editor hands its text to its `value` binding. Building the text is a copy of the whole
 * document (5 MB of variables: tens of milliseconds, and the page then reacts to the new text),
 * so above `LARGE_TEXT_CHARS` it is handed over once typing pauses, and at once when the editor
 * loses focus, a shortcut is pressed (it may run or switch the tab) or the editor runs.
 */
import { EditorView } from '@codemirror/view';
import type { Extension } from '@codemirror/state';
import { replaceDocument } from './shadow-mount.ts';

/** Above this many characters an edit reaches the binding after a pause, not on each key. */
export const LARGE_TEXT_CHARS = 256 * 1024;
const PAUSE_MS = 300;

export class TextPublisher {
  /** The text last handed over (the binding gives it back: it is not a change from outside). */
  published: string | undefined;
  #pending: EditorView | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #write: (text: string) => void;

  constructor(write: (text: string) => void) {
    this.#write = write;
  }

  /** The document of `view` changed. */
  changed(view: EditorView): void {
    if (view.state.doc.length <= LARGE_TEXT_CHARS) {
      this.#pending = view;
      this.flush();
      return;
    }
    this.#pending = view;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), PAUSE_MS);
  }

  /** Hands over an edit still waiting for its pause. */
  flush(): void {
    clearTimeout(this.#timer);
    const view = this.#pending;
    this.#pending = null;
    if (view) this.#write((this.published = view.state.doc.toString()));
  }

  /**
   * The text was replaced from outside (another tab, a loaded request) or the editor goes away:
   * an edit still waiting is not handed over, as the binding may already be another tab's.
   */
  drop(text?: string): void {
    clearTimeout(this.#timer);
    this.#pending = null;
    if (text !== undefined) this.published = text;
  }

  /**
   * The binding gave `text`. The editor's own edit coming back is nothing new; another text (a
   * tab switch, a loaded request) replaces the document, and an edit still waiting is dropped.
   */
  received(view: EditorView | undefined, text: string): void {
    if (text === this.published) return;
    replaceDocument(view, text);
    this.drop(text);
  }

  /** Flushes when the editor loses focus or a shortcut (Ctrl, Alt or Cmd) is pressed in it. */
  get extension(): Extension {
    const flush = () => {
      this.flush();
      return false;
    };
    return EditorView.domEventHandlers({
      blur: flush,
      keydown: (event) => (event.ctrlKey || event.metaKey || event.altKey ? flush() : false),
    });
  }
}
