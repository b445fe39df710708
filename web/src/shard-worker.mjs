// The worker's side of a file read by several workers (web/src/shards.mjs is the
// coordinator on the page). Each worker holds at most one shard of the file: it reads
// the file's head and its own byte range (Blob.slice, never the whole file) through
// the core's shard API (js/shards.mjs, docs/shards.md), and answers each step with
// one call into the worker's one wasm module (its session's too: js/index.mjs
// coreModule()). Worker 0 also runs the steps that need every
// shard's answer (check, id step, latest per person, merges): JSON partials and byte
// lists arrive as messages; no statistics or merging happen in JS.
//
// A shard being read is `staged`; it becomes `current` (and replaces the worker's
// session or earlier shard) only when the coordinator commits the whole file, so a
// cancelled or failed read leaves the loaded data answering.
import { coreModule } from '../../js/index.mjs';
import { planShards, readShard, withBytes, rowsToConfirm, crossShardAnswer } from '../../js/shards.mjs';

let staged = null;  // { shard, reads } being read for the next file
let current = null; // the loaded file's shard

/** Deletes this worker's shards (a session was opened here instead, or this worker has no shard of the new file). */
export function dropShards() {
  staged?.shard.delete();
  current?.shard.delete();
  staged = current = null;
}

// The options the core is given as JSON, as js/index.mjs optionsJson() makes them.
function optionsJson(options = {}) {
  const { onProgress, signal, records, shards, ...rest } = options;
  return JSON.stringify(rest);
}

/**
 * The file as a Blob whose slices are counted (the test hook: which bytes each worker
 * asked for), whose reads are reported as progress as their bytes arrive, and which
 * refuses new slices once `signal` aborts. A slice is read whole (arrayBuffer()) or
 * streamed (stream(): js/shards.mjs streams a shard's range); a *read* is one
 * arrayBuffer() or one chunk of a stream. Blob composition does not copy the file's bytes.
 * `holdAfterFirst` (a test hook, engine.stats.pool.holdReads): every read after the
 * first waits until the read is cancelled, so a test cancels mid-read without timing
 * (holdReads 'stuck': forever, so the engine must stop the worker).
 * onRead(offset, asked, arrived): each read's timing (the pool's trace).
 */
function watchedBlob(blob, { signal, onSlice, onBytes, onRead, holdAfterFirst = null }) {
  const stopped = () => signal?.reason ?? new DOMException('Import cancelled', 'AbortError');
  const cancelledRead = new Promise((_, reject) => signal?.addEventListener('abort', () => reject(stopped()), { once: true }));
  cancelledRead.catch(() => {});
  let reads = 0;
  // One read of `offset`: get() gives its bytes (an ArrayBuffer or a stream's { done, value }).
  const read = async (offset, get, size) => {
    if (holdAfterFirst && reads++ > 0) {
      holdAfterFirst();
      // 'stuck': the read ignores the cancel too, as a worker busy in a long wasm call would.
      return holdAfterFirst.stuck ? new Promise(() => {}) : cancelledRead;
    }
    const asked = now();
    const got = await get();
    onBytes(size(got));
    onRead(offset, asked, now());
    return got;
  };
  class Watched extends Blob {
    slice(begin = 0, end = blob.size, type) {
      if (signal?.aborted) throw stopped();
      onSlice(begin, Math.min(end, blob.size));
      const part = blob.slice(begin, end, type);
      return {
        arrayBuffer: () => read(begin, () => part.arrayBuffer(), (b) => b.byteLength),
        stream() {
          const inner = part.stream().getReader();
          let at = begin;
          return new ReadableStream({
            async pull(controller) {
              const next = await read(at, () => inner.read(), (r) => r.value?.length ?? 0);
              if (next.done) { controller.close(); return; }
              at += next.value.length;
              controller.enqueue(next.value);
            },
            cancel: (why) => inner.cancel(why),
          }, { highWaterMark: 0 }); // a chunk is read when asked for (the inner stream reads ahead)
        },
      };
    }
  }
  return new Watched([blob]);
}

// A clock shared by the page and every worker (ms since the epoch): the pool's trace.
const now = () => performance.timeOrigin + performance.now();

const parsed = (json) => {
  const result = JSON.parse(json);
  if (result?.error) throw new Error(result.error);
  return result;
};

/**
 * This worker's core for the shard steps: the one instance js/index.mjs loaded (after
 * the worker's init()), which its session uses too. One wasm module per worker.
 */
export function loadShardCore() {
  return coreModule();
}

/** The message handlers (worker.mjs spreads them into its own). */
export function shardHandlers({ cancellable, post, closeSession }) {
  const core = loadShardCore;
  const holder = (which) => {
    const held = which === 'staged' ? staged : current;
    if (!held) throw new Error('this worker holds no shard of the file');
    return held.shard;
  };
  // Reads of one request, posted as progress (bytes so far) at most every 50 ms.
  // `slices` (the pool's trace): [offset, asked, arrived] of each read, on the shared clock.
  const reading = (id, signal, file, hold = false) => {
    const reads = [], slices = [];
    let bytes = 0, last = 0;
    const blob = watchedBlob(file.data, {
      signal,
      holdAfterFirst: hold ? Object.assign(() => post({ id, progress: { bytes, held: true } }), { stuck: hold === 'stuck' }) : null,
      onSlice: (a, b) => reads.push([a, b]),
      onBytes(n) {
        bytes += n;
        const t = performance.now();
        if (t - last > 50) { last = t; post({ id, progress: { bytes } }); }
      },
      onRead: (begin, asked, arrived) => slices.push([begin, Math.round(asked), Math.round(arrived)]),
    });
    return { blob, reads, slices };
  };

  return {
    // The plan, from the file's head: { head_end, starts, single_reason, ... }.
    shardPlan({ file, options, n }, id) {
      return cancellable(id, async (signal) => {
        const Module = await core();
        const { blob, reads, slices } = reading(id, signal, file);
        return { plan: await planShards(Module, blob, n, optionsJson(options), signal), reads, slices };
      });
    },
    // Shard k of the plan (or of `range`, exact, when the check says it is re-read): staged.
    shardRead({ file, options, plan, k, range, hold }, id) {
      return cancellable(id, async (signal) => {
        const Module = await core();
        const { blob, reads, slices } = reading(id, signal, file, hold);
        const waited = { ms: 0 };
        const shard = await readShard(Module, blob, plan, k, optionsJson(options), file.name, range ?? undefined, signal, waited);
        staged?.shard.delete();
        staged = { shard };
        return { extent: JSON.parse(shard.extentJson()), error: shard.error() || null, reads, slices, waited: Math.round(waited.ms) };
      });
    },
    async shardCheck({ plan, extents }) {
      const Module = await core();
      return JSON.parse(Module.checkShardsJson(JSON.stringify(plan), JSON.stringify(extents)));
    },
    shardIds: () => holder('staged').ids(),
    // A cross-shard step (step 'duplicates' or 'latest'), in two rounds: the rows whose
    // hash another shard shares (null: none), their texts from each shard, the answer.
    // The lists go back with the rows (moved, not copied): the page sends them again with the texts.
    async shardConfirm({ lists, step }) {
      const rows = rowsToConfirm(await core(), lists, step);
      return rows && { rows, lists };
    },
    async shardTexts({ which, rows }) {
      const Module = await core();
      return withBytes(Module, rows, (p, len) => holder(which).personTexts(p, len));
    },
    async shardAcross({ lists, texts, step }) { return crossShardAnswer(await core(), lists, texts, step); },
    async shardSettle({ lineShift, drop }) {
      const Module = await core();
      withBytes(Module, drop, (p, len) => holder('staged').settle(lineShift, p, len));
      return true;
    },
    shardInfo: ({ which }) => holder(which).infoJson(),
    async mergeInfo({ infos }) { return parsed((await core()).mergeInfoJson(`[${infos.join(',')}]`)); },
    shardLatestCandidates: ({ which, query }) => holder(which).latestCandidates(JSON.stringify(query ?? {})),
    // method: 'report', 'rows' or 'comments'; elsewhere: the rows whose person another shard wins (latest per person), or empty.
    async shardPartial({ which, method, query, elsewhere }) {
      const Module = await core();
      const shard = holder(which);
      const q = JSON.stringify(query ?? {});
      const partial = { report: 'reportPartialJson', rows: 'rowsPartialJson', comments: 'commentsPartialJson' }[method];
      return withBytes(Module, elsewhere ?? new Uint8Array(0), (p, len) => shard[partial](q, p, len));
    },
    async mergePartials({ method, partials, query }) {
      const Module = await core();
      const merge = { report: Module.mergeReportJson, rows: Module.mergeRowsJson, comments: Module.mergeCommentsJson }[method];
      return parsed(merge(`[${partials.join(',')}]`, JSON.stringify(query ?? {})));
    },
    shardThemes: ({ query }) => parsed(holder('current').themesJson(JSON.stringify(query ?? {}))),
    // The whole file is read: the staged shard answers from now on.
    shardCommit() {
      closeSession();
      current?.shard.delete();
      current = staged;
      staged = null;
      return true;
    },
    shardDrop({ which }) {
      if (which === 'staged') { staged?.shard.delete(); staged = null; }
      else if (which === 'current') { current?.shard.delete(); current = null; }
      else dropShards();
      return true;
    },
  };
}
