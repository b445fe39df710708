// The page's side of a file read for the core worker (byte-inbox.mjs is the worker's):
// the page reads each File (Blob.stream()) and moves its chunks to the worker, which
// parses meanwhile on its own thread. Reading a Blob costs CPU on the thread that
// reads it (Chromium: ~0.1 s for 98 MB); read by the worker itself, that time came on
// top of the parse. The page's main thread is idle during a parse.
import { looksLikeZip } from '../../js/workbook.mjs';

/** Bytes read ahead of the core at most (held in the worker until it parses them). */
export const PUSH_WINDOW = 16 << 20;

/**
 * Which files the page reads for the core: every file but a workbook (a zip: the core
 * reads its parts at random offsets from the Blob itself, js/workbook.mjs decides).
 */
export async function pushable(files) {
  const heads = await Promise.all(files.map((f) => f.data.slice(0, 4).arrayBuffer()));
  return files.map((_, i) => i).filter((i) => !looksLikeZip(new Uint8Array(heads[i])));
}

/**
 * Reads `files[i]` for each i of `indexes`, in order, and posts their chunks to request
 * `target` (post(msg, transfer)): { type: 'chunk', target, file: i, buf | end | error }.
 * Waits while more than PUSH_WINDOW bytes are unread by the core (`pulled()`: bytes it
 * took so far, over every file; `whenPulled()`: a promise of its next answer).
 * Stops when `stopped()` (a cancel). A read error goes to the core, which fails the open
 * with it (the user sees it).
 */
export async function pushFiles({ post, target, files, indexes, pulled, whenPulled, stopped, window = PUSH_WINDOW }) {
  let sent = 0;
  for (const i of indexes) {
    const reader = files[i].data.stream().getReader();
    try {
      for (;;) {
        while (sent - pulled() > window && !stopped()) await whenPulled();
        if (stopped()) { reader.cancel().catch(() => {}); return; }
        const { done, value } = await reader.read();
        if (done) break;
        // A chunk that owns its buffer is moved; one that views part of a buffer is copied first.
        const buf = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength ? value.buffer : value.slice().buffer;
        sent += value.byteLength;
        post({ type: 'chunk', target, file: i, buf }, [buf]);
      }
    } catch (e) {
      if (!stopped()) post({ type: 'chunk', target, file: i, error: { name: e?.name || 'Error', message: `could not read the file: ${e?.message || e}` } });
      return;
    }
    post({ type: 'chunk', target, file: i, end: true });
  }
}
