/**
 * "Paste curl": whether its dialog is open (any command — a button, the palette — opens it),
 * and a pasted request waiting for its endpoint: when one with its URL is saved, the tab the
 * paste opened is bound to it.
 */
export const pasteCurl = $state<{ open: boolean; waiting: { tabId: string; url: string } | null }>({
  open: false,
  waiting: null,
});

export function openPasteCurl(): void {
  pasteCurl.open = true;
}
