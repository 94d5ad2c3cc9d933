/** Attachments that move the focus when an element appears (`{@attach focusAndSelect}`). */
import type { Attachment } from 'svelte/attachments';

/** Focuses a field and selects its text, to type over it. */
export const focusAndSelect: Attachment<HTMLInputElement> = (input) => {
  input.focus();
  input.select();
};

export const focus: Attachment<HTMLElement> = (element) => element.focus();
