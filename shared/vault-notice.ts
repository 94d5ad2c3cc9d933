/**
 * What the desktop app has to tell the user about where its secrets live, once: that this
 * session has no keyring so secrets sit unencrypted in a 0600 file, or that moving them into a
 * keyring that appeared failed. The web host and the CLI always use the 0600 file and say so
 * in their documentation, so they never send one.
 */
export interface VaultNoticeDTO {
  kind: 'unencrypted' | 'move-failed';
  /** Written for the user in main: what happened, where the secrets are, what happens next. */
  message: string;
}
