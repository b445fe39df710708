// Memory benchmark over hostile shapes (issue 12, section 1): each shape is
// written to a temp file, then analysed natively (peak RSS of `npskit analyze`,
// by /usr/bin/time) and in wasm (the module's memory after analyze() in Node;
// wasm memory only grows, so that is its peak). Prints one row per shape.
//
//   node bench/hostile-memory.mjs [--scale 1] [--only name,name]
//
// Shapes (issue 12's findings, at --scale 1): one row per day from year 1 to 9999
// (period day); 400k distinct far-apart days (period day); a cross of two
// 1,000-value columns (1M cells); a JSON document with 5M keys in one record;
// a segment column of 400 values of 100 kB; 2,000 low-cardinality columns.
// Needs build/native/bin/npskit (NPSKIT_BIN) and dist/core (the wasm build).
import { execFileSync, spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = process.env.NPSKIT_BIN ?? join(ROOT, 'build/native/bin/npskit');

// Child mode: analyze FILE with OPTIONS in wasm, print the module's memory size.
if (process.argv[2] === '--wasm-child') {
  let memory = null;
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = async (...args) => {
    const result = await instantiate(...args);
    const exports = (result.instance ?? result).exports;
    for (const v of Object.values(exports)) if (v instanceof WebAssembly.Memory) memory = v;
    return result;
  };
  const { analyze } = await import(pathToFileURL(join(ROOT, 'js/index.mjs')).href);
  let outcome = 'ok';
  try { await analyze(readFileSync(process.argv[3]), JSON.parse(process.argv[4])); } catch (e) { outcome = 'error: ' + e.message.slice(0, 100); }
  console.log(JSON.stringify({ bytes: memory?.buffer.byteLength ?? null, outcome }));
  process.exit(0);
}

const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? process.argv[i + 1] : def; };
const SCALE = Number(arg('--scale', '1'));
const ONLY = arg('--only', '')?.split(',').filter(Boolean);

function iso(days) {
  return new Date(Date.UTC(1970, 0, 1) + days * 86400000).toISOString().slice(0, 10).replace(/^\+0*/, '');
}
const DAY1 = -719162; // 0001-01-01
async function write(file, gen) {
  const out = createWriteStream(file);
  for (const chunk of gen()) if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  await new Promise((r) => out.end(r));
}

const shapes = [
  { name: 'days year 1..9999, period day', options: { period: 'day' }, *gen() {
    yield 'score,date\n';
    const n = Math.round(3_652_059 * SCALE);
    for (let d = 0; d < n; d += 1000) { let s = ''; for (let k = d; k < Math.min(n, d + 1000); k++) s += `9,${iso(DAY1 + k).padStart(10, '0')}\n`; yield s; }
  } },
  { name: '400k distinct far-apart days, period day', options: { period: 'day' }, *gen() {
    yield 'score,date\n';
    const n = Math.round(400_000 * SCALE);
    for (let i = 0; i < n; i += 1000) { let s = ''; for (let k = i; k < Math.min(n, i + 1000); k++) s += `${k % 11},${iso(DAY1 + ((k * 7919) % 3_652_059)).padStart(10, '0')}\n`; yield s; }
  } },
  { name: 'cross of two 1,000-value columns', options: { segments: ['a', 'b'], cross: ['a', 'b'] }, *gen() {
    yield 'score,a,b\n';
    const n = Math.round(1_000_000 * SCALE);
    for (let i = 0; i < n; i += 1000) { let s = ''; for (let k = i; k < Math.min(n, i + 1000); k++) s += `${k % 11},a${k % 1000},b${Math.floor(k / 1000) % 1000}\n`; yield s; }
  } },
  { name: 'JSON document, 5M keys in one record', options: {}, *gen() {
    const n = Math.round(5_000_000 * SCALE);
    yield '[{"score":9';
    for (let i = 0; i < n; i += 10000) { let s = ''; for (let k = i; k < Math.min(n, i + 10000); k++) s += `,"${k.toString(36)}":1`; yield s; }
    yield '}]';
  } },
  { name: 'segment column of 400 values of 100 kB', options: { segments: ['plan'] }, *gen() {
    yield 'score,plan\n';
    const n = Math.round(400 * SCALE);
    for (let i = 0; i < n; i++) yield `9,${String(i).padStart(6, '0')}${'x'.repeat(100_000)}\n`;
  } },
  { name: '2,000 low-cardinality columns', options: {}, *gen() {
    const cols = 2000;
    yield 'score,' + Array.from({ length: cols }, (_, c) => `c${c}`).join(',') + '\n';
    const n = Math.round(2000 * SCALE);
    for (let i = 0; i < n; i++) yield `${i % 11},` + Array.from({ length: cols }, (_, c) => ((i + c) % 3 ? 'red' : 'blue')).join(',') + '\n';
  } },
];

const dir = mkdtempSync(join(tmpdir(), 'npskit-hostile-memory-'));
const rows = [];
try {
  for (const shape of shapes) {
    if (ONLY?.length && !ONLY.some((o) => shape.name.includes(o))) continue;
    const file = join(dir, 'input');
    await write(file, () => shape.gen());
    const mb = statSync(file).size / 1e6;
    const flags = [];
    const o = shape.options;
    if (o.period) flags.push('--period', o.period);
    for (const s of o.segments ?? []) flags.push('--segment', s);
    for (const c of o.cross ?? []) flags.push('--cross', c);
    const t0 = performance.now();
    const native = spawnSync('/usr/bin/time', ['-f', '%M', BIN, 'analyze', file, ...flags, '--compact'], { maxBuffer: 1 << 30 });
    const seconds = (performance.now() - t0) / 1000;
    const stderr = native.stderr.toString().trim().split('\n');
    const rssMb = Number(stderr.at(-1)) / 1024;
    const outBytes = native.stdout.length;
    const wasm = JSON.parse(execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--wasm-child', file, JSON.stringify(o)], { maxBuffer: 1 << 26 }).toString());
    rows.push({
      shape: shape.name, input_mb: +mb.toFixed(1), native_peak_rss_mb: +rssMb.toFixed(1), native_s: +seconds.toFixed(1),
      report_kb: Math.round(outBytes / 1024), native_exit: native.status,
      native_error: native.status ? stderr.slice(0, -1).join(' ').slice(0, 90) : '',
      wasm_memory_mb: wasm.bytes == null ? null : +(wasm.bytes / 1048576).toFixed(1), wasm_outcome: wasm.outcome.slice(0, 60),
    });
    console.error(JSON.stringify(rows.at(-1)));
  }
  console.table(rows);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
