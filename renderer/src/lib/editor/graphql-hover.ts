/** Hover docs in the query editor: the field's (argument's, type's) signature and description. */
import { hoverTooltip, type EditorView } from '@codemirror/view';
import { getSchema } from 'cm6-graphql';
import { hoverDocAt } from './hover-docs.ts';

export const graphqlHover = hoverTooltip((view: EditorView, pos: number) => {
  const schema = getSchema(view.state);
  if (!schema) return null;
  const word = view.state.wordAt(pos);
  if (!word) return null;
  // The language service reads the token that ends at the position: point inside the word.
  const doc = hoverDocAt(schema, view.state.doc.toString(), Math.min(word.to, pos + 1));
  if (!doc) return null;
  return {
    pos: word.from,
    end: word.to,
    above: true,
    create() {
      const dom = document.createElement('div');
      dom.className = 'cm-hover-docs';
      const signature = document.createElement('code');
      signature.textContent = doc.signature;
      dom.append(signature);
      if (doc.description) {
        const description = document.createElement('p');
        description.textContent = doc.description;
        dom.append(description);
      }
      return { dom };
    },
  };
});
