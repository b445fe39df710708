// Turns any supported input into an async sequence of Uint8Array chunks.
export const CHUNK_BYTES = 4 << 20;

function* sliceBytes(bytes) {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

function asBytes(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return new TextEncoder().encode(chunk);
  throw new TypeError('npskit: chunks must be bytes (Uint8Array/ArrayBuffer) or strings');
}

/** Uint8Array | ArrayBuffer | string | Blob | ReadableStream | (Async)Iterable of those. */
export async function* toChunks(input) {
  if (input == null) throw new TypeError('npskit: no input given');
  if (typeof input === 'string' || input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    yield* sliceBytes(asBytes(input));
    return;
  }
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    // The next chunk is read (browser I/O, off this thread) while this one is parsed.
    const read = (at) => (at < input.size ? input.slice(at, at + CHUNK_BYTES).arrayBuffer() : null);
    let next = read(0);
    try {
      for (let at = 0; next; at += CHUNK_BYTES) {
        const bytes = await next;
        next = read(at + CHUNK_BYTES);
        yield new Uint8Array(bytes);
      }
    } finally {
      next?.catch(() => {}); // stopped early (cancel, inspect): nobody waits for the read ahead
    }
    return;
  }
  if (typeof input.getReader === 'function') {
    const reader = input.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        yield asBytes(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  if (typeof input[Symbol.asyncIterator] === 'function' || typeof input[Symbol.iterator] === 'function') {
    for await (const chunk of input) yield asBytes(chunk);
    return;
  }
  throw new TypeError('npskit: unsupported input; give bytes, a string, a Blob or a stream');
}
