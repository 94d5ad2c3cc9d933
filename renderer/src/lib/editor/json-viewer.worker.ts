/**
 * Off the main thread: JSON.parse + pretty-print + error marks of a response of any size, then
 * the text sent back in line chunks so the window builds its document in small steps.
 */
import { layoutJson } from './json-layout.ts';
import type { FromLayoutWorker, ToLayoutWorker } from './json-viewer-protocol.ts';

/** About 1 MB per message: each costs the main thread a few milliseconds to take in. */
const CHUNK_CHARS = 1 << 20;

let pretty = '';
let sent = 0;

function post(message: FromLayoutWorker): void {
  (self as unknown as Worker).postMessage(message);
}

function sendUntil(limit: number): void {
  const stop = Math.min(pretty.length, limit);
  while (sent < pretty.length && sent < stop) {
    let end = Math.min(pretty.length, sent + CHUNK_CHARS);
    if (end < pretty.length) {
      const nl = pretty.indexOf('\n', end);
      end = nl === -1 ? pretty.length : nl;
    }
    // Chunks split on newlines; the newline itself is implied between chunks.
    post({ kind: 'chunk', lines: pretty.slice(sent, end).split('\n'), first: sent === 0 });
    sent = end < pretty.length ? end + 1 : end;
  }
  if (pretty.length === 0 && sent === 0) post({ kind: 'chunk', lines: [''], first: true });
  post({ kind: 'paused', shownChars: sent, complete: sent >= pretty.length });
}

self.onmessage = (event: MessageEvent<ToLayoutWorker>) => {
  const message = event.data;
  try {
    if (message.kind === 'layout') {
      const layout = layoutJson(message.input, message.extraPaths);
      pretty = layout.pretty;
      sent = 0;
      post({
        kind: 'meta',
        parsed: layout.parsed,
        ...(layout.parseError === undefined ? {} : { parseError: layout.parseError }),
        marks: layout.marks,
        totalChars: pretty.length,
      });
      sendUntil(message.previewChars);
    } else {
      sendUntil(Infinity);
    }
  } catch (error) {
    post({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
};
