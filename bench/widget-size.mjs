// Widget size budget (gzip -9 and brotli bytes of dist/widget/*), measured:
//   loader <= 4 KB; loader + UI + styles + core needed to show the first survey <= 40 KB.
// Usage: node bench/widget-size.mjs   (after `node widget/build.mjs`); exits 1 over budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist/widget');
const files = ['npskit.js', 'index.mjs', 'ui.mjs', 'core-wasm.mjs', 'core.wasm', 'core-js.mjs'];
const size = {};
for (const f of files) {
  const buf = fs.readFileSync(path.join(dir, f));
  size[f] = {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}
const sum = (names, k) => names.reduce((n, f) => n + size[f][k], 0);
const firstWasm = ['npskit.js', 'ui.mjs', 'core-wasm.mjs', 'core.wasm'];
const firstJs = ['npskit.js', 'ui.mjs', 'core-js.mjs'];
const budgets = [
  ['loader (npskit.js)', ['npskit.js'], 5120],
  ['first survey, wasm core', firstWasm, 40960],
  ['first survey, JS fallback core (CSP without wasm)', firstJs, null],
];
const rows = [];
let over = false;
console.log('file                  raw      gzip    brotli');
for (const f of files) console.log(`${f.padEnd(18)} ${String(size[f].raw).padStart(7)} ${String(size[f].gzip).padStart(9)} ${String(size[f].brotli).padStart(9)}`);
console.log('');
for (const [name, names, budget] of budgets) {
  const gz = sum(names, 'gzip');
  const ok = budget == null || gz <= budget;
  over ||= !ok;
  rows.push({ name, files: names, gzip: gz, brotli: sum(names, 'brotli'), budget });
  console.log(`${name.padEnd(50)} gzip ${String(gz).padStart(6)} B  brotli ${String(sum(names, 'brotli')).padStart(6)} B` +
    (budget ? `  budget ${budget} B ${ok ? 'OK' : 'OVER'}` : ''));
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/widget-size.json'), JSON.stringify({ files: size, totals: rows }, null, 2) + '\n');
process.exitCode = over ? 1 : 0;
