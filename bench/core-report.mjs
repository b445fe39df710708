#!/usr/bin/env node
// Full-report benchmark of the core, side by side in one run (medians of several
// runs; the machine is noisy): native CLI, wasm under Node (analyzeFile), and
// papaparse + plain JS aggregation (bench/baseline-papaparse.mjs). Also peak
// memory (max RSS) of the native CLI at two file sizes, to show it is flat.
//
//   node bench/core-report.mjs [--rows 1000000] [--big-rows 5000000] [--runs 5]
// Prints a Markdown table (copy it into the README) and writes bench/results/core-report.json.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { analyzeFile } from '../js/index.mjs';
import Papa from 'papaparse';
import vader from 'vader-sentiment';
import { readFileSync } from 'node:fs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 1_000_000);
const BIG_ROWS = arg('big-rows', 5_000_000);
const RUNS = arg('runs', 5);
const CLI = 'build/native/bin/npskit';

function dataFile(rows) {
  const file = `bench/data/${rows}.csv`;
  if (!existsSync(file)) {
    mkdirSync('bench/data', { recursive: true });
    const r = spawnSync('node', ['bench/generate.mjs', '--rows', String(rows), '--out', file], { stdio: 'inherit' });
    if (r.status !== 0) throw new Error('generate failed');
  }
  return file;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timeNative(file) {
  const t = performance.now();
  const r = spawnSync(CLI, ['analyze', file, '--compact'], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  return { ms: performance.now() - t, report: JSON.parse(r.stdout) };
}

async function timeWasm(file) {
  const t = performance.now();
  const report = await analyzeFile(file);
  return { ms: performance.now() - t, report };
}

function timePapa(file) {
  const r = spawnSync('node', ['bench/baseline-papaparse.mjs', file, '--score', 'score', '--date', 'submitted_at'], { maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(r.stderr.toString());
  const out = JSON.parse(r.stdout);
  return { ms: out.ms, report: out.report };
}

function maxRssMiB(file) {
  const r = spawnSync('/usr/bin/time', ['-f', '%M', CLI, 'analyze', file, '--compact'], { maxBuffer: 1 << 26 });
  const lines = r.stderr.toString().trim().split('\n');
  return Number(lines[lines.length - 1]) / 1024;
}

const file = dataFile(ROWS);
const mb = statSync(file).size / 1e6;
await timeWasm(file); // warm-up: compile + tier-up
const results = { native: [], wasm: [], papaparse: [] };
let reports = {};
for (let i = 0; i < RUNS; i++) {
  const n = timeNative(file); results.native.push(n.ms); reports.native = n.report;
  const w = await timeWasm(file); results.wasm.push(w.ms); reports.wasm = w.report;
  if (i < 3) { const p = timePapa(file); results.papaparse.push(p.ms); reports.papaparse = p.report; }
}
// The three must agree before their times mean anything.
if (JSON.stringify(reports.native) !== JSON.stringify(reports.wasm)) throw new Error('native and wasm reports differ');
if (reports.papaparse.overall?.n !== undefined && reports.papaparse.overall.n !== reports.native.overall.n)
  throw new Error(`papaparse baseline counted n=${reports.papaparse.overall.n}, core ${reports.native.overall.n}`);

// Comment analytics (issue 5): the time it adds to the WASM report, and the npm
// VADER implementation over the same comments in the same run (sentiment only; on
// the first 100k comments, as it is slow).
const withComments = [];
for (let i = 0; i < 3; i++) {
  const t = performance.now();
  await analyzeFile(file, { comments: true });
  withComments.push(performance.now() - t);
}
const commentTexts = Papa.parse(readFileSync(file, 'utf8'), { header: true }).data.map((r) => r.comment ?? '').filter(Boolean);
const commentMB = commentTexts.reduce((a, c) => a + Buffer.byteLength(c), 0) / 1e6;
const sampleComments = commentTexts.slice(0, 100_000);
const sampleMB = sampleComments.reduce((a, c) => a + Buffer.byteLength(c), 0) / 1e6;
let t0 = performance.now();
for (const c of sampleComments) vader.SentimentIntensityAnalyzer.polarity_scores(c);
const vaderMBps = sampleMB / ((performance.now() - t0) / 1000);
const addedMs = median(withComments) - median(results.wasm);

const row = (name, ms) => `| ${name} | ${median(ms).toFixed(0)} | ${(mb / (median(ms) / 1000)).toFixed(0)} | ${(median(results.papaparse) / median(ms)).toFixed(1)}x |`;
const big = dataFile(BIG_ROWS);
const rss = { [ROWS]: maxRssMiB(file), [BIG_ROWS]: maxRssMiB(big) };
const table = [
  `Full report on ${ROWS.toLocaleString('en')} rows (${mb.toFixed(1)} MB CSV), median of ${RUNS} runs (papaparse: 3):`,
  '',
  '| implementation | ms | MB/s | vs papaparse+JS |',
  '|---|---|---|---|',
  row('npskit native CLI (g++ -O3)', results.native),
  row('npskit WASM in Node 20 (`analyzeFile`)', results.wasm),
  row('papaparse 5 + plain JS aggregation', results.papaparse),
  '',
  `Comment analytics (\`comments: true\`: tokenizer, VADER-style sentiment, themes, keyphrases) adds ` +
    `${addedMs.toFixed(0)} ms to the WASM report for ${commentTexts.length.toLocaleString('en')} comments ` +
    `(${commentMB.toFixed(1)} MB of text): ${(commentMB / (addedMs / 1000)).toFixed(1)} MB/s of comment text, against ` +
    `${vaderMBps.toFixed(2)} MB/s for the npm vader-sentiment (sentiment only) in the same run.`,
  '',
  `Peak memory (max RSS) of the native CLI: ${rss[ROWS].toFixed(1)} MiB at ${ROWS.toLocaleString('en')} rows, ` +
    `${rss[BIG_ROWS].toFixed(1)} MiB at ${BIG_ROWS.toLocaleString('en')} rows (${(statSync(big).size / 1e6).toFixed(0)} MB).`,
].join('\n');
console.log(table);
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/core-report.json', JSON.stringify({ rows: ROWS, mb, results, rss, withComments, vaderMBps, commentMB }, null, 2));
