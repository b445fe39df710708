// Main-thread client of the analysis workers (worker.mjs). Promise per request,
// progress callbacks, and a cancel that aborts the parse; if the worker does not
// answer within a second (busy in a long wasm call) it is terminated and restarted.
//
// Two workers run the same code: `core` owns the session (every query), `helper`
// computes the comment analytics of a freshly opened file on the second CPU core
// while `core` parses it (prefetchComments), so the themes panel is ready when the
// other panels are instead of a second pass later.
//
// With a pool (poolSize() > 1) one file is read by N workers, `core` and N-1 more,
// each holding one shard of it (web/src/shards.mjs coordinates, the core decides and
// merges); a file that does not split, or whose merge cannot be exact, is read by
// `core` alone exactly as without the pool.
import { workerSource, wasmBase64 } from 'npskit:embedded';
import { openPool, notShardable, poolSize, poolForced } from './shards.mjs';
import { pushable, pushFiles } from './push-reader.mjs';
import { derivedCalls } from './derived.mjs';

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// A clock shared with the workers (ms since the epoch): the pool's trace.
const now = () => performance.timeOrigin + performance.now();

let wasmBytes = null; // decoded once for both workers (single-file build)

/** One worker with its request ids; started on first use, restartable after terminate(). */
function channel(name, warm) {
  let worker = null;
  let initDone = null; // the wasm is loaded
  let warmed = null;   // the warm-up is over (done or stopped by a request)
  let ready = false; // init answered: requests are posted at once, not a microtask later
  let seq = 0;
  const pending = new Map(); // id -> { resolve, reject, onProgress }

  function spawn() {
    if (workerSource) {
      // Single-file build: the worker's code is a string in this page; a Blob URL
      // makes it a same-page worker that also works from file://.
      const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
      worker = new Worker(url, { type: 'module', name });
    } else {
      worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name });
    }
    worker.onmessage = (ev) => {
      const { id, progress, part, result, error, span, pulled } = ev.data;
      const p = pending.get(id);
      if (!p) return;
      if (pulled !== undefined) { p.onPulled?.(pulled); return; } // bytes the core took of a file the page reads
      if (progress || part) { p.onProgress?.(progress ?? part); return; }
      pending.delete(id);
      // The pool's trace (bench/pool-trace.mjs): sent, begun and ended in the worker, answered on the page.
      engine.stats.pool.trace?.push({ worker: name, type: p.type, sent: p.sent, span, got: now(), slices: result?.slices, waited: result?.waited });
      if (error) p.reject(Object.assign(new Error(error.message), { name: error.name }));
      else p.resolve(result);
    };
    worker.onerror = (ev) => {
      ev.preventDefault?.();
      for (const p of pending.values()) p.reject(new Error(ev.message || 'the analysis worker failed to start'));
      pending.clear();
    };
    if (wasmBase64) wasmBytes ??= base64ToBytes(wasmBase64);
    const wasm = wasmBytes ? { wasmBinary: wasmBytes } : { wasmUrl: new URL('./analytics.wasm', import.meta.url).href };
    const spawned = worker;
    initDone = send('init', wasm).promise;
    initDone.then(() => { if (worker === spawned) ready = true; }, () => {});
    // Then the warm-up (worker.mjs): any real request sent meanwhile stops it.
    warmed = initDone.then(() => send('warmUp', { kind: warm }).promise);
    warmed.catch(() => {}); // a restarted worker's warm-up has no waiter; a failed start is reported by start()
  }

  /** Posts a request now (moving `transfer`'s buffers); returns its id and the promise of its answer. */
  function send(type, args = {}, onProgress, transfer = [], onPulled) {
    const id = ++seq;
    const promise = new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject, onProgress, onPulled, type, sent: now() });
      worker.postMessage({ id, type, ...args }, transfer);
    });
    return { id, promise };
  }

  return {
    start() { if (!worker) spawn(); return initDone; },
    warmedUp() { if (!worker) spawn(); return warmed; },
    /**
     * Waits for init, then posts; `onId` learns the request id (for cancel). `transfer`:
     * buffers moved to the worker, not copied (the pool's byte lists: the caller drops them).
     */
    async request(type, args, onProgress, onId, transfer, onPulled) {
      if (!worker) spawn();
      // Awaiting an answered init would still post a microtask later, i.e. after the
      // whole synchronous render pass: the worker would idle while the page draws.
      if (!ready) await initDone;
      const { id, promise } = send(type, args, onProgress, transfer, onPulled);
      onId?.(id);
      return promise;
    },
    /** A message that is no request (a file's bytes for one: push-reader.mjs); dropped if the worker is gone. */
    post(message, transfer) { worker?.postMessage(message, transfer); },
    isPending: (id) => pending.has(id),
    cancel(target) { if (worker && pending.has(target)) worker.postMessage({ id: ++seq, type: 'cancel', target }); },
    /** Stops the worker; its pending requests fail with `error`. */
    terminate(error) {
      worker?.terminate();
      worker = null;
      ready = false;
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    },
  };
}

/**
 * Request `type` of worker `ch` whose files the page reads (push-reader.mjs): the files
 * of indexes `pushed` go to it as 'chunk' messages while it parses, at most the push
 * window ahead of what it took; `onRead()` once every file is read. Resolves to the answer.
 */
async function requestPushed(ch, type, args, { files, pushed, onProgress, onId, onRead, cancelled }) {
  let pulled = 0;
  let nextPull = null; // resolves at the worker's next `pulled` answer
  const whenPulled = () => new Promise((resolve) => { nextPull = resolve; });
  const onPulled = (n) => { pulled = n; nextPull?.(); nextPull = null; };
  const asking = ch.request(type, args, onProgress, (id) => {
    onId?.(id);
    const over = () => cancelled() || !ch.isPending(id);
    pushFiles({ post: ch.post, target: id, files, indexes: pushed, pulled: () => pulled, whenPulled, stopped: over }).then(onRead);
  }, undefined, onPulled);
  // An answer (or a failure) stops a read waiting for the worker to catch up.
  return asking.finally(() => { nextPull?.(); nextPull = null; });
}

let prefetch = null; // { key, promise } for the last opened file
// The first numbers of a file whose session is still being built (numbers first): the
// helper's streaming pass answered the session's info and first report, exact (the core
// says when: report/session_preview.hpp). { key, report, info, opened: the session's open }.
let previewing = null;
let shownSinceOpen = false; // numbersShown() called since the last open began
let startDeferred = null; // starts the prefetch held back until the numbers are drawn (numbersShown)

// Each worker warms up the path it runs (worker.mjs warmUp; 'shard': a pool worker's).
const POOL = poolSize();
const FORCED = poolForced(); // ?workers=N: every worker reads a shard, whatever the file's size
const core = channel('npskit-core', POOL > 1 ? 'shard' : 'session');
const helper = channel('npskit-comments', 'analyze');
const workers = [core]; // the pool: core, then the shard workers (started with it)
for (let k = 1; k < POOL; k++) workers.push(channel(`npskit-shard-${k}`, 'shard'));
let sharded = null; // the loaded file's sharded session (shards.mjs), or null: core's session answers

const aborted = (extra) => Object.assign(new Error('Import cancelled'), { name: 'AbortError', ...extra });

/** The session ignores a report query's `segments` (every segment is reported): so does the preview's key. */
const previewKey = (q) => JSON.stringify({ ...q, segments: undefined });

/** The analyze() options of a report query (the preview's): what a session's report reads of it. */
function previewOptions(q) {
  const { segments, latestPerPerson, ...rest } = q;
  return rest;
}

/** A query the prefetch can answer: no filters, no "latest per person". */
function prefetchable(q) {
  const f = q?.filters ?? {};
  return !f.from && !f.to && !(f.where?.length) && !q?.latestPerPerson;
}

export const engine = {
  // Tests and the bench: comments sections answered by the prefetch; files parsed by the core (open requests).
  // pushed: files whose bytes the page read for core (push-reader.mjs).
  stats: { prefetched: 0, opened: 0, pushed: 0, previewed: 0, previewsStopped: 0, previewAnswers: 0, previewsChecked: 0, previewMismatches: 0, pool: { workers: workers.length, last: null } },
  /**
   * Whether the helper's streaming comment pass starts with the parse (true) or once the
   * parse is done (false). It takes a CPU core: with fewer than 4 (main thread, core
   * worker, helper) it slowed the numbers, e.g. 1M rows on 2 shared cores: numbers ready
   * 1.7-2.1 s during the parse against 1.1-1.3 s after it (bench/dashboard-bench.mjs,
   * interleaved runs). Started after the parse, it still keeps the core worker free for
   * the user's next filter. Read at each open (tests fake the core count).
   */
  prefetchDuringParse: () => (globalThis.navigator?.hardwareConcurrency ?? 2) >= 4,
  /**
   * The page drew a render's numbers (or its report failed): a comments prefetch held
   * back for them starts now, on the helper (with fewer than 4 cores: prefetchDuringParse).
   */
  numbersShown() { shownSinceOpen = true; const go = startDeferred; startDeferred = null; go?.(); },
  /** Starts both workers and warms them up; settles when both warm-ups are over. */
  start() { return Promise.all([helper.warmedUp().catch(() => {}), ...workers.map((w) => w.warmedUp())]); },
  /**
   * files: [{ name, data: Blob }]. commentsQuery: the themes panel's query, to
   * prefetch on the helper worker (one file only). Returns { promise, cancel }.
   */
  open(files, options, onProgress, commentsQuery, reportQuery = null) {
    let cancelled = false;
    let openId = null, prefetchId = null, previewId = null;
    prefetch = null; // belongs to the session being replaced
    previewing = null;
    shownSinceOpen = false;
    const next = files.length === 1 && commentsQuery && prefetchable(commentsQuery)
      ? { key: JSON.stringify(commentsQuery), promise: null } : null;
    const startPrefetch = () => {
      next.promise = helper.request('prefetchComments', { file: files[0], options, query: commentsQuery }, null, (id) => { prefetchId = id; });
      next.promise.catch(() => {}); // a failed prefetch falls back to the session
      return next.promise;
    };
    const during = next && engine.prefetchDuringParse();
    if (during) startPrefetch();
    startDeferred = null; // a prefetch held back for the session being replaced never starts
    const poolIds = new Map(); // worker -> its request ids of this open (cancel)
    const record = { hold: engine.stats.pool.holdReads ?? false }; // what the pool did (the test hook)
    const openOnCore = async (single) => {
      if (cancelled) throw aborted();
      engine.stats.opened++;
      // The page reads the files (not workbooks) and moves their bytes to core, which
      // parses meanwhile (push-reader.mjs): reading a Blob costs the reading thread CPU.
      const pushed = await pushable(files);
      if (cancelled) throw aborted();
      const info = await requestPushed(core, 'open', { files, options, pushed }, {
        files, pushed, onProgress, onId: (id) => { openId = id; }, cancelled: () => cancelled,
        onRead: () => { engine.stats.pushed += pushed.length; },
      });
      if (!info.kept) { // core's session replaces a sharded one
        if (sharded) await Promise.all(workers.slice(1).map((w) => w.request('shardDrop', { which: 'all' }).catch(() => {})));
        sharded = null;
        engine.stats.pool.last = { ...record, shards: 1, rereads: 0, single };
      }
      return info;
    };
    const openSharded = async () => {
      await Promise.all(workers.map((w) => w.start()));
      if (cancelled) throw aborted();
      engine.stats.pool.last = record;
      const opened = await openPool(workers, files[0], options, {
        onProgress,
        record,
        forced: FORCED,
        cancelled: () => cancelled,
        // A later query the merge cannot answer exactly: the file is read by core alone.
        fallback: async (why) => {
          const info = await core.request('open', { files, options, keepShards: true });
          if (info.kept || info.fileErrors?.length) throw new Error(`could not read the file in one worker: ${info.fileErrors?.map((f) => f.error).join('; ')}`);
          if (sharded === opened.session) sharded = null;
          Object.assign(record, { single: why, fallback: true });
          engine.stats.opened++;
          return askCore;
        },
        onId: (k, id) => { if (!poolIds.has(workers[k])) poolIds.set(workers[k], new Set()); poolIds.get(workers[k]).add(id); },
      });
      Object.assign(record, { shards: opened.shards ?? 1, rereads: opened.rereads ?? 0, single: opened.single ?? null });
      if (opened.single) return openOnCore(opened.single);
      engine.stats.opened++;
      sharded = opened.session;
      return { ...opened.info, fileErrors: [] };
    };
    // Numbers first: with one worker opening one file (not a workbook, not the pool), the
    // helper's streaming pass answers the session's info and first report before core
    // builds the session (in Node, 1M rows: ~0.56 s against ~0.8 s for a first open, which
    // pays page faults in fresh wasm memory: docs/dashboard.md). Used only when the core
    // calls it exact; the session's own answers are then compared with it (verify).
    const previewWanted = files.length === 1 && reportQuery && !reportQuery.latestPerPerson && workers.length === 1 &&
      !engine.prefetchDuringParse() && engine.numbersFirst;
    // The page reads the file for the helper too (push-reader.mjs: a worker that reads a
    // Blob itself spent ~0.17 s of 1M rows' ~0.65 s doing so). On fewer than 4 cores
    // (previewWanted) the session is built after the preview has answered: run side by
    // side, the two parses and the page's reads shared 2 cores and the preview came
    // after the session (1M rows: numbers ready 1283 against 980 ms without a preview).
    const previewDone = previewWanted ? pushable(files).then((pushed) => {
      if (cancelled || !pushed.length) return null;
      return requestPushed(helper, 'preview', { file: files[0], options, query: previewOptions(reportQuery), pushed }, {
        files, pushed, onId: (id) => { previewId = id; }, cancelled: () => cancelled,
      });
    }).catch(() => null) : Promise.resolve(null);
    // The comments prefetch with fewer than 4 cores: held back until the first numbers are
    // drawn (numbersShown; started earlier, the helper took a core from the report and the
    // page's drawing: 2 cores, 100k rows, the report took ~11 ms in the core worker against
    // ~2 ms alone). Armed once the session is open, or once an exact preview is shown (no
    // repeated id: the stream's comments are the session's), so that it runs while core
    // builds the session rather than after it.
    let armed = false;
    const armPrefetch = () => {
      if (armed || !next || during) return;
      armed = true;
      let start;
      next.promise = new Promise((resolve) => { start = resolve; }).then(startPrefetch);
      if (shownSinceOpen) start(); // the numbers are drawn already
      else startDeferred = () => start();
      prefetch = next;
    };
    const why = workers.length > 1 ? notShardable(files, workers.length, FORCED) : 'one worker';
    const promise = previewDone.then(() => core.start()).then(() => {
      if (cancelled) throw aborted();
      return why ? openOnCore(workers.length > 1 ? why : null) : openSharded();
    }).then((info) => {
      // Usable only if the session kept every row the stream counted (no duplicate ids).
      const dupes = (info.files ?? []).reduce((n, f) => n + (f.rows?.duplicates ?? 0), 0);
      const usable = next && !info.kept && dupes === 0;
      if (usable && !during) armPrefetch();
      else if (usable) prefetch = next;
      else if (during || armed) { // (armed by an exact preview: a repeated id it missed, never expected)
        helper.cancel(prefetchId);
        if (prefetch === next) prefetch = null;
      }
      return info;
    }, (e) => { if (during || armed) helper.cancel(prefetchId); throw e; });
    let sessionDone = false;
    let shown = null; // the preview drawn, if one was
    // Tests hold the session's answer (stats.holdSession: a promise) to see the preview's numbers first.
    const session = promise.then(async (info) => { await engine.stats.holdSession; sessionDone = true; return info; },
      (e) => { sessionDone = true; throw e; });
    session.catch(() => {});
    const first = Promise.race([session, previewDone.then((got) => {
      const p = got?.preview;
      if (p?.stopped) engine.stats.previewsStopped++; // not exact, known before the end (worker.mjs)
      if (cancelled || sessionDone || !p?.exact) return session; // a preview that is not exact is never shown
      engine.stats.previewed++;
      previewing = { key: previewKey(reportQuery), report: got.report, info: p.info, opened: session };
      shown = previewing;
      armPrefetch();
      session.then(() => { if (previewing === shown) previewing = null; }, () => { if (previewing === shown) previewing = null; });
      return { ...p.info, fileErrors: [], preview: true };
    })]);
    session.finally(() => { if (!shown && previewId) helper.cancel(previewId); }).catch(() => {}); // no longer needed
    // The session, once open: { info, previewDiffered } (whether the preview shown, if one
    // was, differs from the session's own info or report of the previewed query).
    const settled = session.then(async (info) => {
      if (!shown || info.kept) return { info, previewDiffered: false };
      const { fileErrors, ...real } = info;
      let same = JSON.stringify(real) === JSON.stringify(shown.info);
      if (same) same = JSON.stringify(await one('report', reportQuery).catch((e) => ({ error: String(e) }))) === JSON.stringify(shown.report);
      if (!same) engine.stats.previewMismatches++;
      engine.stats.previewsChecked++;
      return { info, previewDiffered: !same };
    });
    settled.catch(() => {});
    const cancel = () => {
      cancelled = true;
      if (previewId) helper.cancel(previewId);
      if (prefetchId) helper.cancel(prefetchId);
      for (const [w, ids] of poolIds) {
        const stuck = [...ids].filter((id) => w.isPending(id));
        stuck.forEach((id) => w.cancel(id));
        setTimeout(() => { // still reading: stop that worker outright
          if (!stuck.some((id) => w.isPending(id))) return;
          sharded = null; // its shard, if it held one, is gone: main.mjs reopens the loaded files
          w.terminate(aborted({ terminated: true }));
        }, 1000);
      }
      if (!openId || !core.isPending(openId)) return;
      core.cancel(openId);
      const stuck = openId;
      setTimeout(() => { // still parsing: stop the worker outright
        if (core.isPending(stuck)) core.terminate(aborted({ terminated: true }));
      }, 1000);
    };
    return { promise: first, session: settled, cancel };
  },
  /**
   * Whether the first numbers of a file may come from the helper's preview (on unless
   * ?numbersFirst=0). The preview is read first and the session built after it: on the
   * 2-core machine, numbers ready at 1M rows 954 against 1130 ms, at 5M 3823 against
   * 4806 ms, 100k 206 against 240 (`node bench/pool-trace.mjs FILE "--compare=1,1&numbersFirst=0"`,
   * medians of 3-5 interleaved; docs/dashboard.md). The session, and so the first
   * cross-filter, comes later by the preview's time (the comment panels do not wait for
   * it: armPrefetch). A file whose preview is not exact waits for its numbers until the
   * preview knows it: at once for a repeat of an id seen shortly before (the helper stops
   * there: worker.mjs preview), at the end of the pass for ids that repeat far apart.
   */
  numbersFirst: !/[?&]numbersFirst=0(&|$)/.test(globalThis.location?.search ?? ''),

  /**
   * One render's calls to the session ({ key: { method, query } }, view.mjs) in one
   * request. onAnswer(key, { result } | { error }) is called as each answer arrives
   * (the worker answers in the order given). The comments section comes from the
   * prefetch when it answers that query (computed during the parse on the helper).
   * Settles when every call is answered.
   */
  async view(calls, onAnswer, { derive = null } = {}) {
    const pv = previewing;
    if (pv) return previewView(pv, calls, onAnswer, derive);
    const rest = { ...calls };
    const fromPrefetch = commentsFromPrefetch(rest, onAnswer, null);
    await Promise.all([Object.keys(rest).length ? ask(rest, onAnswer, derive) : null, fromPrefetch]);
  },
  /**
   * Whether view(calls, onAnswer, { derive }) answers the statistics on the report
   * (derived.mjs) with the report, in the same request: core's own session does; a
   * sharded session's render asks them after the report (shards.mjs merges first).
   */
  derivesWithReport: () => !sharded,
  /** One page of rows (exports page through every row: export-rows.mjs). */
  async rows(query) { return one('rows', query); },
  /** The theme dictionary in use (a theme merge reads the merged theme's terms). */
  async themes(query) { return one('themes', query); },
  /** How a file is read: columns with roles and reasons, first records (the column picker). */
  inspect: (file, options = {}) => core.request('inspect', { file, options }),
};

/**
 * A render while the session is being built after a preview: the previewed report is
 * answered at once, with its statistics asked of the idle helper (the same `stats` the
 * session's worker runs); every other call waits for the session.
 */
async function previewView(pv, calls, onAnswer, derive) {
  const rest = { ...calls };
  let stats = null;
  if (rest.report && previewKey(rest.report.query) === pv.key) {
    delete rest.report;
    engine.stats.previewAnswers++;
    onAnswer('report', { result: pv.report });
    if (derive) {
      const asked = Object.entries(derivedCalls(pv.report, derive.view ?? {}, { goal: derive.goal ?? null })).filter(([, c]) => c);
      stats = Promise.all(asked.map(async ([key, call]) => {
        try {
          onAnswer(key, { result: await helper.request('stats', { query: call.query }), call });
        } catch (error) {
          onAnswer(key, { error, call });
        }
      }));
    }
  }
  // The comments from the helper's prefetch as soon as it has them (it runs while core
  // builds the session); everything else once the session is open.
  const fromPrefetch = commentsFromPrefetch(rest, onAnswer, pv.opened);
  const later = Object.keys(rest).length
    ? pv.opened.then(() => engine.view(rest, onAnswer), (error) => { for (const key of Object.keys(rest)) onAnswer(key, { error }); })
    : null;
  await Promise.all([stats, fromPrefetch, later]);
}

/**
 * The comments call of `rest` answered by the helper's prefetch when it computes that
 * query (taken out of `rest`); null otherwise. A failed prefetch asks the session, once
 * `opened` (a session still being built: its promise) has settled.
 */
function commentsFromPrefetch(rest, onAnswer, opened) {
  const pre = prefetch;
  const call = rest.comments;
  if (!call || !pre?.promise || pre.key !== JSON.stringify(call.query)) return null;
  delete rest.comments;
  return pre.promise.catch(() => null).then(async (got) => {
    if (got?.comments) { engine.stats.prefetched++; onAnswer('comments', { result: got.comments }); return; }
    try {
      await opened;
    } catch (error) {
      onAnswer('comments', { error });
      return;
    }
    await ask({ comments: call }, onAnswer); // the prefetch failed: ask the session
  });
}

/**
 * Sends calls to the session in one request; onAnswer(key, { result } | { error }) per
 * answer, with `call` for a statistic derived from the report (derive: worker.mjs).
 */
function ask(calls, onAnswer, derive = null) {
  return sharded ? sharded.ask(calls, onAnswer) : askCore(calls, onAnswer, derive);
}

/** The calls asked of core's own session. */
function askCore(calls, onAnswer, derive = null) {
  return core.request('session', derive ? { calls, derive } : { calls }, ({ key, result, error, call }) =>
    onAnswer(key, { ...(error ? { error: Object.assign(new Error(error.message), { name: error.name }) } : { result }), ...(call ? { call } : {}) }));
}

/** One session call outside a render (an export, a theme merge). */
async function one(method, query) {
  let answer;
  await ask({ one: { method, query } }, (_, a) => { answer = a; });
  if (answer.error) throw answer.error;
  return answer.result;
}
