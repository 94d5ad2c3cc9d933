/** Messages between the JSON viewer and its layout worker. */
import type { ErrorMarks, JsonPath } from './json-layout.ts';

export type ToLayoutWorker =
  | {
      kind: 'layout';
      input: { text: string } | { value: unknown };
      extraPaths: JsonPath[];
      /** Send lines until this many characters, then wait for 'more'. */
      previewChars: number;
    }
  | { kind: 'more' };

export type FromLayoutWorker =
  | {
      kind: 'meta';
      parsed: boolean;
      parseError?: string;
      marks: ErrorMarks;
      totalChars: number;
    }
  /** Consecutive lines of the pretty text; `first` marks the first chunk of the document. */
  | { kind: 'chunk'; lines: string[]; first: boolean }
  /** Everything up to `shownChars` has been sent; `complete` when that is the whole text. */
  | { kind: 'paused'; shownChars: number; complete: boolean }
  | { kind: 'failed'; message: string };
