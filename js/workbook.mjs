// The JS host of an .xlsx read (src/core/ingest/xlsx_reader.hpp): the core asks
// for byte ranges of the file; this reads them (Blob slices, file handle, or bytes
// in memory) and inflates deflated parts with the platform's inflater
// (DecompressionStream('deflate-raw') in browsers and workers, node:zlib in Node),
// feeding the core in chunks. Neither a whole sheet nor (for a Blob or a file) the
// whole workbook is ever held in memory.
import { toChunks } from './chunks.mjs';

const isNode = typeof process === 'object' && process.versions?.node && typeof window === 'undefined';

export function looksLikeZip(head) {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b &&
    ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));
}

const blobSource = (blob) => ({
  size: blob.size,
  stream: (offset, length) => blob.slice(offset, offset + length).stream(),
});
const bytesSource = (bytes) => ({
  size: bytes.length,
  stream: (offset, length) => new Blob([bytes.subarray(offset, offset + length)]).stream(),
  bytes: (offset, length) => bytes.subarray(offset, offset + length),
});

function asView(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  return null;
}

/**
 * Looks at an input's first bytes. Returns { workbook: source } for a ZIP, else
 * { input } to stream as text (a stream's first chunk is put back in front).
 * A stream that turns out to be a ZIP is read into memory (it cannot seek).
 */
export async function openInput(input) {
  const view = asView(input);
  if (view) return looksLikeZip(view) ? { workbook: bytesSource(view) } : { input };
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    const head = new Uint8Array(await input.slice(0, 4).arrayBuffer());
    return looksLikeZip(head) ? { workbook: blobSource(input) } : { input };
  }
  if (input && typeof input === 'object' && input.npskitPath && isNode) {
    const { open } = await import('node:fs/promises');
    const handle = await open(input.npskitPath, 'r');
    const { size } = await handle.stat();
    const head = new Uint8Array(4);
    await handle.read(head, 0, 4, 0);
    if (!looksLikeZip(head)) {
      await handle.close();
      const { createReadStream } = await import('node:fs');
      return { input: createReadStream(input.npskitPath, { highWaterMark: 4 << 20 }) };
    }
    return {
      workbook: {
        size,
        close: () => handle.close(),
        bytes: async (offset, length) => {
          const out = new Uint8Array(length);
          await handle.read(out, 0, length, offset);
          return out;
        },
        // A part's compressed bytes in 1 MiB reads: a sheet is never read whole.
        chunks: async function* (offset, length) {
          for (let at = 0; at < length; at += 1 << 20) {
            const out = new Uint8Array(Math.min(1 << 20, length - at));
            await handle.read(out, 0, out.length, offset + at);
            yield out;
          }
        },
      },
    };
  }
  if (typeof input === 'string') return { input };
  const iterator = toChunks(input)[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (!first.done && looksLikeZip(first.value)) {
    const parts = [first.value];
    for (let n = await iterator.next(); !n.done; n = await iterator.next()) parts.push(n.value);
    const whole = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) { whole.set(p, at); at += p.length; }
    return { workbook: bytesSource(whole) };
  }
  async function* rest() {
    if (!first.done) yield first.value;
    for (let n = await iterator.next(); !n.done; n = await iterator.next()) yield n.value;
  }
  return { input: rest() };
}

// The bytes answering one request, as an async sequence of chunks.
async function* requestChunks(source, offset, length, method) {
  if (method !== 8) {
    if (source.chunks) yield* source.chunks(offset, length);
    else if (source.bytes) yield await source.bytes(offset, length);
    else yield* toChunks(source.stream(offset, length));
    return;
  }
  if (isNode) {
    const { createInflateRaw } = await import('node:zlib');
    const { Readable } = await import('node:stream');
    const raw = source.chunks ? Readable.from(source.chunks(offset, length))
      : source.stream ? Readable.fromWeb(source.stream(offset, length))
      : Readable.from([await source.bytes(offset, length)]);
    const inflater = raw.pipe(createInflateRaw());
    try {
      for await (const chunk of inflater) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    } finally {
      inflater.destroy();
      raw.destroy();
    }
    return;
  }
  const compressed = source.stream ? source.stream(offset, length) : new Blob([await source.bytes(offset, length)]).stream();
  yield* toChunks(compressed.pipeThrough(new DecompressionStream('deflate-raw')));
}

/**
 * Serves the core's requests until it needs no more. `target`: the wasm Analyzer
 * or Session (zipRequest, feed, endZipRequest). Returns false when the core failed.
 */
export async function serveWorkbook(Module, target, source, { signal, stopWhen } = {}) {
  const capacity = 1 << 20;
  const ptr = Module._malloc(capacity);
  try {
    for (;;) {
      if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
      if (stopWhen?.()) return true;
      const list = target.zipRequest();
      const request = list.size() ? [0, 1, 2, 3].map((i) => list.get(i)) : null;
      list.delete();
      if (!request) return !target.error();
      const [offset, length, method] = request;
      let more = true;
      const chunks = requestChunks(source, offset, length, method);
      for await (const chunk of chunks) {
        for (let at = 0; at < chunk.length && more; at += capacity) {
          const part = chunk.subarray(at, at + capacity);
          Module.HEAPU8.set(part, ptr);
          more = target.feed(ptr, part.length);
        }
        if (!more) break; // the generator's finally stops the inflater
      }
      target.endZipRequest();
    }
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    // The platform's inflater refused the data: a damaged part.
    throw Object.assign(new Error(`the workbook is damaged: ${error?.message ?? error}`), { workbookDamaged: true });
  } finally {
    Module._free(ptr);
    await source.close?.();
  }
}
