/**
 * Every keyboard shortcut of the app, in one table: the window's key handler matches events
 * against it, the shortcut sheet lists it and the command palette takes its hints from it.
 * A shortcut's first chord is the one shown; the others do the same thing where a browser
 * keeps the first for itself (Ctrl+T, Ctrl+W and Ctrl+Tab in the web host).
 */

export type ShortcutId =
  | 'palette'
  | 'switcher'
  | 'shortcuts'
  | 'run'
  | 'save'
  | 'saveAs'
  | 'newTab'
  | 'closeTab'
  | 'closeOthers'
  | 'renameTab'
  | 'duplicateTab'
  | 'nextTab'
  | 'previousTab'
  | 'moveTabLeft'
  | 'moveTabRight';

export interface Chord {
  /** `event.key`, lower case (`s`, `/`, `tab`, `arrowleft`, `pagedown`, `enter`). */
  key: string;
  /** Ctrl, or Cmd on a Mac. */
  mod?: boolean;
  /** Ctrl on every system (Ctrl+Tab); Cmd is accepted for it too. */
  ctrl?: boolean;
  shift?: boolean;
  alt?: boolean;
}

export interface Shortcut {
  id: ShortcutId;
  label: string;
  group: 'App' | 'Request' | 'Tabs';
  chords: Chord[];
  /**
   * Where the key works: everywhere, in the Request view, or only with the focus in the
   * request's editors (the editor handles it; the window's handler leaves it alone).
   */
  scope: 'app' | 'request' | 'editor';
}

export const SHORTCUTS: readonly Shortcut[] = [
  {
    id: 'palette',
    label: 'Command palette',
    group: 'App',
    chords: [{ key: 'p', mod: true, shift: true }],
    scope: 'app',
  },
  {
    id: 'switcher',
    label: 'Switch profile…',
    group: 'App',
    chords: [{ key: 'k', mod: true }],
    scope: 'app',
  },
  {
    id: 'shortcuts',
    label: 'Keyboard shortcuts',
    group: 'App',
    chords: [{ key: '/', mod: true }],
    scope: 'app',
  },
  {
    id: 'run',
    label: 'Run the request',
    group: 'Request',
    chords: [{ key: 'enter', mod: true }],
    scope: 'editor',
  },
  {
    id: 'save',
    label: 'Save the tab to its collection',
    group: 'Request',
    chords: [{ key: 's', mod: true }],
    scope: 'request',
  },
  {
    id: 'saveAs',
    label: 'Save the tab as a new request…',
    group: 'Request',
    chords: [{ key: 's', mod: true, shift: true }],
    scope: 'request',
  },
  {
    id: 'newTab',
    label: 'New request tab',
    group: 'Tabs',
    chords: [
      { key: 't', mod: true },
      { key: 't', alt: true },
    ],
    scope: 'request',
  },
  {
    id: 'closeTab',
    label: 'Close the tab',
    group: 'Tabs',
    chords: [
      { key: 'w', mod: true },
      { key: 'w', alt: true },
    ],
    scope: 'request',
  },
  {
    id: 'closeOthers',
    label: 'Close the other tabs',
    group: 'Tabs',
    chords: [{ key: 'w', alt: true, shift: true }],
    scope: 'request',
  },
  {
    id: 'renameTab',
    label: 'Rename the tab',
    group: 'Tabs',
    chords: [{ key: 'f2' }],
    scope: 'request',
  },
  {
    id: 'duplicateTab',
    label: 'Duplicate the tab',
    group: 'Tabs',
    chords: [{ key: 'd', alt: true, shift: true }],
    scope: 'request',
  },
  {
    id: 'nextTab',
    label: 'Next tab',
    group: 'Tabs',
    chords: [
      { key: 'tab', ctrl: true },
      { key: 'pagedown', alt: true },
    ],
    scope: 'request',
  },
  {
    id: 'previousTab',
    label: 'Previous tab',
    group: 'Tabs',
    chords: [
      { key: 'tab', ctrl: true, shift: true },
      { key: 'pageup', alt: true },
    ],
    scope: 'request',
  },
  {
    id: 'moveTabLeft',
    label: 'Move the tab left',
    group: 'Tabs',
    chords: [
      { key: 'pageup', mod: true, shift: true },
      { key: 'arrowleft', alt: true, shift: true },
    ],
    scope: 'request',
  },
  {
    id: 'moveTabRight',
    label: 'Move the tab right',
    group: 'Tabs',
    chords: [
      { key: 'pagedown', mod: true, shift: true },
      { key: 'arrowright', alt: true, shift: true },
    ],
    scope: 'request',
  },
];

const onMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** What a letter or `/` key is wherever the layout or Alt changes `event.key` (Option+T = †). */
function codeOf(key: string): string | null {
  if (/^[a-z]$/.test(key)) return `Key${key.toUpperCase()}`;
  return key === '/' ? 'Slash' : null;
}

export function matches(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
  chord: Chord,
): boolean {
  if ((event.ctrlKey || event.metaKey) !== Boolean(chord.mod || chord.ctrl)) return false;
  if (event.shiftKey !== Boolean(chord.shift) || event.altKey !== Boolean(chord.alt)) return false;
  return event.key.toLowerCase() === chord.key || event.code === codeOf(chord.key);
}

/** The shortcut an event presses, if any. */
export function shortcutOf(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): Shortcut | null {
  return SHORTCUTS.find((s) => s.chords.some((chord) => matches(event, chord))) ?? null;
}

export function shortcut(id: ShortcutId): Shortcut {
  return SHORTCUTS.find((s) => s.id === id)!;
}

/**
 * On a Mac, Option types characters (Option+T is †) and Option+Shift+← selects a word: in a
 * text field a shortcut without Cmd or Ctrl stays the field's.
 */
export function keptByTextField(
  event: Pick<KeyboardEvent, 'ctrlKey' | 'metaKey'>,
  inTextField: boolean,
  mac = onMac,
): boolean {
  return mac && inTextField && !event.ctrlKey && !event.metaKey;
}

const KEY_NAMES: Record<string, string> = {
  tab: 'Tab',
  enter: 'Enter',
  arrowleft: '←',
  arrowright: '→',
  pageup: 'PageUp',
  pagedown: 'PageDown',
  f2: 'F2',
};

/** A chord as people write it: `Ctrl+Shift+S` (`Cmd+Shift+S` on a Mac). */
export function chordLabel(chord: Chord, mac = onMac): string {
  const parts = [
    chord.mod ? (mac ? 'Cmd' : 'Ctrl') : null,
    chord.ctrl ? 'Ctrl' : null,
    chord.alt ? (mac ? 'Option' : 'Alt') : null,
    chord.shift ? 'Shift' : null,
    KEY_NAMES[chord.key] ?? chord.key.toUpperCase(),
  ];
  return parts.filter(Boolean).join('+');
}

/** The hint shown beside a command: its first chord. */
export function hintOf(id: ShortcutId): string {
  return chordLabel(shortcut(id).chords[0]!);
}
