// Loads the C++ survey core: WebAssembly where the page's CSP allows compiling
// it, else the same C++ compiled to plain JS (-sWASM=0). One JSON call per decision.
import { NativePromise, fetchFn, parse, stringify, write } from '../borrowed.js';

// pre: what the loader already started fetching ({ wasm, glue, bytes }), so the
// survey runtime, the glue and the wasm arrive in parallel.
async function instantiate(base, engine, pre) {
  const quiet = () => {};
  if (engine !== 'js' && (pre.wasm || engine === 'wasm')) {
    try {
      return { M: await wasmCore(base, engine, pre, quiet), engine: 'wasm' };
    } catch (e) {
      // Fetching or compiling the wasm failed (a connect-src that names only the
      // collector, a CDN without CORS, a proxy that mangles application/wasm):
      // remember it, so later pages go straight to the JS build, and use that now.
      write('wasm', { ok: false, until: Date.now() + 30 * 864e5 });
      if (engine === 'wasm') throw e;
    }
  }
  const glue = !pre.wasm && pre.glue ? pre.glue : import(base + 'core-js.mjs');
  const M = await (await glue).default({ print: quiet, printErr: quiet });
  return { M, engine: 'js' };
}

// Emscripten's factory waits for instantiateWasm to call back and never hears of
// a failure: the failure rejects this promise instead, so the caller can fall back.
function wasmCore(base, engine, pre, quiet) {
  const factory = engine === 'wasm' || !pre.glue || !pre.wasm ? import(base + 'core-wasm.mjs') : pre.glue;
  const response = pre.bytes || fetchFn()(base + 'core.wasm', { credentials: 'omit' });
  const instance = (imports) =>
    response.then((r) => {
      if (!r.ok) throw new Error('core.wasm: HTTP ' + r.status);
      // Streaming compile overlaps download and compilation (needs application/wasm).
      return WebAssembly.instantiateStreaming
        ? WebAssembly.instantiateStreaming(r.clone(), imports).then(undefined, () => r.arrayBuffer().then((b) => WebAssembly.instantiate(b, imports)))
        : r.arrayBuffer().then((b) => WebAssembly.instantiate(b, imports));
    });
  return new NativePromise((resolve, reject) => {
    factory.then((f) => f.default({
      print: quiet,
      printErr: quiet,
      // The loader fetched the bytes with the pristine fetch (the page may have replaced window.fetch).
      instantiateWasm(imports, done) {
        instance(imports).then((r) => done(r.instance), reject);
        return {};
      },
    })).then(resolve, reject);
  });
}

export async function loadCore(base, engine, pre) {
  const { M, engine: used } = await instantiate(base, engine, pre || { wasm: false });
  const put = (s) => {
    const n = M.lengthBytesUTF8(s) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(s, p, n);
    return p;
  };
  return {
    engine: used,
    call(op, request) {
      const a = put(op);
      const b = put(stringify(request));
      try {
        return parse(M.UTF8ToString(M._npskit_call(a, b)));
      } finally {
        M._free(a);
        M._free(b);
      }
    },
  };
}
