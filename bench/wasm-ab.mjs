#!/usr/bin/env node
// Before/after of the WASM full report in Node: two builds of the project (two
// folders, each with js/ and dist/core/) analyse the same file in turn, A B A B
// ..., so a noisy machine slows both alike; prints medians, MB/s and the median
// of the pair-by-pair ratios, by the wall clock and by this process's CPU time
// (user + system, which other processes on a shared machine disturb less). The
// two reports must be equal.
//
//   node bench/wasm-ab.mjs --a . --b /path/to/baseline-checkout [--file bench/data/1000000.csv] [--runs 7]
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const A = resolve(arg('a', '.'));
const B = arg('b', null) && resolve(arg('b'));
const FILE = arg('file', 'bench/data/1000000.csv');
const RUNS = Number(arg('runs', '7'));
if (!B) throw new Error('--b <baseline folder> is required');

const load = async (root) => (await import(pathToFileURL(`${root}/js/index.mjs`).href)).analyzeFile;
const analyzeA = await load(A);
const analyzeB = await load(B);
const mb = statSync(FILE).size / 1e6;

async function time(analyze) {
  const t = performance.now();
  const c = process.cpuUsage();
  const report = await analyze(FILE);
  const cpu = process.cpuUsage(c);
  return { ms: performance.now() - t, cpuMs: (cpu.user + cpu.system) / 1000, report };
}

// Warm-up: compile and tier up both modules before timing.
const wa = await time(analyzeA);
const wb = await time(analyzeB);
if (JSON.stringify(wa.report) !== JSON.stringify(wb.report)) throw new Error('A and B reports differ');

const a = [], b = [], ratio = [], ac = [], bc = [], cpuRatio = [];
for (let i = 0; i < RUNS; i++) {
  const x = await time(analyzeA);
  const y = await time(analyzeB);
  a.push(x.ms); b.push(y.ms); ratio.push(x.ms / y.ms);
  ac.push(x.cpuMs); bc.push(y.cpuMs); cpuRatio.push(x.cpuMs / y.cpuMs);
}
const median = (xs) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)];
const row = (name, xs) =>
  `| ${name} | ${median(xs).toFixed(0)} | ${(mb / (median(xs) / 1000)).toFixed(0)} | ${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)} |`;
console.log(`WASM full report in Node ${process.version}, ${FILE} (${mb.toFixed(1)} MB), ${RUNS} interleaved runs`);
console.log('| build, clock | median ms | MB/s | range ms |\n|---|---:|---:|---:|');
console.log(row(`A ${A}, wall`, a));
console.log(row(`B ${B}, wall`, b));
console.log(row(`A ${A}, CPU`, ac));
console.log(row(`B ${B}, CPU`, bc));
const spread = (xs) => `${median(xs).toFixed(3)} (range ${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)})`;
console.log(`A/B ratio, median of pairs: wall ${spread(ratio)}, CPU ${spread(cpuRatio)}`);
