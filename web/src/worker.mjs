// The Web Worker that owns the WebAssembly core. The main thread never parses:
// it sends files (Blobs, zero-copy) and queries, and gets back reports and row
// pages. One session at a time; opening new files replaces it.
import { init, openSession, analyze, inspect, stats } from '../../js/index.mjs';
import { warmUp } from './warmup.mjs';

let session = null;
let ready = null;
let warming = null; // AbortController of a running warm-up
const running = new Map(); // request id -> AbortController

function post(msg) { self.postMessage(msg); }

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

// Column roles of the merged session, from each file's detected columns (first file wins).
function rolesOf(files = []) {
  const roles = { score: null, date: null, comment: null, id: null, email: null, name: null, segments: [] };
  for (const f of files) {
    for (const c of f.columns ?? []) {
      if (c.role === 'segment') { if (!roles.segments.includes(c.name)) roles.segments.push(c.name); }
      else if (c.role in roles && !roles[c.role]) roles[c.role] = c.name;
    }
  }
  return roles;
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
      await warmUp(kind, { signal: controller.signal });
      return true;
    } catch {
      return false;
    } finally {
      if (warming === controller) warming = null;
    }
  },

  open({ files, options }, id) {
    const totalBytes = files.reduce((s, f) => s + f.data.size, 0);
    let last = 0;
    return cancellable(id, async (signal) => {
      const next = await openSession(files, {
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
      // Files the core could not use (no score column, not CSV/JSON) are listed, not fatal.
      const info = session.info();
      return { ...info, columns: info.columns ?? rolesOf(info.files), fileErrors: next.fileErrors ?? [] };
    });
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

  // How a file is read (columns, roles, first records): the column picker's preview.
  inspect({ file, options }, id) {
    return cancellable(id, (signal) => inspect(file.data, { ...options, records: 8, signal }));
  },

  // Statistics on tallies the page holds (compare two segments, sample size for a goal):
  // decided by the core, never in the page (src/core/report/stats_query.hpp).
  async stats({ query }) {
    await ready;
    return stats(query);
  },

  async report({ query }) {
    if (!session) throw new Error('no data loaded');
    return session.report(query);
  },

  async rows({ query }) {
    if (!session) throw new Error('no data loaded');
    return session.rows(query);
  },

  async comments({ query }) {
    if (!session) throw new Error('no data loaded');
    return session.comments(query);
  },

  async themes({ query }) {
    if (!session) throw new Error('no data loaded');
    return session.themes(query);
  },

  // Several queries in one round trip (a full dashboard refresh).
  async batch({ requests }) {
    if (!session) throw new Error('no data loaded');
    const out = {};
    for (const [key, r] of Object.entries(requests)) {
      out[key] = r.kind === 'rows' ? session.rows(r.query) : r.kind === 'comments' ? session.comments(r.query) : session.report(r.query);
    }
    return out;
  },

  async cancel({ target }) {
    running.get(target)?.abort();
    return true;
  },
};

self.onmessage = async (ev) => {
  const { id, type, ...args } = ev.data;
  if (type !== 'warmUp') warming?.abort(); // real work comes first
  try {
    const result = await handlers[type](args, id);
    post({ id, result });
  } catch (e) {
    post({ id, error: errorOf(e) });
  }
};
