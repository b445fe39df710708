// Main-thread client of the worker (worker.mjs). Promise per request, progress
// callbacks, and a cancel that aborts the parse; if the worker does not answer
// within a second (busy in a long wasm call) it is terminated and restarted.
import { workerSource, wasmBase64 } from 'npskit:embedded';

let worker = null;
let initDone = null;
let seq = 0;
const pending = new Map(); // id -> { resolve, reject, onProgress }

function base64ToBytes(b64) {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function spawn() {
  if (workerSource) {
    // Single-file build: the worker's code is a string in this page; a Blob URL
    // makes it a same-page worker that also works from file://.
    const url = URL.createObjectURL(new Blob([workerSource], { type: 'text/javascript' }));
    worker = new Worker(url, { type: 'module', name: 'npskit-core' });
  } else {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'npskit-core' });
  }
  worker.onmessage = (ev) => {
    const { id, progress, result, error } = ev.data;
    const p = pending.get(id);
    if (!p) return;
    if (progress) { p.onProgress?.(progress); return; }
    pending.delete(id);
    if (error) p.reject(Object.assign(new Error(error.message), { name: error.name }));
    else p.resolve(result);
  };
  worker.onerror = (ev) => {
    ev.preventDefault?.();
    for (const p of pending.values()) p.reject(new Error(ev.message || 'the analysis worker failed to start'));
    pending.clear();
  };
  const wasm = wasmBase64 ? { wasmBinary: base64ToBytes(wasmBase64) } : { wasmUrl: new URL('./analytics.wasm', import.meta.url).href };
  initDone = call('init', wasm);
}

function call(type, args = {}, onProgress) {
  const id = ++seq;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, onProgress });
    worker.postMessage({ id, type, ...args });
  });
}

async function request(type, args, onProgress) {
  if (!worker) spawn();
  await initDone;
  return call(type, args, onProgress);
}

export const engine = {
  start() { if (!worker) spawn(); return initDone; },
  /** files: [{ name, data: Blob }]. Returns { promise, cancel }. */
  open(files, options, onProgress) {
    if (!worker) spawn();
    let cancelled = false;
    let openId = null;
    const promise = initDone.then(() => {
      if (cancelled) throw Object.assign(new Error('Import cancelled'), { name: 'AbortError' });
      const p = call('open', { files, options }, onProgress);
      openId = seq; // call() took this id synchronously
      return p;
    });
    const cancel = () => {
      cancelled = true;
      const stuck = openId && pending.get(openId);
      if (!stuck) return;
      worker.postMessage({ id: ++seq, type: 'cancel', target: openId });
      setTimeout(() => {
        if (pending.get(openId) === stuck) { // still parsing: stop the worker outright
          worker.terminate();
          worker = null;
          stuck.reject(Object.assign(new Error('Import cancelled'), { name: 'AbortError', terminated: true }));
          pending.clear();
        }
      }, 1000);
    };
    return { promise, cancel };
  },
  report: (query) => request('report', { query }),
  rows: (query) => request('rows', { query }),
  comments: (query) => request('comments', { query }),
  themes: (query) => request('themes', { query }),
  batch: (requests) => request('batch', { requests }),
};
