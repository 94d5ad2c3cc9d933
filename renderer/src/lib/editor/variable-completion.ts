/** Autocomplete of variable names (the JSON object's keys) from the operation's definitions. */
import type { CompletionContext, CompletionResult } from '@codemirror/autocomplete';
import { syntaxTree } from '@codemirror/language';

export interface VariableDefinition {
  name: string;
  type: string;
  required: boolean;
}

/** Completes a key of the top-level object; keys already present are not proposed again. */
export function variableKeyCompletion(definitions: () => VariableDefinition[]) {
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/"?[_A-Za-z0-9]*/);
    if (!word) return null;
    const node = syntaxTree(context.state).resolveInner(context.pos, -1);
    let depth = 0;
    for (let n: typeof node | null = node; n; n = n.parent) if (n.name === 'Object') depth++;
    const textBefore = context.state.sliceDoc(0, word.from).trimEnd();
    const keyPosition = node.name === 'PropertyName' || /[{,]$/.test(textBefore);
    if (depth !== 1 || !keyPosition) return null;
    if (word.from === word.to && !context.explicit && !textBefore.endsWith('{')) return null;

    const text = context.state.doc.toString();
    const present = new Set([...text.matchAll(/"([_A-Za-z][_A-Za-z0-9]*)"\s*:/g)].map((m) => m[1]));
    const options = definitions()
      .filter((d) => !present.has(d.name))
      .map((d) => ({
        label: `"${d.name}"`,
        apply: `"${d.name}": `,
        detail: d.type,
        type: 'variable',
        boost: d.required ? 1 : 0,
      }));
    if (options.length === 0) return null;
    const to = node.name === 'PropertyName' ? node.to : context.pos;
    return { from: word.from, to, options, validFor: /^"?[_A-Za-z0-9]*$/ };
  };
}
