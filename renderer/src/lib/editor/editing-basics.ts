/**
 * What every editable CodeMirror editor of the app has: Ctrl/Cmd+Enter runs (plus any extra
 * top-priority keys), gutters, history, closing brackets, the standard keymaps and the app's look.
 * Each editor adds its language, completion, checks and bracket matching on top (matching scans
 * the cursor's whole line: next to a bracket in a 5 MB one-line JSON, a
 * quarter of a second).
 */
import { closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { foldGutter, foldKeymap } from '@codemirror/language';
import { lintGutter, lintKeymap } from '@codemirror/lint';
import { searchKeymap } from '@codemirror/search';
import { Prec, type Extension } from '@codemirror/state';
import {
  drawSelection,
  highlightActiveLine,
  keymap,
  lineNumbers,
  type KeyBinding,
} from '@codemirror/view';
import { editorLook } from './editor-theme.ts';

export function editingBasics(run: () => void, extraKeys: KeyBinding[] = []): Extension[] {
  return [
    Prec.highest(
      keymap.of([
        {
          key: 'Mod-Enter',
          run: () => {
            run();
            return true;
          },
        },
        ...extraKeys,
      ]),
    ),
    lineNumbers(),
    foldGutter(),
    lintGutter(),
    history(),
    drawSelection(),
    closeBrackets(),
    highlightActiveLine(),
    keymap.of([
      ...closeBracketsKeymap,
      ...defaultKeymap,
      ...searchKeymap,
      ...historyKeymap,
      ...foldKeymap,
      ...completionKeymap,
      ...lintKeymap,
    ]),
    editorLook,
  ];
}
