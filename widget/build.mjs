// Bundles the widget into dist/widget/ (run by scripts/build.sh after the wasm build).
// Sources (widget/src/): the entries at the top (one per built file), loader/ (what
// every page carries), survey/ (the lazily loaded survey runtime: ui/ the view,
// state/ what the browser remembers, delivery/ queue + send, core/ loading the C++ core).
//   npskit.js      classic script for the <script> tag: the loader (tiny)      <- loader.js
//   index.mjs      the same loader as an ES module, for `import ... from 'npskit/widget'` <- npm.js
//   ui.mjs         the lazily loaded survey runtime (view, rules' state, delivery) <- survey/runtime.js
//                  (the file keeps its first name: hosts' CSPs, caches and older loaders ask for it)
//   delighted.js   Delighted's snippet drop-in (the loader + option mapping)   <- delighted.js
//   npskit-standalone.js  loader + survey runtime + JS core in one file (nothing else fetched) <- standalone.js
//   core-wasm.mjs + core.wasm, core-js.mjs   the C++ survey core (copied from dist/core)
// Writes dist/widget/sizes.json (raw and gzip -9 bytes) for bench/ and the docs.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist/widget');
fs.mkdirSync(out, { recursive: true });

const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };
await build({ ...common, entryPoints: [path.join(root, 'widget/src/loader.js')], format: 'iife', outfile: path.join(out, 'npskit.js') });
await build({ ...common, entryPoints: [path.join(root, 'widget/src/npm.js')], format: 'esm', outfile: path.join(out, 'index.mjs') });
await build({ ...common, entryPoints: [path.join(root, 'widget/src/survey/runtime.js')], format: 'esm', outfile: path.join(out, 'ui.mjs') });
// Delighted's snippet, pointed here, keeps working (docs/migrate-from-delighted.md).
await build({ ...common, entryPoints: [path.join(root, 'widget/src/delighted.js')], format: 'iife', outfile: path.join(out, 'delighted.js') });

const core = path.join(root, 'dist/core');
const copies = { 'survey.mjs': 'core-wasm.mjs', 'survey.wasm': 'core.wasm', 'survey-js.mjs': 'core-js.mjs' };
for (const [from, to] of Object.entries(copies)) {
  const src = path.join(core, from);
  if (!fs.existsSync(src)) {
    console.error(`widget/build.mjs: ${src} missing: run scripts/build-wasm.sh first`);
    process.exitCode = 1;
    continue;
  }
  let text = fs.readFileSync(src);
  // The glue names its wasm file after the build output; the widget ships it as core.wasm.
  if (from === 'survey.mjs') text = Buffer.from(text.toString().split('survey.wasm').join('core.wasm'));
  // The glue uses the global Promise, which a host page may have replaced: inside these
  // modules `Promise` is the engine's own (what an async function returns).
  if (to.endsWith('.mjs')) text = Buffer.concat([Buffer.from('const Promise=(async()=>{})().constructor;'), text]);
  // Nor may the glue call built-ins a page can replace: Object.assign (start-up) and
  // Function.prototype.apply (each export's first call) become plain syntax.
  if (to.endsWith('.mjs')) {
    let glue = text.toString();
    const assigns = glue.split('Object.assign(').length - 1;
    glue = 'function npskitAssign(t,s){for(var k in s)t[k]=s[k];return t}' + glue.split('Object.assign(').join('npskitAssign(');
    glue = glue.split('.apply(null,arguments)').join('(arguments[0],arguments[1],arguments[2],arguments[3])');
    if (assigns !== 2 || /Object\.assign|\.apply\(/.test(glue)) {
      console.error(`widget/build.mjs: ${to}: the Emscripten glue changed shape (Object.assign/apply); update this rewrite`);
      process.exitCode = 1;
    }
    text = Buffer.from(glue);
  }
  fs.writeFileSync(path.join(out, to), text);
}

// Self-contained: loader + survey runtime + JS core in one classic script (no chunk fetched).
if (fs.existsSync(path.join(out, 'core-js.mjs')))
  await build({ ...common, entryPoints: [path.join(root, 'widget/src/standalone.js')], format: 'iife',
    outfile: path.join(out, 'npskit-standalone.js'),
    // The JS glue names a .wasm file it never loads (-sWASM=0) relative to its module URL.
    define: { 'import.meta.url': 'document.baseURI' } });

const sizes = {};
for (const f of fs.readdirSync(out).sort()) {
  if (!/\.(m?js|wasm)$/.test(f)) continue;
  const buf = fs.readFileSync(path.join(out, f));
  sizes[f] = { raw: buf.length, gzip: zlib.gzipSync(buf, { level: 9 }).length };
}
const g = (f) => (sizes[f] ? sizes[f].gzip : 0);
sizes.total_first_survey_wasm = g('npskit.js') + g('ui.mjs') + g('core-wasm.mjs') + g('core.wasm');
sizes.total_first_survey_js = g('npskit.js') + g('ui.mjs') + g('core-js.mjs');
fs.writeFileSync(path.join(out, 'sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
console.log('widget: dist/widget/', JSON.stringify({ loader: g('npskit.js'), ui: g('ui.mjs'), core: g('core-wasm.mjs') + g('core.wasm'),
  first_survey: sizes.total_first_survey_wasm, js_fallback_total: sizes.total_first_survey_js }));
