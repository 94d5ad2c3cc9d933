/** What the folder browser shows: the names of sub-folders (and, when asked, `.json` files). */

export interface FolderEntryDTO {
  name: string;
  /** The entry's absolute path, as it should be opened (a link keeps its own name). */
  path: string;
}

export interface FolderListingDTO {
  /** The folder listed, with links resolved. */
  path: string;
  /** The user's home folder: the browser's root, which nothing above can be reached from. */
  home: string;
  /** The folder above, or null at home. */
  parent: string | null;
  /** From home down to this folder, for a breadcrumb. */
  crumbs: FolderEntryDTO[];
  folders: FolderEntryDTO[];
  /** `.json` files, only when a file was asked for (names only, never their contents). */
  files: FolderEntryDTO[];
  /** More entries than one listing shows: the first ones by name are listed. */
  truncated: boolean;
}

/** What a picker chooses: a folder (open, import into) or an export file (import from). */
export type PickKind = 'folder' | 'file';
