#!/usr/bin/env node
// Session open vs streaming analysis, on the same bytes, natively and in wasm
// (issue 15: "session open within 1.3x of the streaming analysis").
//   wasm: analyze(bytes) against openSession([{name, data: bytes}]) + report({}) + close(),
//         interleaved, after a warm-up (compile, tier-up), median of --runs.
//   native: build/native/bench/session_bench (a target of bench/CMakeLists.txt; built
//         here if missing), which does the same in C++ with 1 MiB chunks.
//   node bench/session-open.mjs [--rows 1000000] [--runs 5] [--file path.csv]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { analyze, openSession } from '../js/index.mjs';

const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const ROWS = Number(arg('rows', 1_000_000));
const RUNS = Number(arg('runs', 5));
let file = arg('file', `bench/data/${ROWS}.csv`);
if (!existsSync(file)) {
  mkdirSync('bench/data', { recursive: true });
  const r = spawnSync('node', ['bench/generate.mjs', '--rows', String(ROWS), '--out', file], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('generate failed');
}
const bytes = new Uint8Array(readFileSync(file));
const mb = bytes.length / 1e6;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function sessionReport() {
  const session = await openSession([{ name: 'bench.csv', data: bytes }]);
  try {
    return session.report({});
  } finally {
    session.close();
  }
}

await analyze(bytes); // warm-up: compile + tier-up of both paths
await sessionReport();
// Wall and CPU time (this process: on a shared machine the CPU time is disturbed less).
const stream = [], session = [], streamCpu = [], sessionCpu = [];
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e3;
};
let a, b;
for (let i = 0; i < RUNS; i++) {
  let t = performance.now(), c = cpuMs();
  a = await analyze(bytes);
  stream.push(performance.now() - t);
  streamCpu.push(cpuMs() - c);
  t = performance.now();
  c = cpuMs();
  b = await sessionReport();
  session.push(performance.now() - t);
  sessionCpu.push(cpuMs() - c);
}
if (a.overall.n !== b.overall.n || a.overall.nps !== b.overall.nps) throw new Error('session and streaming reports differ');

const BIN = 'build/native/bench/session_bench';
if (!existsSync(BIN)) spawnSync('cmake', ['--build', 'build/native', '--target', 'session_bench'], { stdio: 'inherit' });
const native = existsSync(BIN) ? spawnSync(BIN, [file, String(RUNS)]).stdout.toString().trim() : '(native bench not built)';

console.log(`${file}: ${mb.toFixed(1)} MB, median of ${RUNS} runs`);
console.log(`wasm (Node ${process.versions.node}): streaming analyze ${median(stream).toFixed(0)} ms, ` +
  `session open + report({}) ${median(session).toFixed(0)} ms: ${(median(session) / median(stream)).toFixed(2)}x wall; ` +
  `cpu ${median(streamCpu).toFixed(0)} / ${median(sessionCpu).toFixed(0)} ms: ${(median(sessionCpu) / median(streamCpu)).toFixed(2)}x`);
console.log(`native:\n${native}`);
