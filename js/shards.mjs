// Shards: one file read by several sessions at once, each over its own byte range,
// every answer merged in the core (docs/api/shards.md). This file only moves bytes
// and calls the core in order; every decision (where a shard starts, which shard
// re-reads, which rows are duplicates, whose response is a person's latest, how
// partials merge) is the core's (src/core/analysis/shard_*.cpp).
//
// The steps, each a coarse call a worker pool can make per shard:
//   planShards(Module, input, n, options)          the file's head -> plan
//   readShard(Module, input, plan, k, options)     shard k: its head, then its range -> a Shard (cancellable: signal)
//   settleShards(Module, plan, shards)             check (re-read), line shifts, the id step
//   rowsToConfirm / crossShardAnswer              a cross-shard step's two rounds (acrossShards: both here)
//   shardedReport / Rows / Comments / Info        partials -> merged answer
// openShardedSession runs them in-process (Node, tests): the same path, one thread.

const STEP = 1 << 20; // bytes per feed call

// Random access to the input's bytes: a Blob (File) is read by slices, bytes are viewed.
// A Blob's source also streams a range (`stream(a, b)`: a reader of its chunks): the
// browser reads ahead while the core works, in one request (bench/pool-trace.mjs).
export function byteSource(input) {
  if (typeof Blob !== 'undefined' && input instanceof Blob) {
    return {
      size: input.size,
      read: async (a, b) => new Uint8Array(await input.slice(a, b).arrayBuffer()),
      stream: typeof input.stream === 'function' ? (a, b) => input.slice(a, b).stream().getReader() : null,
    };
  }
  let bytes;
  if (typeof input === 'string') bytes = new TextEncoder().encode(input);
  else if (input instanceof ArrayBuffer) bytes = new Uint8Array(input);
  else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  else return null; // a stream: no random access, so no shards
  return { size: bytes.length, read: async (a, b) => bytes.subarray(a, b) };
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

// Feeds [begin, end) of the source through one wasm buffer (pieces of at most STEP
// bytes) while feed() says more. `signal` stops it before the next piece is read, and
// after a read it was waiting on (rejects with the signal's reason).
// [begin, aheadUntil) is needed whole (a shard's range up to its end's candidate):
// a Blob streams it, so the browser reads ahead while the core works on what
// arrived (in a 2-worker pool on 2 cores, 1 MB slice().arrayBuffer() steps left each
// worker waiting ~40% of its read: bench/pool-trace.mjs). Past aheadUntil (how far a
// shard reads is known only as it reads) a piece is read by a slice once the core
// asks for more, so a read never runs more than one step past where the shard stops.
// `waited` (a trace, optional): the ms spent waiting for bytes are added to waited.ms.
async function feedRange(Module, source, begin, end, feed, signal, aheadUntil = 0, waited = null) {
  throwIfAborted(signal);
  const ptr = Module._malloc(STEP);
  const wait = async (promise) => {
    const asked = waited && performance.now();
    const got = await promise;
    if (waited) waited.ms += performance.now() - asked;
    throwIfAborted(signal);
    return got;
  };
  const give = (bytes) => { // false once the core wants no more
    for (let at = 0; at < bytes.length; at += STEP) {
      const part = bytes.subarray(at, at + STEP);
      Module.HEAPU8.set(part, ptr); // HEAPU8 is re-read: memory may have grown
      if (!feed(ptr, part.length)) return false;
    }
    return true;
  };
  try {
    let at = begin;
    const streamed = Math.min(end, aheadUntil);
    if (source.stream && at < streamed) {
      const reader = source.stream(at, streamed);
      let done = false;
      try {
        for (;;) {
          const next = await wait(reader.read());
          if (next.done) { done = true; break; }
          at += next.value.length;
          if (!give(next.value)) return false;
        }
      } finally {
        if (!done) reader.cancel().catch(() => {}); // stopped early: the browser stops reading
      }
      if (at !== streamed) throw new Error(`the file changed while it was read (${at} of ${streamed} bytes)`);
    }
    for (; at < end; at += STEP) {
      if (!give(await wait(source.read(at, Math.min(end, at + STEP))))) return false;
    }
    return true;
  } finally {
    Module._free(ptr);
  }
}

/** Runs use(pointer, length) over a copy of `bytes` in the module's memory (freed after). */
export function withBytes(Module, bytes, use) {
  const ptr = Module._malloc(Math.max(1, bytes.length));
  try {
    Module.HEAPU8.set(bytes, ptr);
    return use(ptr, bytes.length);
  } finally {
    Module._free(ptr);
  }
}

/**
 * The plan of `input` in up to `n` shards: { file_size, head_end, starts, single_reason, ... }.
 * `signal` (an AbortSignal) stops reading the head between two 1 MB steps.
 */
export async function planShards(Module, input, n, optionsJson, signal) {
  const source = byteSource(input);
  if (!source) return { single_reason: 'a stream has no random access: read as one shard', starts: [0] };
  const planner = new Module.ShardPlanner(optionsJson);
  try {
    if (planner.error()) return { single_reason: planner.error(), starts: [0] };
    const more = await feedRange(Module, source, 0, source.size, (p, len) => planner.feed(p, len), signal);
    if (more) planner.finish(); // the whole file was its head
    return JSON.parse(planner.planJson(source.size, n));
  } finally {
    planner.delete();
  }
}

/**
 * Shard k of `plan` read from `input`: its head, then its range (or `range`, exact,
 * after a check). `signal` (an AbortSignal) cancels the read: it stops before the
 * next 1 MB step (or as the step it waits on arrives), frees the shard and rejects
 * with the signal's reason. `waited` (optional, a trace): { ms } gets the time spent
 * waiting for the input's bytes added.
 */
export async function readShard(Module, input, plan, k, optionsJson, name, range, signal, waited = null) {
  throwIfAborted(signal);
  const source = byteSource(input);
  const shard = new Module.Shard(optionsJson, JSON.stringify(plan), k, range ? JSON.stringify(range) : '', name);
  try {
    if (shard.error()) throw new Error(shard.error());
    if (k > 0) await feedRange(Module, source, 0, plan.head_end, (p, len) => shard.feedHead(p, len), signal, plan.head_end, waited);
    const begin = range ? range.begin : plan.starts[k];
    const until = range ? range.end : (plan.starts[k + 1] ?? source.size); // the end's candidate
    await feedRange(Module, source, begin, source.size, (p, len) => shard.feed(p, len), signal, until, waited);
    shard.finish();
    return shard;
  } catch (error) {
    shard.delete();
    throw error;
  }
}

/**
 * After every shard read its range: re-reads a shard that started inside a quoted
 * field (the core says which, from where), then gives each shard the lines before
 * it and the rows whose id an earlier shard holds. Returns the re-read count.
 */
export async function settleShards(Module, input, plan, shards, optionsJson, name, signal) {
  let rereads = 0;
  for (;;) {
    const extents = shards.map((s) => JSON.parse(s.extentJson()));
    const check = JSON.parse(Module.checkShardsJson(JSON.stringify(plan), JSON.stringify(extents)));
    if (check.error) throw new Error(check.error);
    if (check.reread === null) {
      const drops = acrossShards(Module, shards.map((s) => s.ids()), 'duplicates', texts(Module, shards));
      shards.forEach((s, k) => withBytes(Module, drops[k], (p, len) => s.settle(check.line_shift[k], p, len)));
      return rereads;
    }
    rereads++;
    const reread = check.reread;
    shards[reread].delete();
    shards[reread] = null;
    shards[reread] = await readShard(Module, input, plan, reread, optionsJson, name, check.range, signal);
  }
}

// Each shard's rows whose person's latest response another shard holds (for
// latestPerPerson: each shard lists its latest per person, the core picks who wins).
function latestElsewhere(Module, shards, q, query) {
  if (!query?.latestPerPerson) return shards.map(() => new Uint8Array(0));
  return acrossShards(Module, shards.map((s) => s.latestCandidates(q)), 'latest', texts(Module, shards));
}

// Shard k's person texts of `rows` (u32 bytes), for acrossShards in this thread.
const texts = (Module, shards) => (k, rows) => withBytes(Module, rows, (p, len) => shards[k].personTexts(p, len));

// Runs use(lists) over a ShardLists holding every shard's list (and texts, if any).
function withLists(Module, lists, sentTexts, use) {
  const all = new Module.ShardLists();
  try {
    for (const list of lists) withBytes(Module, list, (p, len) => all.add(p, len));
    for (const t of sentTexts ?? []) withBytes(Module, t, (p, len) => all.addTexts(p, len));
    return use(all);
  } finally {
    all.delete();
  }
}

/**
 * Round 1 of a cross-shard step (`step` 'duplicates': lists are each shard's ids();
 * 'latest': each shard's latestCandidates), in shard order. Persons match by a 64-bit
 * hash, and equal hashes from two shards may be two persons: null when no hash is
 * shared (the answer needs no texts), else each shard's rows (u32 bytes) whose person
 * texts (`personTexts(rows)`) decide.
 */
export function rowsToConfirm(Module, lists, step) {
  return withLists(Module, lists, null, (all) => (all.confirm(step) ? lists.map((_, k) => all.result(k)) : null));
}

/**
 * Round 2: each shard's answer (u32 rows: to drop, or whose person wins elsewhere) from
 * the lists and, if rowsToConfirm asked for them, every shard's texts (in shard order).
 */
export function crossShardAnswer(Module, lists, sentTexts, step) {
  if (!sentTexts) return lists.map(() => new Uint8Array(0)); // no hash shared: no person in two shards
  return withLists(Module, lists, sentTexts, (all) => {
    all[step]();
    if (all.error()) throw new Error(all.error());
    return lists.map((_, k) => all.result(k));
  });
}

/** Both rounds in this thread: textsOf(k, rows) is shard k's personTexts of rows. */
export function acrossShards(Module, lists, step, textsOf) {
  const confirm = rowsToConfirm(Module, lists, step);
  const sent = confirm && confirm.map((rows, k) => (rows.length ? textsOf(k, rows) : new Uint8Array(0)));
  return crossShardAnswer(Module, lists, sent, step);
}

/** The whole file's report from the shards (byte-identical to one session's), or { cannot_shard_exactly }. */
export function shardedReport(Module, shards, query) {
  const q = JSON.stringify(query ?? {});
  const elsewhere = latestElsewhere(Module, shards, q, query);
  const partials = shards.map((s, k) => withBytes(Module, elsewhere[k], (p, len) => s.reportPartialJson(q, p, len)));
  return JSON.parse(Module.mergeReportJson(`[${partials.join(',')}]`, q));
}

/** A page of rows (newest first) from the shards: each lists its first offset + limit, the core merges. */
export function shardedRows(Module, shards, query) {
  const q = JSON.stringify(query ?? {});
  const elsewhere = latestElsewhere(Module, shards, q, query);
  const partials = shards.map((s, k) => withBytes(Module, elsewhere[k], (p, len) => s.rowsPartialJson(q, p, len)));
  return JSON.parse(Module.mergeRowsJson(`[${partials.join(',')}]`, q));
}

/** The comment analytics of the whole file: each shard's comment partial, merged by the core. */
export function shardedComments(Module, shards, query) {
  const q = JSON.stringify(query ?? {});
  const elsewhere = latestElsewhere(Module, shards, q, query);
  const partials = shards.map((s, k) => withBytes(Module, elsewhere[k], (p, len) => s.commentsPartialJson(q, p, len)));
  return JSON.parse(Module.mergeCommentsJson(`[${partials.join(',')}]`, q));
}

/** The whole file's info() from the shards. */
export function shardedInfo(Module, shards) {
  return JSON.parse(Module.mergeInfoJson(`[${shards.map((s) => s.infoJson()).join(',')}]`));
}

/**
 * Opens `input` as `n` shards in this thread. Resolves to { shards, plan, rereads }
 * or to { single: reason } when the file does not split (read it as one session).
 * `signal` cancels it (every shard read so far is freed).
 */
export async function openShardedSession(Module, input, n, optionsJson, name, signal) {
  const plan = await planShards(Module, input, n, optionsJson, signal);
  if (plan.error) return { single: plan.error };
  if (plan.single_reason || plan.starts.length < 2) return { single: plan.single_reason ?? 'one shard' };
  const shards = [];
  try {
    for (let k = 0; k < plan.starts.length; k++) shards.push(await readShard(Module, input, plan, k, optionsJson, name, undefined, signal));
    const rereads = await settleShards(Module, input, plan, shards, optionsJson, name, signal);
    const failed = shards.map((s) => s.error()).find((e) => e);
    if (failed) { // one session reads the file and says what is wrong, where
      shards.forEach((s) => s.delete());
      return { single: `a shard could not read its range (${failed})` };
    }
    return { shards, plan, rereads };
  } catch (error) {
    shards.forEach((s) => s?.delete()); // a shard being re-read is null (readShard freed it)
    throw error;
  }
}
