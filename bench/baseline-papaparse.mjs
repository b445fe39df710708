#!/usr/bin/env node
// The plain-JS baseline npskit is measured against: papaparse (header: true) plus
// a straightforward aggregation computing the report's core (overall tally, NPS,
// adjusted-Wald 95% interval, per-segment tallies, per-month trend).
//
//   node bench/baseline-papaparse.mjs bench/data/1m.csv [--mode string|step|stream]
//        [--score score] [--date submitted_at] [--segments country,plan,channel]
//
// Prints one JSON object: { ms, cpu_ms, rows, bytes, mb_per_s, mode, papaparse, node, report }.
// cpu_ms (user + system CPU of this process) is less disturbed than ms on a shared machine.
// ms covers reading the file, parsing and aggregating (not printing); MB = 10^6 bytes.
// Modes: "step" (default: readFileSync, then Papa.parse of the whole string with a
// step callback per row: no big result array; papaparse's fastest path in Node as
// measured on 1M rows), "string" (Papa.parse of the whole string into one array of
// row objects, then a loop), "stream" (fs.createReadStream through Papa.parse with
// a step callback).
import { readFileSync, statSync, createReadStream } from 'node:fs';
import { createRequire } from 'node:module';
import Papa from 'papaparse';
const PAPA_VERSION = createRequire(import.meta.url)('papaparse/package.json').version;

const argv = process.argv.slice(2);
const opt = (name, def) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : def;
};
const FILE = argv.find((a, i) => !a.startsWith('--') && !(i > 0 && argv[i - 1].startsWith('--')));
if (!FILE) {
  console.error('usage: node bench/baseline-papaparse.mjs FILE [--mode string|step|stream]');
  process.exit(2);
}
const MODE = opt('mode', 'step');
const SCORE = opt('score', 'score');
const DATE = opt('date', 'submitted_at');
const SEGMENTS = opt('segments', 'country,plan,channel').split(',');
const Z95 = 1.959963984540054;

// --- aggregation ------------------------------------------------------------------
const newTally = () => new Array(11).fill(0);
const overall = newTally();
const segs = SEGMENTS.map(() => new Map());
const months = new Map();
const rows = { read: 0, valid: 0, blank_score: 0, rejected: 0, date_missing: 0 };

// The score rules of npskit (src/core/values/score.hpp): "9", " 9 ", "9.0", "9,0",
// "10 - Extremely likely" are 9/9/9/9/10; blank is unanswered; the rest rejected.
const LABELLED = /^(-?\d+)(?:[.,](\d+))?\s*(?:[-=:(–].*)?$/;
function parseScore(cell) {
  if (cell === undefined) return -2; // short row: rejected
  if (cell.length <= 2) {
    // fast path: "0".."10"
    const c0 = cell.charCodeAt(0) - 48;
    if (cell.length === 1 && c0 >= 0 && c0 <= 9) return c0;
    if (cell === '10') return 10;
  }
  const t = cell.trim();
  if (t === '') return -1;
  const m = LABELLED.exec(t);
  if (!m || (m[2] && /[1-9]/.test(m[2]))) return -2;
  const v = Number(m[1]);
  return v >= 0 && v <= 10 ? v : -2;
}

function addRow(row) {
  rows.read++;
  const s = parseScore(row[SCORE]);
  if (s === -1) { rows.blank_score++; return; }
  if (s < 0) { rows.rejected++; return; }
  rows.valid++;
  overall[s]++;
  for (let k = 0; k < SEGMENTS.length; k++) {
    const v = row[SEGMENTS[k]];
    let t = segs[k].get(v);
    if (!t) segs[k].set(v, (t = newTally()));
    t[s]++;
  }
  const ms = Date.parse(row[DATE]); // ISO 8601 with offset: the UTC instant
  if (Number.isNaN(ms)) { rows.date_missing++; return; }
  const d = new Date(ms);
  const key = d.getUTCFullYear() * 12 + d.getUTCMonth(); // a number key: cheaper than toISOString()
  let t = months.get(key);
  if (!t) months.set(key, (t = newTally()));
  t[s]++;
}

const round2 = (x) => (x < 0 ? -1 : 1) * (Math.round(Math.abs(x) * 100 + 1e-9) / 100);
function summary(h) {
  const n = h.reduce((a, b) => a + b, 0);
  const P = h[9] + h[10], A = h[7] + h[8], D = n - P - A;
  const na = n + 3, p = (P + 0.75) / na, d = (D + 0.75) / na, adj = p - d;
  const half = Z95 * Math.sqrt((p + d - adj * adj) / na);
  return {
    n, promoters: P, passives: A, detractors: D,
    nps: n ? round2(((P - D) / n) * 100) : null,
    ci95: n ? [round2(Math.max(-1, adj - half) * 100), round2(Math.min(1, adj + half) * 100)] : null,
  };
}
function report() {
  return {
    rows,
    overall: { ...summary(overall), histogram: overall },
    segments: Object.fromEntries(SEGMENTS.map((c, k) => [c,
      [...segs[k].entries()].map(([value, h]) => ({ value, ...summary(h) }))
        .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1))])),
    trend: [...months.keys()].sort((a, b) => a - b).map((key) => ({
      period: `${Math.floor(key / 12)}-${String((key % 12) + 1).padStart(2, '0')}`, ...summary(months.get(key)) })),
  };
}

// --- run --------------------------------------------------------------------------------
const bytes = statSync(FILE).size;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
if (MODE === 'string') {
  const text = readFileSync(FILE, 'utf8');
  const res = Papa.parse(text, { header: true, skipEmptyLines: true });
  for (const row of res.data) addRow(row);
} else if (MODE === 'step') {
  const text = readFileSync(FILE, 'utf8');
  Papa.parse(text, { header: true, skipEmptyLines: true, step: (r) => addRow(r.data) });
} else if (MODE === 'stream') {
  await new Promise((resolve, reject) => {
    Papa.parse(createReadStream(FILE, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
      header: true, skipEmptyLines: true, step: (r) => addRow(r.data), complete: resolve, error: reject,
    });
  });
} else {
  throw new Error(`unknown --mode ${MODE}`);
}
const rep = report();
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({
  ms: Math.round(ms), cpu_ms: Math.round((cpu.user + cpu.system) / 1000), rows: rows.read, bytes, mb_per_s: Math.round((bytes / 1e6 / (ms / 1000)) * 10) / 10, mode: MODE,
  papaparse: PAPA_VERSION, node: process.version, report: rep,
}));
