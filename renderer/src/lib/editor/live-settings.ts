/**
 * What the query and variables editors take from their props and change while open: read-only,
 * the accessible label, and what `{{variables}}` resolve against. `initial` goes into the view
 * when it is built; `reconfigure` changes a running view when a prop changes.
 */
import { Compartment, EditorState, type Extension, type StateEffect } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { templateScopeFacet, type TemplateScope } from './template-variables.ts';

export interface EditorSettings {
  readonly: boolean;
  ariaLabel: string;
  templateScope: TemplateScope | null;
}

export class LiveSettings {
  readonly #editable = new Compartment();
  readonly #label = new Compartment();
  readonly #templates = new Compartment();

  initial(settings: EditorSettings): Extension[] {
    return [
      this.#templates.of(templateScopeFacet.of(settings.templateScope)),
      this.#editable.of(EditorState.readOnly.of(settings.readonly)),
      this.#label.of(EditorView.contentAttributes.of({ 'aria-label': settings.ariaLabel })),
    ];
  }

  reconfigure(view: EditorView | undefined, settings: EditorSettings): void {
    const effects: StateEffect<unknown>[] = [
      this.#editable.reconfigure(EditorState.readOnly.of(settings.readonly)),
      this.#label.reconfigure(
        EditorView.contentAttributes.of({ 'aria-label': settings.ariaLabel }),
      ),
      this.#templates.reconfigure(templateScopeFacet.of(settings.templateScope)),
    ];
    view?.dispatch({ effects });
  }
}
