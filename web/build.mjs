// Builds the dashboard two ways (run by scripts/build.sh after the wasm build):
//   dist/dashboard/            static site: index.html, dashboard.{js,css}, worker.js, analytics.wasm, data/, sample/
//   dist/npskit-dashboard.html one self-contained file (JS, CSS, worker, wasm, sample inlined) that works from file://
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import crypto from 'node:crypto';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import { rehearsalData } from './rehearsal-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const web = path.join(root, 'web');
const out = path.join(root, 'dist', 'dashboard');
const coreWasm = path.join(root, 'dist', 'core', 'analytics.wasm');
const sampleCsv = path.join(root, 'examples', 'sample', 'responses.csv');

// Published industry figures: shipped as CSV (the source of truth, with provenance)
// and as JSON, and bundled into the JS so the single file has them too.
function benchmarks() {
  const csv = fs.readFileSync(path.join(web, 'data', 'industry_nps.csv'), 'utf8');
  const { data } = Papa.parse(csv, { header: true, skipEmptyLines: true });
  const num = (v) => (v === '' || v == null ? null : Number(v));
  return data.map((r) => ({
    industry: r.industry, segment: r.segment, region: r.region, year: Number(r.year), statistic: r.statistic,
    nps: num(r.nps), low: num(r.low), high: num(r.high), provenance: r.provenance, source: r.source, url: r.url, note: r.note,
  })).filter((r) => r.nps != null || (r.low != null && r.high != null))
    .map((r) => ({ ...r, nps: r.nps ?? (r.low + r.high) / 2 }));
}

let rehearsal = null; // the core's answers the page's first-draw rehearsal draws (web/rehearsal-data.mjs)

function virtualModules(embedded) {
  return {
    name: 'npskit-virtual',
    setup(build) {
      build.onResolve({ filter: /^npskit:/ }, (a) => ({ path: a.path, namespace: 'npskit' }));
      build.onLoad({ filter: /.*/, namespace: 'npskit' }, (a) => {
        if (a.path === 'npskit:benchmarks') return { contents: JSON.stringify(benchmarks()), loader: 'json' };
        if (a.path === 'npskit:rehearsal') return { contents: JSON.stringify(rehearsal), loader: 'json' };
        if (a.path === 'npskit:embedded') {
          return { contents: Object.entries(embedded).map(([k, v]) => `export const ${k} = ${JSON.stringify(v)};`).join('\n'), loader: 'js' };
        }
        return null;
      });
    },
  };
}

// node:* imports in js/index.mjs sit behind an is-Node check and never run in a browser.
// NOMINIFY=1 keeps names readable for CPU profiles.
const common = { bundle: true, format: 'esm', target: 'es2022', minify: !process.env.NOMINIFY, legalComments: 'none', logLevel: 'warning', external: ['node:*'] };

async function bundle(entry, embedded, extra = {}) {
  const r = await esbuild.build({ ...common, ...extra, entryPoints: [path.join(web, 'src', entry)], write: false, plugins: [virtualModules(embedded)] });
  return r.outputFiles[0].text;
}

const none = { workerSource: null, wasmBase64: null, sampleGzipBase64: null };

async function main() {
  if (!fs.existsSync(coreWasm)) throw new Error('dist/core/analytics.wasm is missing: run bash scripts/build-wasm.sh first');
  rehearsal = await rehearsalData();
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'data'), { recursive: true });

  // 1. Static site.
  const workerJs = await bundle('worker.mjs', none);
  const mainJs = await bundle('main.mjs', none);
  const css = fs.readFileSync(path.join(web, 'dashboard.css'), 'utf8');
  fs.writeFileSync(path.join(out, 'worker.js'), workerJs);
  fs.writeFileSync(path.join(out, 'dashboard.js'), mainJs);
  fs.writeFileSync(path.join(out, 'dashboard.css'), css);
  fs.copyFileSync(path.join(web, 'index.html'), path.join(out, 'index.html'));
  if (fs.existsSync(coreWasm)) fs.copyFileSync(coreWasm, path.join(out, 'analytics.wasm'));
  fs.copyFileSync(path.join(web, 'data', 'industry_nps.csv'), path.join(out, 'data', 'industry_nps.csv'));
  fs.writeFileSync(path.join(out, 'data', 'industry_nps.json'), JSON.stringify(benchmarks(), null, 1));
  fs.writeFileSync(path.join(out, 'data', 'NOTICE.txt'),
    'industry_nps.csv: published industry NPS figures; every row names its source, year, region and URL.\n' +
    'Net Promoter, Net Promoter System, Net Promoter Score, NPS and the NPS-related emoticons are registered trademarks of Bain & Company, Inc., Fred Reichheld and Satmetrix Systems, Inc.\n');
  if (fs.existsSync(sampleCsv)) {
    fs.mkdirSync(path.join(out, 'sample'), { recursive: true });
    fs.copyFileSync(sampleCsv, path.join(out, 'sample', 'responses.csv'));
  }

  // 2. Single file: the worker's code as a string (started from a Blob URL), the wasm
  // and the sample as base64. The CSP allows exactly this script and style by hash.
  // A blob: worker's import.meta.url is not a base for relative URLs, and the
  // Emscripten glue resolves "analytics.wasm" against it even when given the bytes:
  // give it a fixed absolute URL (never fetched: the wasm bytes are passed in).
  const singleWorkerJs = await bundle('worker.mjs', none, { define: { 'import.meta.url': '"file:///npskit/worker.js"' } });
  const embedded = {
    workerSource: singleWorkerJs,
    wasmBase64: fs.existsSync(coreWasm) ? fs.readFileSync(coreWasm).toString('base64') : null,
    sampleGzipBase64: fs.existsSync(sampleCsv) ? zlib.gzipSync(fs.readFileSync(sampleCsv), { level: 9 }).toString('base64') : null,
  };
  // An inline <script> ends at the first "</script": escape it inside the JS text.
  const singleJs = (await bundle('main.mjs', embedded)).replace(/<\/(script)/gi, '<\\/$1');
  const sha = (s) => "'sha256-" + crypto.createHash('sha256').update(s, 'utf8').digest('base64') + "'";
  const csp = `default-src 'none'; script-src ${sha(singleJs)} 'wasm-unsafe-eval'; worker-src blob:; connect-src blob: data:; img-src data: blob:; style-src ${sha(css)}; object-src 'none'; base-uri 'none'; form-action 'none'`;
  let html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
  html = html.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, `<meta http-equiv="Content-Security-Policy" content="${csp}">`);
  html = html.replace('<link rel="stylesheet" href="dashboard.css">', () => `<style>${css}</style>`);
  html = html.replace('<script type="module" src="dashboard.js"></script>', () => `<script type="module">${singleJs}</script>`);
  fs.writeFileSync(path.join(root, 'dist', 'npskit-dashboard.html'), html);

  const kb = (p) => (fs.statSync(p).size / 1024).toFixed(0) + ' KiB';
  console.log(`dashboard: dist/dashboard/ (dashboard.js ${kb(path.join(out, 'dashboard.js'))}, worker.js ${kb(path.join(out, 'worker.js'))}), dist/npskit-dashboard.html ${kb(path.join(root, 'dist', 'npskit-dashboard.html'))}`);
}

main().catch((e) => { console.error(e.message || e); process.exit(1); });
