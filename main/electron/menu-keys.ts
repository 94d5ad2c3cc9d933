/**
 * Keys the page handles that Electron's default menu would take first: its Window › Close is
 * Ctrl+W (Cmd+W on a Mac), which in this app closes the request tab, not the window.
 */
export interface KeyInput {
  type: string;
  key: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export function isPageKey(input: KeyInput): boolean {
  return (
    input.type === 'keyDown' &&
    (input.control || input.meta) &&
    !input.alt &&
    !input.shift &&
    input.key.toLowerCase() === 'w'
  );
}
