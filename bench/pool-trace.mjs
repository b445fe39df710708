// Where a file read by the worker pool spends its time (issue 15): one drop on the
// dashboard in headless Chromium (Debian's, as bench/dashboard-bench.mjs), with every
// request to every worker timed on one clock (ms since the epoch: the page's and each
// worker's performance.timeOrigin + now()): sent by the page, begun and ended in the
// worker, answered on the page; and, for the reads, each Blob.slice() read: asked and
// arrived (the gaps between them are the core's work on the previous step).
//
//   node bench/pool-trace.mjs [file.csv ...] [--workers=2] [--runs=1] [--cdp=out.json] [--no-build]
//   node bench/pool-trace.mjs [file.csv ...] --compare=1,2 [--runs=5]
// Default file: bench/data/dashboard-real-1m.csv. Times are ms from the file input's
// change event. --cdp writes a Chromium trace of the last run (open it in
// chrome://tracing or Perfetto) and prints each thread's busy time during the open.
// --compare: no trace printed; each run opens every file with each pool size in turn
// (interleaved, so the machine's load falls on all), then prints per file and size
// the medians of numbers ready and of the open (parse + id step), with load averages,
// and the CPU time the browser's processes used meanwhile (/proc: what the machine's
// load cannot inflate much; 10 ms ticks).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { launchBenchBrowser } from './bench-browser.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) ?? `--${name}=${dflt}`).slice(name.length + 3);
const files = args.filter((a) => !a.startsWith('--'));
if (!files.length) files.push(path.join(root, 'bench/data/dashboard-real-1m.csv'));
const WORKERS = opt('workers', '2');
const COMPARE = opt('compare', '').split(',').filter(Boolean);
const RUNS = Number(opt('runs', '1'));
const CDP = opt('cdp', '');

if (!args.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
const { base, browser, userDataDir, close } = await launchBenchBrowser(root, 'trace');

// CPU time (ms) used so far by this browser's processes, by kind (renderer: the page and
// its workers; browser: the file reads' other side, among others), from /proc.
function cpuMs() {
  const out = { renderer: 0, other: 0 };
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmd.includes(userDataDir)) continue;
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      const ms = (Number(stat[11]) + Number(stat[12])) * 10; // clock ticks of 10 ms
      out[cmd.includes('--type=renderer') ? 'renderer' : 'other'] += ms;
    } catch { /* the process ended meanwhile */ }
  }
  return out;
}

async function once(file, workers, traceTo) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}/dist/dashboard/?workers=${workers}#seg=Country`);
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 60000 });
    await page.evaluate(() => {
      window.__npskit.engine.pool.trace = [];
      window.addEventListener('change', () => { window.__t0 ??= performance.timeOrigin + performance.now(); }, { capture: true });
    });
    let cdp = null;
    if (traceTo) {
      cdp = await page.context().newCDPSession(page);
      await cdp.send('Tracing.start', { categories: 'devtools.timeline,v8,v8.wasm,disabled-by-default-devtools.timeline', transferMode: 'ReturnAsStream' });
    }
    const cpuBefore = cpuMs();
    const set0 = performance.now();
    await page.setInputFiles('#file-input', file);
    const setMs = performance.now() - set0;
    // The render of this file has drawn its numbers (timings[] is written only once it is complete).
    await page.waitForFunction(() => { const m = window.__npskit.lastRender; return m?.numbersReady != null && performance.timeOrigin + m.start >= window.__t0; }, null, { timeout: 600000, polling: 10 });
    const cpuAfter = cpuMs();
    await page.waitForFunction(() => window.__npskit.timings[0]?.numbersReady != null, null, { timeout: 600000, polling: 20 });
    const cpu = { renderer: cpuAfter.renderer - cpuBefore.renderer, other: cpuAfter.other - cpuBefore.other };
    const out = await page.evaluate(() => {
      const t0 = window.__t0, first = window.__npskit.timings[0];
      return { t0, numbersReady: first.numbersReady, phases: first.phases, trace: window.__npskit.engine.pool.trace, last: { ...window.__npskit.engine.pool.last, reads: undefined, planReads: undefined } };
    });
    out.cpu = cpu; // from setting the file to numbers ready (polled: up to ~20 ms more)
    out.setMs = setMs;
    if (cdp) {
      const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      const { stream } = await done;
      let text = '';
      for (;;) { const r = await cdp.send('IO.read', { handle: stream }); text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString() : r.data; if (r.eof) break; }
      await cdp.send('IO.close', { handle: stream });
      fs.writeFileSync(traceTo, text);
      out.cdp = busyByThread(JSON.parse(text), out.t0, out.t0 + out.numbersReady);
    }
    return out;
  } finally {
    await page.close();
  }
}

// Each thread's time in top-level tasks (complete events of depth 0) within [from, to] (epoch ms).
function busyByThread(trace, from, to) {
  const events = trace.traceEvents ?? trace;
  const names = new Map();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}:${e.tid}`, e.args.name);
  // Trace timestamps are monotonic µs; align them on the navigation's epoch via the first TracingStartedInBrowser? Use relative spans instead.
  const byThread = new Map();
  for (const e of events) {
    if (e.ph !== 'X' || !e.dur || !['RunTask', 'ThreadControllerImpl::RunTask'].includes(e.name)) continue;
    const key = `${e.pid}:${e.tid}`;
    const t = byThread.get(key) ?? { name: names.get(key) ?? key, busy: 0, first: Infinity, last: 0 };
    t.busy += e.dur / 1000; t.first = Math.min(t.first, e.ts / 1000); t.last = Math.max(t.last, (e.ts + e.dur) / 1000);
    byThread.set(key, t);
  }
  return [...byThread.values()].filter((t) => t.busy > 5).map((t) => ({ thread: t.name, busyMs: Math.round(t.busy), spanMs: Math.round(t.last - t.first) }));
}

const r1 = (x) => Math.round(x);
function show(run) {
  const { t0, trace } = run;
  console.log(`numbers ready ${r1(run.numbersReady)} ms; phases ${JSON.stringify(run.phases)}`);
  console.log(`pool: shards ${run.last.shards}, rereads ${run.last.rereads}, single ${run.last.single}`);
  console.log('worker             request                 sent  begun  ended answered (ms from the input)  [reads]');
  for (const e of trace.filter((x) => x.sent >= t0 - 1)) {
    const s = e.span ?? [NaN, NaN];
    let extra = '';
    if (e.slices?.length) { // waited: the worker waiting for bytes (not counting reads that ran while its core worked)
      const tail = s[1] - e.slices.at(-1)[2];
      extra = `  [${e.slices.length} reads, waited for them ${e.waited ?? '?'} ms, after the last ${r1(tail)} ms, first asked at ${r1(e.slices[0][1] - t0)}]`;
    }
    console.log(`${e.worker.padEnd(18)} ${e.type.padEnd(22)} ${String(r1(e.sent - t0)).padStart(6)} ${String(r1(s[0] - t0)).padStart(6)} ${String(r1(s[1] - t0)).padStart(6)} ${String(r1(e.got - t0)).padStart(6)}${extra}`);
  }
  console.log(`CPU from the input to numbers ready: renderer ${run.cpu.renderer} ms, other browser processes ${run.cpu.other} ms`);
  if (run.cdp) console.log('threads busy (top-level tasks, whole trace):', run.cdp);
}

const loads = () => os.loadavg().map((x) => x.toFixed(1)).join(' ');
if (COMPARE.length) {
  const got = new Map(); // file -> workers -> [{ numbersReady, open }]
  // A first page load: the browser's own first-run costs fall on no measured run.
  await once(files[0], COMPARE[0], '');
  for (let i = 0; i < RUNS; i++) {
    for (const file of files) {
      for (const w of COMPARE) {
        const run = await once(file, w, '');
        const key = path.basename(file);
        if (!got.has(key)) got.set(key, new Map());
        if (!got.get(key).has(w)) got.get(key).set(w, []);
        got.get(key).get(w).push({ numbersReady: run.numbersReady, open: run.phases.open, shards: run.last.shards, cpu: run.cpu });
        console.log(`run ${i + 1} ${key} workers=${w}: numbers ready ${r1(run.numbersReady)} ms, open ${r1(run.phases.open)} ms, shards ${run.last.shards}, CPU renderer ${run.cpu.renderer} + other ${run.cpu.other} ms (setInputFiles ${r1(run.setMs)} ms), load ${loads()}`);
      }
    }
  }
  const median = (xs) => { const v = [...xs].sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
  console.log(`\nmedians of ${RUNS} (ms), load at the end ${loads()}`);
  console.log('file | workers | numbers ready | open | CPU renderer + other (ms, to numbers ready) | shards');
  for (const [key, byW] of got) {
    for (const [w, rs] of byW) console.log(`${key} | ${w} | ${r1(median(rs.map((r) => r.numbersReady)))} | ${r1(median(rs.map((r) => r.open)))} | ${median(rs.map((r) => r.cpu.renderer))} + ${median(rs.map((r) => r.cpu.other))} | ${rs.map((r) => r.shards).join(',')}`);
  }
} else {
  for (let i = 0; i < RUNS; i++) {
    for (const file of files) {
      const run = await once(file, WORKERS, CDP && i === RUNS - 1 ? CDP : '');
      console.log(`\n--- run ${i + 1}, ${path.basename(file)}, workers=${WORKERS}, load ${loads()}`);
      show(run);
    }
  }
}
await close();
