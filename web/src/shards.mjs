// The coordinator of a file read by a pool of workers, one shard each (issue 15;
// docs/shards.md for the steps, web/src/shard-worker.mjs for each worker's side).
// It runs on the page and only sends messages: every decision (the plan, which shard
// re-reads, duplicates across shards, whose response is a person's latest, merges) is
// the core's, taken in a worker. `workers` are engine.mjs channels; workers[0] also
// runs the steps that need every shard's answer.
//
// openPool resolves to { info, session } (a sharded session: ask() answers a render's
// calls) or to { single: why } when the file is read by one worker instead, exactly as
// without the pool: the plan says one shard (UTF-16, JSON, workbooks, tallies, a small
// file), a shard could not read its range, or the merge cannot be exact.

/**
 * The pool's size. `?workers=N` sets it (tests, the bench; up to MAX_WORKERS),
 * `?workers=auto` is min(hardwareConcurrency, AUTO_MAX). The default is auto with 4 or
 * more CPU cores and 1 (no pool) below. On 2 cores the pool used to be clearly slower
 * (1.9 s against 1.5 s at 1M rows, load ~9); after the fixes of docs/dashboard.md ("The
 * worker pool at 1M rows") two workers and one are within the machine's noise at 1M on
 * the shared 2-core machine (interleaved medians of 5: 668 / 764 ms at load ~6, 828 /
 * 791 ms at load ~4): not a clear enough win to make the pool the default there.
 */
const AUTO_MAX = 4; // each worker holds a wasm module and its shard's rows: more costs memory for little
const MAX_WORKERS = 8;
export function poolSize(search = globalThis.location?.search ?? '', cores = globalThis.navigator?.hardwareConcurrency ?? 1) {
  const asked = new URLSearchParams(search).get('workers');
  const auto = Math.max(1, Math.min(cores, AUTO_MAX));
  if (asked === 'auto') return auto;
  const n = Number.parseInt(asked ?? '', 10);
  if (Number.isInteger(n) && n >= 1) return Math.min(n, MAX_WORKERS);
  return cores >= 4 ? auto : 1;
}

// The buffers of byte lists (Uint8Arrays a worker answered) to move with a request.
const moved = (lists) => lists.filter((x) => x instanceof Uint8Array).map((x) => x.buffer);

/** Whether `?workers=N` asked for N workers (every one reads a shard, whatever the file's size). */
export function poolForced(search = globalThis.location?.search ?? '') {
  const n = Number.parseInt(new URLSearchParams(search).get('workers') ?? '', 10);
  return Number.isInteger(n) && n >= 1;
}

/**
 * The fewest bytes a shard is worth: a smaller file is read by fewer workers, one below
 * twice this. The pool's own steps (the plan, every worker re-reading the head, the id
 * step, a merge per query) cost a roughly fixed time that a small file's parse does not
 * win back: measured in docs/dashboard.md ("The worker pool at 1M rows").
 */
export const MIN_SHARD_BYTES = 16 << 20;

/** How many shards to read `bytes` as on `workers` workers (`forced`: every worker, tests and the bench). */
export function shardsFor(bytes, workers, forced = false) {
  if (forced) return workers;
  return Math.max(1, Math.min(workers, Math.floor(bytes / MIN_SHARD_BYTES)));
}

/** Why a file goes to one worker before any shard step (several files are one session). */
export function notShardable(files, workers = 2, forced = true) {
  if (files.length !== 1) return 'several files are read as one session';
  if (!(files[0].data instanceof Blob)) return 'the input is not a Blob';
  if (shardsFor(files[0].data.size, workers, forced) < 2) return `a file under ${2 * MIN_SHARD_BYTES / 2 ** 20} MiB is read faster by one worker`;
  return null;
}

/**
 * Reads `file` on `workers`. onProgress({ bytes, totalBytes }) sums what every worker
 * has read; onId(k, id) gives each request's id (cancel); `cancelled()` true after a
 * cancel stops the steps after the reads (the staged shards are dropped, AbortError).
 * fallback(why): for a later query whose merge cannot be exact, reads the file in one
 * worker and resolves to that session's ask(calls, onAnswer); the shards are then
 * dropped once no render uses them. `record` (the test hook,
 * engine.stats.pool.last) gets the plan and the reads it took, each worker's reads ([begin, end) ranges it
 * asked of the file), how each read ended and, with record.hold, which reads are held.
 * Resolves as above.
 */
export async function openPool(workers, file, options, { onProgress, onId, record, cancelled = () => false, fallback, forced = true }) {
  const totalBytes = file.data.size;
  const reads = (record.reads = workers.map(() => []));
  record.outcomes = workers.map(() => null);
  record.held = 0;
  const n = shardsFor(totalBytes, workers.length, forced);
  const { plan, reads: planReads } = await workers[0].request('shardPlan', { file, options, n }, null, (id) => onId(0, id));
  record.planReads = planReads; // worker 0's reads for the plan: the head, in 1 MB steps
  record.plan = plan;
  if (plan.error || plan.single_reason || !(plan.starts?.length >= 2)) {
    return { single: plan.error ?? plan.single_reason ?? 'one shard' };
  }
  const used = workers.slice(0, plan.starts.length);
  const done = used.map(() => 0);
  const read = async (k, range) => {
    try {
      const answer = await used[k].request('shardRead', { file, options, plan, k, range, hold: record.hold || false }, ({ bytes, held }) => {
        if (held) record.held++;
        done[k] = bytes;
        onProgress?.({ bytes: done.reduce((a, b) => a + b, 0), totalBytes, file: file.name });
      }, (id) => onId(k, id));
      reads[k].push(...answer.reads);
      record.outcomes[k] = 'read';
      return answer;
    } catch (error) {
      record.outcomes[k] = error.name;
      throw error;
    }
  };
  const dropStaged = () => Promise.all(used.map((w) => w.request('shardDrop', { which: 'staged' }).catch(() => {})));
  const answers = await Promise.all(used.map((_, k) => read(k)));
  // Check the extents: a shard that started inside a quoted field is read again from its true start.
  let check, rereads = 0;
  for (;;) {
    check = await workers[0].request('shardCheck', { plan, extents: answers.map((a) => a.extent) });
    if (check.error) throw new Error(check.error);
    if (check.reread === null) break;
    rereads++;
    answers[check.reread] = await read(check.reread, check.range);
  }
  const failed = answers.find((a) => a.error);
  if (failed) { // one worker reads the file and says what is wrong, where
    await dropStaged();
    return { single: `a shard could not read its range (${failed.error})` };
  }
  // The cross-shard id step: rows whose id an earlier shard holds are duplicates.
  // The byte lists are moved between the page and the workers, not copied (`moved`).
  const ids = await Promise.all(used.map((w) => w.request('shardIds')));
  const drops = await acrossShards(workers[0], used, ids, 'duplicates', 'staged');
  await Promise.all(used.map((w, k) => w.request('shardSettle', { lineShift: check.line_shift[k], drop: drops[k] }, null, null, moved([drops[k]]))));
  const session = shardedSession(workers[0], used, fallback);
  // What cannot merge exactly for any query (segment values folded apart) shows in
  // info(). A report that cannot (far-off dates, a cross past its cap) says so when
  // it is asked, the render's first included: that query falls back to one worker's
  // session like any later one. (A report merged here to find out cost ~35 ms at
  // 1M rows on every open, for a query no render asks.)
  const info = await session.info('staged');
  const inexact = info.cannot_shard_exactly;
  if (inexact) { await dropStaged(); return { single: `cannot shard exactly: ${inexact}` }; }
  if (info.files?.[0]?.error) { await dropStaged(); return { single: `the file could not be read: ${info.files[0].error}` }; }
  if (cancelled()) { await dropStaged(); throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' }); }
  await Promise.all(used.map((w) => w.request('shardCommit')));
  // Workers past the plan's shard count hold no part of this file.
  await Promise.all(workers.slice(used.length).map((w) => w.request('shardDrop', { which: 'all' })));
  return { info, session, shards: used.length, rereads };
}

// A cross-shard step over every shard's list (the core's two rounds, docs/shards.md):
// persons match by hash, then, only where two shards share a hash, by their texts.
// The lists go to the merger and, when texts are needed, come back with the rows to
// confirm and go again: moved each way, never copied.
async function acrossShards(merger, shards, lists, step, which) {
  const confirm = await merger.request('shardConfirm', { lists, step }, null, null, moved(lists));
  if (!confirm) return lists.map(() => new Uint8Array(0));
  const { rows } = confirm;
  const texts = await Promise.all(shards.map((w, k) => (rows[k].length ? w.request('shardTexts', { which, rows: rows[k] }, null, null, moved([rows[k]])) : new Uint8Array(0))));
  return merger.request('shardAcross', { lists: confirm.lists, texts, step }, null, null, moved([...confirm.lists, ...texts]));
}

const ROWS_PAST_ONE_PAGE = 10000; // the core's rows per page (export-rows.mjs ROWS_PER_PAGE)

/** The queries of a sharded session: each shard answers its partial, workers[0] merges. */
function shardedSession(merger, shards, fallback) {
  const all = (type, args, transfer) => Promise.all(shards.map((w, k) => w.request(type, typeof args === 'function' ? args(k) : args, null, null, transfer?.(k))));
  async function merged(method, query, which = 'current') {
    // latestPerPerson: two rounds, each shard's latest per person, then who wins where.
    const lists = query?.latestPerPerson ? await all('shardLatestCandidates', { which, query }) : null;
    const elsewhere = lists ? await acrossShards(merger, shards, lists, 'latest', which) : null;
    const partials = await all('shardPartial', (k) => ({ which, method, query, elsewhere: elsewhere?.[k] ?? null }), (k) => moved([elsewhere?.[k]]));
    return merger.request('mergePartials', { method, partials, query });
  }
  // A merge that cannot be exact (e.g. comments whose key phrases were pruned: which
  // rare ones go depends on order) is never shown: the file is read in one worker.
  const exact = (result) => {
    if (result?.cannot_shard_exactly) throw Object.assign(new Error(`cannot shard exactly: ${result.cannot_shard_exactly}`), { cannotShard: true });
    return result;
  };
  const CALLS = {
    report: async (q) => exact(await merged('report', q)),
    rows: async (q) => {
      // Each shard lists its first offset + limit rows: paging far (an export, "hide
      // followed up") costs every shard the whole prefix per page (quadratic; 200k rows:
      // ~10 s a page at offset 100k against 0.7 s in one session). Past one page of the
      // core's (10,000 rows) one worker's session pages instead.
      if ((q?.offset ?? 0) + (q?.limit ?? 0) > ROWS_PAST_ONE_PAGE) {
        throw Object.assign(new Error('rows past the first 10,000 are paged by one session'), { cannotShard: true });
      }
      return exact(await merged('rows', q));
    },
    comments: async (q) => exact(await merged('comments', q)),
    themes: (q) => merger.request('shardThemes', { query: q }),
    stats: (q) => merger.request('stats', { query: q }),
  };
  let inUse = 0, single = null, dropped = false;
  const dropWhenIdle = () => {
    if (!single || inUse || dropped) return;
    dropped = true;
    for (const w of shards) w.request('shardDrop', { which: 'current' }).catch(() => {});
  };
  // The calls asked of the one-worker session that replaced the shards (or its failure, per call).
  async function askSingle(calls, onAnswer) {
    let ask;
    try {
      ask = await single;
    } catch (error) {
      for (const key of Object.keys(calls)) onAnswer(key, { error });
      return;
    }
    await ask(calls, onAnswer);
  }
  return {
    async info(which = 'current') { return merger.request('mergeInfo', { infos: await all('shardInfo', { which }) }); },
    /** A render's calls, answered in the order given (numbers first), like worker.mjs session(). */
    async ask(calls, onAnswer) {
      if (single) return askSingle(calls, onAnswer);
      inUse++;
      try {
        const entries = Object.entries(calls);
        for (let i = 0; i < entries.length; i++) {
          const [key, { method, query }] = entries[i];
          try {
            if (!Object.hasOwn(CALLS, method)) throw new Error(`unknown session call ${method}`);
            onAnswer(key, { result: await CALLS[method](query) });
          } catch (error) {
            if (!error?.cannotShard || !fallback) { onAnswer(key, { error }); continue; }
            single ??= fallback(error.message);
            return askSingle(Object.fromEntries(entries.slice(i)), onAnswer);
          }
        }
      } finally {
        inUse--;
        dropWhenIdle();
      }
    },
  };
}
