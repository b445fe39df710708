// Where the page's time goes on a drop: a CPU profile (and with TRACE=1 a Chromium
// trace: style, layout, paint) of the dashboard page's main thread over one file drop,
// launched as bench/dashboard-bench.mjs launches it, after the page's warm-ups.
//   node bench/dashboard-profile.mjs [root] [file] [out-prefix]
//   env: DIST=dist/dashboard (the build to load), TRACE=1, PREDROP=1 (drop the file once
//   first, unprofiled: the profiled drop is then a second import)
// Writes <out>.cpuprofile (open in Chromium's DevTools), <out>.trace.json, <out>.timings.json.
// A build with readable names: NOMINIFY=1 node web/build.mjs.
import fs from 'node:fs'; import path from 'node:path';
import { launchBenchBrowser } from './bench-browser.mjs';
const root = path.resolve(process.argv[2] ?? path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
const file = process.argv[3] ?? path.join(root, 'bench/data/dashboard-real-100k.csv');
const out = process.argv[4] ?? path.join(root, 'bench/results/profile');
const { base, browser, close } = await launchBenchBrowser(root, 'profile');
const page = await browser.newPage();
await page.goto(`${base}/${process.env.DIST ?? 'dist/dashboard'}/#seg=Country`);
await page.waitForFunction(() => document.body.dataset.engine === 'ready' && document.body.dataset.charts, null, { timeout: 60000 });
await page.waitForTimeout(500);
// PREDROP=1: drop the file once first, untraced (then the traced drop is a second import).
if (process.env.PREDROP === '1') {
  await page.setInputFiles('#file-input', file);
  await page.waitForFunction(() => { const t = window.__npskit.timings[0]; return t && t.chartsDrawn != null; }, null, { timeout: 120000, polling: 20 });
  await page.waitForTimeout(1000);
}
const nth = process.env.PREDROP === '1' ? 1 : 0;
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.INTERVAL ?? 200) });
const trace = process.env.TRACE === '1';
let events = [];
if (trace) {
  cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
  await cdp.send('Tracing.start', { categories: 'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink,disabled-by-default-devtools.timeline.frame', transferMode: 'ReportEvents' });
}
await cdp.send('Profiler.start');
await page.setInputFiles('#file-input', file);
await page.waitForFunction((nth) => { const t = window.__npskit.timings[nth]; return t && t.numbersPainted != null; }, nth, { timeout: 120000, polling: 20 });
const { profile } = await cdp.send('Profiler.stop');
if (trace) { const done = new Promise((r) => cdp.once('Tracing.tracingComplete', r)); await cdp.send('Tracing.end'); await done; fs.writeFileSync(out + '.trace.json', JSON.stringify({ traceEvents: events })); }
const t = await page.evaluate((nth) => ({ t: window.__npskit.timings[nth], lr: window.__npskit.lastRender, origin: performance.timeOrigin }), nth);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out + '.cpuprofile', JSON.stringify(profile));
fs.writeFileSync(out + '.timings.json', JSON.stringify(t, null, 1));
console.log(JSON.stringify(t.t));
if (trace) console.log(cpuByKind(events, t.t));
await close();

/**
 * The main thread's CPU time (trace `tdur`: robust to a loaded machine, unlike wall
 * time) from the report's answer to the numbers painted, by kind of work.
 */
function cpuByKind(ev, timing) {
  const main = ev.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain');
  const count = new Map();
  for (const e of ev) if (e.ph === 'X') count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const mt = main.map((m) => `${m.pid}:${m.tid}`).sort((a, b) => (count.get(b) ?? 0) - (count.get(a) ?? 0))[0];
  const xs = ev.filter((e) => `${e.pid}:${e.tid}` === mt && e.ph === 'X' && e.dur != null).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const change = xs.filter((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'change').at(-1); // the drop: importStart
  if (!change) return 'no file input change in the trace';
  const from = change.ts + timing.phases.report * 1000 - 3000, to = change.ts + timing.numbersPainted * 1000 + 2000;
  const stack = []; const by = new Map(); let cpu = 0, wall = 0;
  for (const e of xs) {
    while (stack.length && stack.at(-1).ts + stack.at(-1).dur <= e.ts) stack.pop();
    e.self = e.tdur ?? 0;
    if (stack.length) stack.at(-1).self -= e.tdur ?? 0;
    else if (e.ts >= from && e.ts <= to) { cpu += e.tdur ?? 0; wall += e.dur; e.inWindow = true; }
    e.counted = stack.length ? stack[0].inWindow : e.inWindow;
    stack.push(e);
  }
  for (const e of xs) {
    if (!e.counted) continue;
    const k = ['FunctionCall', 'RunMicrotasks', 'EventDispatch'].includes(e.name) || e.name.startsWith('V8.') ? 'JavaScript' : e.name;
    by.set(k, (by.get(k) ?? 0) + e.self);
  }
  const ms = (us) => (us / 1000).toFixed(1);
  return `report's answer -> numbers painted: tasks ${ms(wall)} ms wall, ${ms(cpu)} ms CPU on the main thread\n`
    + [...by].filter(([, v]) => v >= 300).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${ms(v).padStart(6)} ${k}`).join('\n');
}
