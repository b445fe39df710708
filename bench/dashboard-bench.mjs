// Dashboard benchmark: time from file drop to a complete dashboard, npskit vs
// DuckDB-WASM (read_csv + GROUP BY) vs papaparse + JS aggregation, side by side
// in one run of headless Chromium. Each contender gets the same disk-backed File
// (set on a file input, as a drop does) in a fresh tab; engine start-up (wasm
// compile, DuckDB instantiate) happens before the clock starts for all three, and
// so does one untimed warm-up pass over a 40k-row export in that tab (browsers
// optimize wasm and JS only once it has run hot; npskit's workers warm up at page
// load, so DuckDB and papaparse get the same chance).
//   node bench/dashboard-bench.mjs [100k 1m 5m] [--runs 3] [--no-build]
// Writes bench/results/dashboard.{json,md}.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import os from 'node:os';
import { createStaticServer } from '../scripts/serve.mjs';
import { generate, SIZES } from './dashboard-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const sizes = args.filter((a) => SIZES[a]);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 1;
const only = (args.find((a) => a.startsWith('--only=')) || '').slice(7).split(',').filter(Boolean);

if (!args.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
await esbuild.build({
  entryPoints: [path.join(root, 'bench/dashboard-contenders.mjs')], bundle: true, format: 'esm', minify: true,
  outfile: path.join(root, 'build/bench-dashboard/contenders.js'), logLevel: 'warning',
});

const server = createStaticServer({ root });
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${server.address().port}`;
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-bench-'));
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1360, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

async function inPage(url, fn) {
  const page = await browser.newPage();
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  try {
    await page.goto(url);
    return await fn(page);
  } catch (e) {
    return { error: crashed ? 'tab crashed (out of memory?)' : String(e.message || e).split('\n')[0] };
  } finally {
    await page.close().catch(() => {});
  }
}

// The warm-up export: the first 40k rows of the 100k file (same shape as every input).
const warmupFile = path.join(path.dirname(generate('100k')), 'dashboard-warmup.csv');
if (!fs.existsSync(warmupFile)) {
  fs.writeFileSync(warmupFile, fs.readFileSync(generate('100k'), 'utf8').split('\n').slice(0, 40001).join('\n') + '\n');
}

/** File inputs #f (the measured file) and #w (the warm-up file) on a contenders page. */
async function addInputs(page, file) {
  await page.evaluate(() => { for (const id of ['f', 'w']) { const i = document.createElement('input'); i.type = 'file'; i.id = id; document.body.append(i); } });
  await page.setInputFiles('#f', file);
  await page.setInputFiles('#w', warmupFile);
}

const contenders = {
  async npskit(file) {
    return inPage(`${base}/dist/dashboard/#seg=Country`, async (page) => {
      // The workers compile and warm up the wasm at page load (web/src/warmup.mjs).
      await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 60000 });
      await page.setInputFiles('#file-input', file);
      await page.waitForFunction(() => window.__npskit.timings.length > 0, null, { timeout: 600000, polling: 20 });
      // For reference: drawing the same dashboard again, nothing parsed (a colour-scheme
      // switch redraws every panel from the report it has).
      await page.evaluate(() => { window.__redraw = { from: performance.now(), renders: window.__npskit.renders }; });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => window.__npskit.renders > window.__redraw.renders, null, { polling: 'raf' });
      const redrawMs = await page.evaluate(() => performance.now() - window.__redraw.from);
      return page.evaluate((redraw) => {
        const r = window.__npskit.report;
        const t = (x) => ({ n: x.n, nps: x.nps, ci: x.ci95 });
        return {
          ms: window.__npskit.timings[0].ms, redraw: Math.round(redraw), phases: { ...window.__npskit.timings[0].phases, panels: window.__npskit.panelTimes }, overall: t(r.overall), histogram: r.overall.histogram,
          segments: Object.fromEntries((r.segments.Country ?? []).map((s) => [s.value, t(s)]).sort()),
          months: Object.fromEntries(r.trend.points.map((p) => [p.period, t(p)])),
          comments: Number(document.querySelector('[data-testid=comments-total]')?.textContent.replace(/\D/g, '')),
        };
      }, redrawMs);
    });
  },
  async duckdb(file) {
    return inPage(`${base}/bench/dashboard-bench.html`, async (page) => {
      await page.waitForFunction(() => window.contenders);
      await addInputs(page, file);
      await page.evaluate(() => window.contenders.duckdbInit(document.getElementById('w').files[0]));
      return page.evaluate(() => window.contenders.duckdbRun(document.getElementById('f').files[0]));
    });
  },
  async papaparse(file) {
    return inPage(`${base}/bench/dashboard-bench.html`, async (page) => {
      await page.waitForFunction(() => window.contenders);
      await addInputs(page, file);
      await page.evaluate(() => window.contenders.papaRun(document.getElementById('w').files[0])); // warm-up
      return page.evaluate(() => window.contenders.papaRun(document.getElementById('f').files[0]));
    });
  },
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const results = { date: new Date().toISOString(), machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`, chromium: browser.browser()?.version(), runs: RUNS, loadavgBefore: os.loadavg().map((x) => +x.toFixed(1)), sizes: {} };

// Warm-up (first-run costs of the browser's wasm tiers, disk cache).
if (!only.length || only.includes('npskit')) await contenders.npskit(generate('100k'));

for (const label of sizes.length ? sizes : Object.keys(SIZES)) {
  const file = generate(label);
  const mb = fs.statSync(file).size / 1e6;
  const entry = (results.sizes[label] = { rows: SIZES[label], mb: Math.round(mb) });
  // Runs are interleaved (a, b, c, a, b, c, ...) so that load from other processes on a
  // shared machine falls on all contenders alike.
  const names = Object.keys(contenders).filter((name) => !only.length || only.includes(name));
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const last = {};
  const redraws = [];
  for (let i = 0; i < RUNS; i++) {
    for (const name of names) {
      if (last[name]?.error) continue;
      last[name] = await contenders[name](file);
      if (!last[name].error) times[name].push(last[name].ms);
      if (last[name].redraw) redraws.push(last[name].redraw);
    }
  }
  for (const name of names) {
    const l = last[name], t = times[name];
    entry[name] = l.error ? { error: l.error } : { ms: Math.round(Math.min(...t)), median: Math.round(median(t)), all: t.map(Math.round), overall: l.overall, months: Object.keys(l.months).length, segments: Object.keys(l.segments).length, comments: l.comments };
    console.log(`${label} ${name}: ${l.error ? l.error : `best ${Math.round(Math.min(...t))} ms, median ${Math.round(median(t))} ms  n=${l.overall.n} nps=${l.overall.nps}`}${l.phases ? '  phases ' + JSON.stringify(l.phases) : ''}`);
    if (l.phases) entry[name].phases = l.phases;
    if (name === 'npskit' && !l.error) entry[name].redrawMedian = median(redraws);
    entry[name + 'Numbers'] = l.error ? null : { overall: l.overall, segments: l.segments, months: l.months };
  }
  // Same numbers? (n and NPS overall, per country, per month)
  const ref = entry.npskitNumbers;
  for (const other of ['duckdb', 'papaparse']) {
    const o = entry[other + 'Numbers'];
    if (!ref || !o) continue;
    const diffs = [];
    if (ref.overall.n !== o.overall.n || ref.overall.nps !== o.overall.nps) diffs.push(`overall ${JSON.stringify(ref.overall)} vs ${JSON.stringify(o.overall)}`);
    for (const k of ['segments', 'months']) {
      for (const key of new Set([...Object.keys(ref[k]), ...Object.keys(o[k])])) {
        if (ref[k][key]?.n !== o[k][key]?.n || ref[k][key]?.nps !== o[k][key]?.nps) diffs.push(`${k}.${key}`);
      }
    }
    entry[other].sameNumbers = diffs.length === 0;
    if (diffs.length) console.log(`  ${other} differs from npskit: ${diffs.slice(0, 5).join('; ')}`);
  }
  delete entry.npskitNumbers; delete entry.duckdbNumbers; delete entry.papaparseNumbers;
}

results.loadavgAfter = os.loadavg().map((x) => +x.toFixed(1));
await browser.close();
server.close();
fs.rmSync(userDataDir, { recursive: true, force: true });

const sec = (ms) => (ms / 1000).toFixed(2) + ' s';
const fmt = (r) => (!r ? '–' : r.error ? r.error : sec(r.median));
const x = (a, b) => (a?.median && b?.median ? (b.median / a.median).toFixed(1) + 'x' : '–');
let md = `Median of ${RUNS} run(s) each (best and every run in dashboard.json). "Redraw" is npskit drawing the same dashboard again with nothing to parse.\n\n`
  + '| rows | CSV | npskit dashboard | DuckDB-WASM | papaparse + JS | vs DuckDB | vs papaparse | npskit redraw |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n';
for (const [label, e] of Object.entries(results.sizes)) {
  md += `| ${e.rows.toLocaleString('en-US')} | ${e.mb} MB | ${fmt(e.npskit)} | ${fmt(e.duckdb)} | ${fmt(e.papaparse)} | ${x(e.npskit, e.duckdb)} | ${x(e.npskit, e.papaparse)} | ${e.npskit?.redrawMedian ? sec(e.npskit.redrawMedian) : '–'} |\n`;
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/dashboard.json'), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(root, 'bench/results/dashboard.md'), md);
console.log(`\nload average before/after: ${results.loadavgBefore} / ${results.loadavgAfter} (${results.machine})\n` + md);
