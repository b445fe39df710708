// The core worker's side of a file read on the page (push-reader.mjs): the bytes of
// one file of an open request arrive as 'chunk' messages, moved (transferred), and the
// core reads them from here as from a stream. Reading a Blob costs its reader CPU time
// (Chromium: ~0.1 s for 98 MB, on the thread that reads), so the page reads while this
// worker parses: 1M rows opened in ~208 ms instead of ~247 ms (bench/tmp harness,
// docs/dashboard.md "Import"). `pulled` answers tell the page how far the core has
// read, so at most push-reader's window of bytes waits here.

/**
 * The bytes of one file: an async iterable of Uint8Array chunks with the file's
 * `size` (the core sizes its columns from it). `onPull(n)`: the core took n bytes.
 */
export function byteInbox(size, onPull) {
  const chunks = [];
  let wake = null;
  let ended = false;
  let failure = null;
  const poke = () => { wake?.(); wake = null; };
  return {
    size,
    /** A message from the page: { buf } (bytes), { end: true } or { error: message }. */
    take({ buf, end, error }) {
      if (buf) chunks.push(new Uint8Array(buf));
      if (end) ended = true;
      if (error) failure ??= Object.assign(new Error(error.message), { name: error.name });
      poke();
    },
    /** Stops the read (a cancel): the core's next wait rejects with `reason`. */
    fail(reason) { failure ??= reason; poke(); },
    async *[Symbol.asyncIterator]() {
      for (;;) {
        if (failure) throw failure;
        if (chunks.length) {
          const chunk = chunks.shift();
          onPull(chunk.length);
          yield chunk;
          continue;
        }
        if (ended) return;
        await new Promise((resolve) => { wake = resolve; });
      }
    },
  };
}
