// The Web Worker that owns the WebAssembly core: a dispatcher of messages to it.
// The main thread never parses: it sends files (Blobs, zero-copy) and a render's
// calls to the session, and gets back the core's answers. It decides nothing about
// the data. One session at a time; opening new files replaces it.
import { init, openSession, analyze, inspect, stats } from '../../js/index.mjs';
import { warmUp, warmUpShards } from './warmup.mjs';
import { shardHandlers, dropShards, loadShardCore } from './shard-worker.mjs';
import { derivedCalls } from './derived.mjs';
import { byteInbox } from './byte-inbox.mjs';

let session = null;
let ready = null;
let warming = null; // AbortController of a running warm-up
const running = new Map(); // request id -> AbortController
const inboxes = new Map(); // `${request id}:${file index}` -> byteInbox: files the page reads (push-reader.mjs)

/**
 * The inputs of request `id`: each file whose index is in `pushed` is read from an inbox
 * the page's chunks fill (registered now, before any chunk can arrive), the others from
 * their Blob. `stopOn(signal)`: a cancel fails the inboxes' reads; `close()` forgets them.
 */
function pushedInputs(id, files, pushed) {
  let pulled = 0;
  const mine = pushed.map((i) => {
    const inbox = byteInbox(files[i].data.size, (n) => { pulled += n; post({ id, pulled }); });
    inboxes.set(`${id}:${i}`, inbox);
    return [i, inbox];
  });
  return {
    inputs: files.map((f, i) => ({ name: f.name, data: mine.find(([k]) => k === i)?.[1] ?? f.data })),
    stopOn(signal) {
      signal.addEventListener('abort', () => mine.forEach(([, inbox]) => inbox.fail(signal.reason ?? new DOMException('The operation was aborted', 'AbortError'))));
    },
    close: () => mine.forEach(([i]) => inboxes.delete(`${id}:${i}`)),
  };
}

function post(msg, transfer = []) { self.postMessage(msg, transfer); }

// An answer's byte lists (the pool's ids, duplicates, latest lists: Uint8Array copies
// out of the wasm memory, js/shards.mjs) are moved to the page, not copied (1M rows:
// 12 MB of ids, copied twice on their way from the shards to worker 0).
function movable(result) {
  const own = (x) => x instanceof Uint8Array && x.byteOffset === 0 && x.byteLength === x.buffer.byteLength;
  if (own(result)) return [result.buffer];
  if (Array.isArray(result) && result.every(own)) return result.map((x) => x.buffer);
  // The pool's confirm answer, { rows, lists }: arrays of byte lists.
  if (result?.constructor === Object) {
    return Object.values(result).filter((v) => Array.isArray(v) && v.length && v.every(own)).flatMap((v) => v.map((x) => x.buffer));
  }
  return [];
}

// What a call may ask: the session's queries, and statistics on tallies the page holds
// (compare two segments, the sample size for a goal: src/core/report/stats_query.hpp).
const CALLS = { report: (q) => session.report(q), rows: (q) => session.rows(q), comments: (q) => session.comments(q), themes: (q) => session.themes(q), stats };

// Runs fn(signal) once the core is ready; a 'cancel' message naming `id` aborts it.
async function cancellable(id, fn) {
  await ready;
  const controller = new AbortController();
  running.set(id, controller);
  try {
    return await fn(controller.signal);
  } finally {
    running.delete(id);
  }
}

function errorOf(e) {
  return { name: e?.name || 'Error', message: e?.message || String(e) };
}

const handlers = {
  async init({ wasmBinary, wasmUrl }) {
    // With inlined bytes a dummy URL is passed too: the API would otherwise resolve
    // a default URL against import.meta.url, which a blob: worker cannot resolve.
    init(wasmBinary ? { wasmBinary, wasmUrl: 'data:,' } : wasmUrl ? { wasmUrl } : {});
    // init() only records options; an empty session makes the core fetch and compile
    // its wasm now, while the user is still picking a file (a failure is reported).
    ready = openSession([]).then((s) => s.close());
    await ready;
    return true;
  },

  // Runs the core's hot paths once (warmup.mjs) so the first file gets optimized code.
  // Any other request stops it (onmessage), so a file dropped at once does not wait.
  // A warm-up that fails is not fatal: the first file is then parsed by baseline code.
  async warmUp({ kind }) {
    await ready;
    const controller = (warming = new AbortController());
    try {
      // A pool worker ('shard') warms the shard path of its one module first, then the
      // session path (a file that does not split is read by a session).
      if (kind === 'shard') {
        await warmUpShards(await loadShardCore(), { signal: controller.signal });
        kind = 'session';
      }
      await warmUp(kind, { signal: controller.signal });
      return true;
    } catch {
      return false;
    } finally {
      if (warming === controller) warming = null;
    }
  },

  // keepShards: a sharded session's fallback (shards.mjs): its shards may still be answering.
  // pushed: indexes of the files whose bytes the page reads and sends as 'chunk' messages
  // (push-reader.mjs); their inboxes exist before any chunk can arrive (this runs first).
  open({ files, options, keepShards = false, pushed = [] }, id) {
    const totalBytes = files.reduce((s, f) => s + f.data.size, 0);
    let last = 0;
    const inbox = pushedInputs(id, files, pushed);
    return cancellable(id, async (signal) => {
      inbox.stopOn(signal);
      const inputs = inbox.inputs;
      const next = await openSession(inputs, {
        ...options,
        signal,
        onProgress: (p) => {
          const now = performance.now();
          if (now - last > 50) { last = now; post({ id, progress: { bytes: p.bytes, rows: p.rows, file: p.file, totalBytes: p.totalBytes ?? totalBytes } }); }
        },
      });
      const usable = (next.fileErrors ?? []).length < files.length;
      if (!usable) { // every file failed: keep showing the previous data
        const fileErrors = next.fileErrors;
        next.close();
        return { kept: true, fileErrors };
      }
      if (session) session.close();
      session = next;
      if (!keepShards) dropShards(); // a shard of an earlier sharded session (web/src/shards.mjs) is replaced too
      // Files the core could not use (no score column, not CSV/JSON) are listed, not fatal.
      return { ...session.info(), fileErrors: next.fileErrors ?? [] };
    }).finally(inbox.close);
  },

  // Run by a second worker while the first parses the same file: the streaming
  // report's "comments" section equals session.comments(query) for an unfiltered
  // query over one file without duplicate ids (tests/core/session_comments_test.cpp),
  // so the themes panel need not wait for a second pass after the parse.
  prefetchComments({ file, options, query }, id) {
    return cancellable(id, async (signal) => {
      const r = await analyze(file.data, { ...options, ...query, comments: true, signal });
      return { comments: r.comments ?? null };
    });
  },

  // Run by the helper while core opens a session of the same file (numbers first,
  // engine.mjs): the streaming report of the render's query and what the session's
  // info() will be, with whether the core calls them exact (report/session_preview.hpp).
  // pushed: [0] when the page reads the file and sends its bytes (push-reader.mjs), as for open.
  // stopEarly: a repeat of an id seen shortly before settles "not exact" mid-file, and
  // the answer comes then (report empty), so that core builds the session without
  // waiting for the rest of a pass that will not be shown.
  preview({ file, options, query, pushed = [] }, id) {
    const inbox = pushedInputs(id, [file], pushed);
    return cancellable(id, async (signal) => {
      inbox.stopOn(signal);
      const sessionPreview = { name: file.name, stopEarly: true };
      const { session_preview: preview, ...report } = await analyze(inbox.inputs[0].data, { ...options, ...query, sessionPreview, signal });
      return { report, preview };
    }).finally(inbox.close);
  },

  // How a file is read (columns, roles, first records): the column picker's preview.
  inspect({ file, options }, id) {
    return cancellable(id, (signal) => inspect(file.data, { ...options, records: 8, signal }));
  },

  // One render's calls to the session ({ key: { method, query } }, view.mjs), answered
  // in the order given; each answer is posted as soon as it is ready (the numbers
  // first, comment analytics after), and one call's error does not stop the others.
  // derive ({ view: { seg, cmpA, cmpB }, goal }): the statistics on the report's own
  // tallies (derived.mjs, the rule the page runs too) are answered right after the
  // report, each with its call, so the numbers need no second round trip to the page.
  async session({ calls, derive }, id) {
    if (!session) throw new Error('no data loaded');
    const answer = async (key, method, query, call) => {
      if (!Object.hasOwn(CALLS, method)) throw new Error(`unknown session call ${method}`);
      let part;
      try {
        part = { key, result: await CALLS[method](query), call };
      } catch (e) {
        part = { key, error: errorOf(e), call };
      }
      post({ id, part });
      return part;
    };
    for (const [key, { method, query }] of Object.entries(calls)) {
      const part = await answer(key, method, query);
      if (key !== 'report' || method !== 'report' || !derive || !part.result) continue;
      for (const [k, call] of Object.entries(derivedCalls(part.result, derive.view ?? {}, { goal: derive.goal ?? null }))) {
        if (call) await answer(k, call.method, call.query, call);
      }
    }
    return true;
  },

  // The steps of a file read by several workers, one shard each (shard-worker.mjs).
  ...shardHandlers({
    cancellable,
    post,
    closeSession() { session?.close(); session = null; },
  }),

  // A statistics call without a session (a sharded session's render: shards.mjs).
  stats: ({ query }) => stats(query),

  async cancel({ target }) {
    running.get(target)?.abort();
    return true;
  },
};

// span: when this worker began and ended the request (ms since the epoch: the page's
// clock too), for the pool's trace (engine.mjs, bench/pool-trace.mjs).
const now = () => performance.timeOrigin + performance.now();

self.onmessage = async (ev) => {
  const { id, type, ...args } = ev.data;
  // A file's bytes for an open request (push-reader.mjs): not a request, no answer; a
  // chunk for an open that is over (cancelled) is dropped.
  if (type === 'chunk') { inboxes.get(`${args.target}:${args.file}`)?.take(args); return; }
  if (type !== 'warmUp') warming?.abort(); // real work comes first
  const start = now();
  try {
    const result = await handlers[type](args, id);
    post({ id, result, span: [start, now()] }, movable(result));
  } catch (e) {
    post({ id, error: errorOf(e), span: [start, now()] });
  }
};
