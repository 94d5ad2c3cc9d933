/**
 * Brings a response into the viewer without freezing the window: small ones are laid out inline,
 * big ones in a worker whose line chunks are appended to a CodeMirror Text one message (one short
 * task) at a time. Only the first `previewChars` are built until the user asks for all of it,
 * which keeps memory bounded for responses nobody scrolls through.
 */
import { Text } from '@codemirror/state';
import { layoutJson, type ErrorMarks, type JsonPath } from './json-layout.ts';
import type { FromLayoutWorker, ToLayoutWorker } from './json-viewer-protocol.ts';

export interface LoadedJson {
  doc: Text;
  parsed: boolean;
  parseError?: string;
  marks: ErrorMarks;
  totalChars: number;
  /** Characters of the pretty text in `doc`; less than totalChars while only a preview is shown. */
  shownChars: number;
}

export interface JsonLoad {
  /** Resolves with the preview (or everything when it is small). */
  ready: Promise<LoadedJson>;
  /** Loads the rest; resolves with the complete document. */
  loadAll(): Promise<LoadedJson>;
  /** Stops the worker and frees its copy of the text. */
  dispose(): void;
}

/** Texts up to this size are laid out on the main thread: a worker would only add latency. */
export const INLINE_LIMIT = 256 * 1024;
export const DEFAULT_PREVIEW_CHARS = 4 * 1024 * 1024;

export function loadJson(
  input: { text: string } | { value: unknown },
  options: { extraPaths?: JsonPath[]; previewChars?: number } = {},
): JsonLoad {
  const extraPaths = options.extraPaths ?? [];
  if ('text' in input && input.text.length <= INLINE_LIMIT) {
    const layout = layoutJson(input, extraPaths);
    const loaded: LoadedJson = {
      doc: Text.of(layout.pretty.split('\n')),
      parsed: layout.parsed,
      ...(layout.parseError === undefined ? {} : { parseError: layout.parseError }),
      marks: layout.marks,
      totalChars: layout.pretty.length,
      shownChars: layout.pretty.length,
    };
    return { ready: Promise.resolve(loaded), loadAll: () => Promise.resolve(loaded), dispose() {} };
  }

  const worker = new Worker(new URL('./json-viewer.worker.ts', import.meta.url), {
    type: 'module',
  });
  let current: LoadedJson | null = null;
  let meta: Extract<FromLayoutWorker, { kind: 'meta' }> | null = null;
  let doc = Text.empty;
  let waiting: { resolve(l: LoadedJson): void; reject(e: Error): void } | null = null;

  const next = () =>
    new Promise<LoadedJson>((resolve, reject) => {
      waiting = { resolve, reject };
    });

  worker.onmessage = (event: MessageEvent<FromLayoutWorker>) => {
    const message = event.data;
    if (message.kind === 'meta') {
      meta = message;
    } else if (message.kind === 'chunk') {
      // A chunk starts on a new line: the leading '' becomes the line break after the last one.
      const part = Text.of(message.first ? message.lines : ['', ...message.lines]);
      doc = message.first ? part : doc.append(part);
    } else if (message.kind === 'paused' && meta) {
      current = {
        doc,
        parsed: meta.parsed,
        ...(meta.parseError === undefined ? {} : { parseError: meta.parseError }),
        marks: meta.marks,
        totalChars: meta.totalChars,
        shownChars: message.shownChars,
      };
      if (message.complete) worker.terminate();
      waiting?.resolve(current);
      waiting = null;
    } else if (message.kind === 'failed') {
      waiting?.reject(new Error(`The response could not be laid out: ${message.message}`));
      waiting = null;
    }
  };
  worker.onerror = (event) => {
    waiting?.reject(new Error(`The JSON viewer's worker failed: ${event.message}`));
    waiting = null;
  };

  const ready = next();
  const request: ToLayoutWorker = {
    kind: 'layout',
    input,
    extraPaths,
    previewChars: options.previewChars ?? DEFAULT_PREVIEW_CHARS,
  };
  worker.postMessage(request);

  return {
    ready,
    loadAll() {
      const loaded = current as LoadedJson | null;
      if (loaded && loaded.shownChars >= loaded.totalChars) return Promise.resolve(loaded);
      const all = ready.then(() => {
        const promise = next();
        worker.postMessage({ kind: 'more' } satisfies ToLayoutWorker);
        return promise;
      });
      return all;
    },
    dispose() {
      worker.terminate();
      waiting = null;
    },
  };
}
