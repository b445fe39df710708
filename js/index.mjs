// npskit's JavaScript API: the analytics core compiled to WebAssembly.
// Node 20+, browsers and Web Workers. See docs/js-api.md; types in index.d.ts.
import createAnalyticsModule from '../dist/core/analytics.mjs';
import { toChunks, CHUNK_BYTES } from './chunks.mjs';
import { openInput, serveWorkbook } from './workbook.mjs';
import { openShardedSession, shardedComments, shardedInfo, shardedReport, shardedRows } from './shards.mjs';

const isNode = typeof process === 'object' && process.versions?.node && typeof window === 'undefined';

/** An unusable input or bad options: the message names the problem. */
export class NpskitError extends Error {
  constructor(message) {
    super(message);
    this.name = 'NpskitError';
  }
}

let loadOptions = {};
let modulePromise;

/** How to load the wasm: { wasmBinary } (bytes) or { wasmUrl }. Optional. */
export function init(options = {}) {
  loadOptions = { ...options };
  modulePromise = undefined;
}

async function loadModule() {
  let { wasmBinary, wasmUrl } = loadOptions;
  if (!wasmBinary && !wasmUrl && isNode) {
    // Emscripten 3.1.6 fetches the .wasm with the global fetch, which Node cannot
    // use on a file path: read it ourselves.
    const { readFile } = await import('node:fs/promises');
    wasmBinary = await readFile(new URL('../dist/core/analytics.wasm', import.meta.url));
  }
  const url = wasmUrl ?? new URL('../dist/core/analytics.wasm', import.meta.url).href;
  return createAnalyticsModule(wasmBinary ? { wasmBinary } : { locateFile: () => url });
}

function getModule() {
  modulePromise ??= loadModule();
  return modulePromise;
}

/**
 * The core's wasm module this API loaded (per init()), for a host that runs the
 * shard steps of js/shards.mjs itself (a worker pool, docs/shards.md): the steps
 * then share this thread's one instance instead of loading a second.
 */
export function coreModule() {
  return getModule();
}

function optionsJson(options = {}) {
  const { onProgress, signal, records, ...rest } = options;
  return JSON.stringify(rest);
}

function throwIfAborted(signal) {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

// Streams chunks into wasm memory through one reused buffer: _malloc + HEAPU8.set,
// never JS strings. `feed(ptr, len)` returns false once the input is unusable.
async function pump(Module, input, feed, { onProgress, signal, stopWhen } = {}) {
  let capacity = CHUNK_BYTES;
  let ptr = Module._malloc(capacity);
  let bytes = 0;
  const totalBytes = input?.size ?? input?.byteLength ?? undefined;
  try {
    for await (const chunk of toChunks(input)) {
      throwIfAborted(signal);
      for (let at = 0; at < chunk.length; at += capacity) {
        const part = chunk.subarray(at, at + capacity);
        Module.HEAPU8.set(part, ptr); // HEAPU8 is re-read: memory may have grown
        if (!feed(ptr, part.length)) return false;
        bytes += part.length;
      }
      onProgress?.({ bytes, totalBytes });
      if (stopWhen?.()) break;
    }
    return true;
  } finally {
    Module._free(ptr);
  }
}

// A workbook the platform could not inflate: an NpskitError like the core's own.
function damaged(error) {
  if (error?.workbookDamaged) throw new NpskitError(error.message);
  throw error;
}

async function runAnalyzer(input, options, finishWith) {
  const Module = await getModule();
  const analyzer = new Module.Analyzer(optionsJson(options));
  try {
    const fail = () => { throw new NpskitError(analyzer.error()); };
    if (analyzer.error()) fail();
    const inspecting = finishWith === 'inspect';
    // sessionPreview.stopEarly: the core says when its verdict is settled ("not exact")
    // before the end; the answer is then that verdict alone, never a partial report.
    const stopsEarly = !inspecting && options.sessionPreview?.stopEarly === true;
    const stopWhen = inspecting ? () => analyzer.layoutKnown() : stopsEarly ? () => analyzer.previewSettled() : undefined;
    // No score column: inspect still returns every column (with `error` and a
    // "no_score_column" notice) so that the user can pick one; analyze rejects.
    const failUnlessInspectable = () => {
      if (!inspecting || !analyzer.layoutKnown()) fail();
      const inspection = JSON.parse(analyzer.inspectJson(options.records ?? 10));
      if (!inspection.notices?.some((n) => n.code === 'no_score_column')) fail();
      return inspection;
    };
    const opened = await openInput(input);
    let ok;
    if (opened.workbook) {
      ok = analyzer.beginWorkbook(opened.workbook.size) &&
        (await serveWorkbook(Module, analyzer, opened.workbook, { signal: options.signal, stopWhen }).catch(damaged));
    } else {
      ok = await pump(Module, opened.input, (p, n) => analyzer.feed(p, n), { ...options, stopWhen });
    }
    if (!ok) return failUnlessInspectable();
    if (stopsEarly && analyzer.previewSettled()) return { session_preview: JSON.parse(analyzer.stoppedPreviewJson()) };
    if (!(inspecting && analyzer.layoutKnown()) && !analyzer.finish()) return failUnlessInspectable();
    return JSON.parse(inspecting ? analyzer.inspectJson(options.records ?? 10) : analyzer.reportJson());
  } finally {
    analyzer.delete();
  }
}

/** The NPS report of one file (docs/report.md); memory stays flat. */
export function analyze(input, options = {}) {
  return runAnalyzer(input, options, 'report');
}

/**
 * The report of several tallies files added up (docs/scale.md): each input is a
 * tallies file (CSV or JSON, as `npskit tally`, `npskit merge` or the SQL of
 * `npskit sql` write them). A raw export is refused: rows do not add up.
 * (One tallies file can also go to analyze(): it is recognized by its header.)
 */
export async function analyzeTallies(inputs, options = {}) {
  const Module = await getModule();
  const analyzer = new Module.Analyzer(optionsJson(options));
  try {
    const fail = () => { throw new NpskitError(analyzer.error()); };
    if (analyzer.error()) fail();
    if (!inputs.length) throw new NpskitError('analyzeTallies needs at least one tallies file');
    for (const [i, input] of inputs.entries()) {
      if (i > 0 && !analyzer.nextFile()) fail();
      const ok = await pump(Module, input, (p, n) => analyzer.feed(p, n), options);
      if (!ok || !analyzer.finish()) fail();
      if (!analyzer.isTallies()) throw new NpskitError('not a tallies file: analyzeTallies adds tallies files (use analyze for a raw export)');
    }
    return JSON.parse(analyzer.reportJson());
  } finally {
    analyzer.delete();
  }
}

/** How a file is read: encoding, delimiter, header rows, column roles, first records. */
export function inspect(input, options = {}) {
  return runAnalyzer(input, options, 'inspect');
}

// A file by path: a workbook is read where the core asks (random access), other files streamed.
async function nodeFileStream(path) {
  return { npskitPath: String(path) };
}

/** Node: analyze a file by path, streaming it. */
export async function analyzeFile(path, options = {}) {
  return analyze(await nodeFileStream(path), options);
}

/** Node: inspect a file by path. */
export async function inspectFile(path, options = {}) {
  return inspect(await nodeFileStream(path), options);
}

/**
 * Statistics on tallies you hold (docs/js-api.md): { compare: { a, b } } (two
 * independent groups) and/or { sampleSize: { margin, expected } }, optional
 * confidence. A tally is { histogram } or { promoters, passives, detractors }.
 */
export async function stats(query) {
  const Module = await getModule();
  const result = JSON.parse(Module.statsJson(JSON.stringify(query ?? {})));
  if (result && result.error) throw new NpskitError(result.error);
  return result;
}

/**
 * The dashboard's session: parses files once, then answers report/rows queries.
 * `inputs`: one input, or a list of inputs or { name, data } objects.
 */
export async function openSession(inputs, options = {}) {
  const Module = await getModule();
  const requested = options.shards ?? 1;
  if (!Number.isInteger(requested) || requested < 1) throw new NpskitError('option shards must be a whole number >= 1');
  if (requested > 1) {
    const sharded = await openShards(Module, inputs, requested, options);
    if (sharded.session) return sharded.session;
    const session = await openSession(inputs, { ...options, shards: 1 });
    session.shards = { requested, count: 1, rereads: 0, single: sharded.single };
    return session;
  }
  const session = new Module.Session(optionsJson({ ...options, shards: undefined }));
  if (session.error()) {
    const message = session.error();
    session.delete();
    throw new NpskitError(message);
  }
  const list = Array.isArray(inputs) ? inputs : [inputs];
  const fileErrors = [];
  let bytesBefore = 0;
  const sizeOf = (item) => {
    const data = item && typeof item === 'object' && 'data' in item ? item.data : item;
    return data?.size ?? data?.byteLength ?? (typeof data === 'string' ? data.length : undefined);
  };
  const sizes = list.map(sizeOf);
  const totalBytes = sizes.every((s) => s !== undefined) ? sizes.reduce((a, b) => a + b, 0) : undefined;
  try {
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      const named = item && typeof item === 'object' && 'data' in item;
      const data = named ? item.data : item;
      const name = named ? item.name : data?.name ?? `file ${i + 1}`;
      session.beginFile(String(name), sizes[i] ?? 0);
      const progress = options.onProgress
        ? ({ bytes }) => options.onProgress({ file: name, fileIndex: i, bytes: bytesBefore + bytes, totalBytes,
                                              rows: session.recordsRead() })
        : undefined;
      const opened = await openInput(data);
      let ok;
      let hostError = '';
      if (opened.workbook) {
        ok = session.beginWorkbook(opened.workbook.size) &&
          (await serveWorkbook(Module, session, opened.workbook, { signal: options.signal }).catch((e) => {
            if (!e?.workbookDamaged) throw e;
            hostError = e.message;
            return false;
          }));
        progress?.({ bytes: opened.workbook.size });
      } else {
        ok = await pump(Module, opened.input, (p, n) => session.feed(p, n), { onProgress: progress, signal: options.signal });
      }
      if (!session.endFile() || !ok) fileErrors.push({ file: name, error: session.error() || hostError });
      bytesBefore += sizes[i] ?? 0;
    }
  } catch (error) {
    session.delete();
    throw error;
  }
  const query = (method, q) => {
    const result = JSON.parse(session[method](JSON.stringify(q ?? {})));
    if (result && result.error) throw new NpskitError(result.error);
    return result;
  };
  return {
    fileErrors,
    info: () => JSON.parse(session.infoJson()),
    report: (q) => query('reportJson', q),
    rows: (q) => query('rowsJson', q),
    comments: (q) => query('commentsJson', q),
    themes: (q) => query('themesJson', q),
    close: () => session.delete(),
    shards: { requested: 1, count: 1, rereads: 0, single: null },
  };
}

// openSession(input, { shards: n }): the file read by n shards in this thread
// (js/shards.mjs; a dashboard runs the same steps in workers). Resolves to
// { session } or { single: why it is read as one session }.
async function openShards(Module, inputs, requested, options) {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length !== 1) return { single: 'shards split one file; several files are read as one session' };
  const item = list[0];
  const named = item && typeof item === 'object' && 'data' in item;
  const data = named ? item.data : item;
  const name = String(named ? item.name : data?.name ?? 'file 1');
  const json = optionsJson({ ...options, shards: undefined });
  const opened = await openShardedSession(Module, data, requested, json, name, options.signal);
  if (opened.single) return { single: opened.single };
  const { shards } = opened;
  const close = () => shards.forEach((s) => s.delete());
  // What cannot merge exactly for every query (segment values a shard folded, far-off
  // dates past the trend's cap) shows in info() and the first report: then one session reads it.
  const info = shardedInfo(Module, shards);
  const first = shardedReport(Module, shards, {});
  const inexact = info.cannot_shard_exactly ?? first.cannot_shard_exactly;
  if (inexact) {
    close();
    return { single: `cannot shard exactly: ${inexact}` };
  }
  const answer = (result) => {
    if (result?.cannot_shard_exactly) {
      throw new NpskitError(`cannot shard exactly: ${result.cannot_shard_exactly}; open the file with shards: 1`);
    }
    if (result?.error) throw new NpskitError(result.error);
    return result;
  };
  const fileErrors = info.files?.[0]?.error ? [{ file: name, error: info.files[0].error }] : [];
  return {
    session: {
      fileErrors,
      info: () => answer(shardedInfo(Module, shards)),
      report: (q) => answer(shardedReport(Module, shards, q)),
      rows: (q) => answer(shardedRows(Module, shards, q)),
      comments: (q) => answer(shardedComments(Module, shards, q)),
      themes: (q) => answer(JSON.parse(shards[0].themesJson(JSON.stringify(q ?? {})))), // the same in every shard
      close,
      shards: { requested, count: shards.length, rereads: opened.rereads, single: null },
    },
  };
}
