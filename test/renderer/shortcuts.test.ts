import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  chordLabel,
  keptByTextField,
  shortcutOf,
  SHORTCUTS,
} from '../../renderer/src/lib/shortcuts.ts';

type Press = Parameters<typeof shortcutOf>[0];

function press(key: string, mods: Partial<Press> = {}): Press {
  return { key, code: '', ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...mods };
}

describe('the shortcut table', () => {
  test('no two shortcuts share a chord, and every chord finds its own shortcut', () => {
    const seen = new Map<string, string>();
    for (const shortcut of SHORTCUTS) {
      for (const chord of shortcut.chords) {
        const label = chordLabel(chord, false);
        assert.equal(seen.get(label), undefined, `${label}: ${seen.get(label)} and ${shortcut.id}`);
        seen.set(label, shortcut.id);
        const event = press(chord.key, {
          ctrlKey: Boolean(chord.mod || chord.ctrl),
          shiftKey: Boolean(chord.shift),
          altKey: Boolean(chord.alt),
        });
        assert.equal(shortcutOf(event)?.id, shortcut.id, label);
      }
    }
  });

  test('modifiers must match exactly: Ctrl+S saves, Ctrl+Shift+S saves as, Ctrl+Alt+S is nothing', () => {
    assert.equal(shortcutOf(press('s', { ctrlKey: true }))?.id, 'save');
    assert.equal(shortcutOf(press('S', { ctrlKey: true, shiftKey: true }))?.id, 'saveAs');
    assert.equal(shortcutOf(press('s', { metaKey: true }))?.id, 'save', 'Cmd on a Mac');
    assert.equal(shortcutOf(press('s', { ctrlKey: true, altKey: true })), null);
    assert.equal(shortcutOf(press('s')), null, 'typing an s is typing');
  });

  test('Option+T on a Mac (key †) is still Alt+T by its key code', () => {
    assert.equal(shortcutOf(press('†', { code: 'KeyT', altKey: true }))?.id, 'newTab');
  });

  test('labels name the keys the way each system writes them', () => {
    assert.equal(chordLabel({ key: 's', mod: true, shift: true }, false), 'Ctrl+Shift+S');
    assert.equal(chordLabel({ key: 's', mod: true, shift: true }, true), 'Cmd+Shift+S');
    assert.equal(chordLabel({ key: 'tab', ctrl: true }, true), 'Ctrl+Tab');
    assert.equal(chordLabel({ key: 'arrowleft', alt: true, shift: true }, false), 'Alt+Shift+←');
  });

  test('on a Mac, Option keys in a text field are typing; Cmd keys are shortcuts everywhere', () => {
    assert.equal(keptByTextField(press('t', { altKey: true }), true, true), true);
    assert.equal(keptByTextField(press('t', { altKey: true }), false, true), false);
    assert.equal(keptByTextField(press('s', { metaKey: true }), true, true), false);
    assert.equal(keptByTextField(press('t', { altKey: true }), true, false), false, 'not a Mac');
  });
});
