// Dashboard benchmark: npskit's dashboard vs what a team could use instead, side by
// side in one run of headless Chromium, each contender in a fresh tab given the same
// disk-backed File (set on a file input, as a drop does). Engine start-up (wasm
// compile, DuckDB instantiate) and one untimed warm-up pass over a 40k-row export
// happen before the clock starts for every contender (npskit's workers warm up at
// page load: web/src/warmup.mjs).
//
// Timed (medians of --runs, runs interleaved so load from other processes falls on all):
// - npskit: from the input's change to `numbersReady` (every numeric panel drawn:
//   headline, what was read, distribution, trend, segments, benchmarks, data) and to
//   `complete` (themes, comments, close the loop too): marks of window.__npskit;
//   also `numbersPainted`, when the frame holding the numbers was painted (the marks
//   above are taken when the drawing JS ends; that frame's layout and paint follow);
// - DuckDB-WASM and papaparse + JS: the numbers (compared with npskit's numbersReady);
// - papaparse + npm vader-sentiment over every comment: compared with npskit's complete;
// - interactions (npskit, sizes in --interactions, default 1m,5m): a segment click
//   (cross-filter on, then off) and a period change (week <-> month), from the input
//   event to the panels redrawn (numbers, complete), medians over every click;
// - peak memory per tab: VmHWM (peak resident set) of the tab's renderer process from
//   /proc. Dedicated workers are threads of that process, so it holds the page's and
//   the workers' JS heaps and wasm memories (pages touched), plus Chromium's own share
//   of a renderer (~50 MB; see the empty-tab figure in the JSON).
//
//   node bench/dashboard-bench.mjs [100k 1m 5m 10m] [--runs 3] [--data=real|simple]
//        [--only=npskit,duckdb,papaparse,vader] [--interactions=1m,5m] [--vader-max=5m] [--out=dashboard] [--no-build]
//        [--workers=N|auto] (the dashboard's pool size, its ?workers= parameter; default: the dashboard's default)
//        [--query=numbersFirst=0] (more URL parameters for the dashboard: an A/B of a setting)
// Default sizes 100k 1m 5m; 10m (~1 GB, generated on first use) only when named. The
// papaparse + vader contender runs up to --vader-max rows (~5 min a run at 5M).
// The table of docs/dashboard.md and the README: `100k 1m 5m 10m --runs 3`.
// Writes bench/results/<out>.{json,md} (default dashboard); the .md is the table of docs/dashboard.md.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import os from 'node:os';
import { launchBenchBrowser } from './bench-browser.mjs';
import { generate, SIZES, VARIANTS } from './dashboard-data.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.find((a) => a.startsWith(`--${name}=`)) ?? `--${name}=${dflt}`).slice(name.length + 3);
const sizes = args.filter((a) => SIZES[a]);
const runsArg = args.indexOf('--runs');
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 1;
const only = opt('only', '').split(',').filter(Boolean);
const DATA = opt('data', 'real');
if (!VARIANTS.includes(DATA)) throw new Error(`--data=${DATA}: one of ${VARIANTS}`);
const INTERACT = opt('interactions', '1m,5m').split(',').filter(Boolean);
const VADER_MAX = SIZES[opt('vader-max', '5m')] ?? Infinity; // papaparse + vader takes ~5 min at 5M: not run above
const WORKERS = opt('workers', ''); // '' = the dashboard's default (web/src/engine.mjs poolSize)
// --query=numbersFirst=0: more of the dashboard's URL parameters (an A/B of a setting).
const QUERY = opt('query', '');
if (WORKERS && !/^(auto|[1-9]\d*)$/.test(WORKERS)) throw new Error(`--workers=${WORKERS}: a whole number >= 1 or auto`);
const OUT = opt('out', 'dashboard'); // bench/results/<out>.{json,md}
if (!/^[\w.-]+$/.test(OUT)) throw new Error(`--out=${OUT}: a plain file name`);
const command = `node bench/dashboard-bench.mjs ${args.filter((a) => a !== '--no-build').join(' ')}`.trim();

if (!args.includes('--no-build')) execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
await esbuild.build({
  entryPoints: [path.join(root, 'bench/dashboard-contenders.mjs')], bundle: true, format: 'esm', minify: true,
  outfile: path.join(root, 'build/bench-dashboard/contenders.js'), logLevel: 'warning',
});

const { base, browser, userDataDir, close } = await launchBenchBrowser(root, 'bench');

// Renderer processes of this browser: pid -> { hwm: VmHWM kB, cpu: clock ticks used },
// from /proc (their command line names our profile directory).
function renderers() {
  const out = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer') || cmd.includes('--top-chrome-webui') || !cmd.includes(userDataDir)) continue;
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
      const hwm = Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${name}/status`, 'utf8'))?.[1]);
      out.set(Number(name), { hwm, cpu: Number(stat[11]) + Number(stat[12]) });
    } catch { /* the process ended meanwhile */ }
  }
  return out;
}

/**
 * Runs fn(page) in a fresh tab; adds `peakMB`, the peak resident set of the tab's
 * renderer process: the one that used the most CPU meanwhile (a new tab may take a
 * renderer Chromium started ahead, so "the new process" would be the wrong one).
 */
async function inPage(url, fn) {
  const before = renderers();
  const page = await browser.newPage();
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  try {
    await page.goto(url);
    const out = await fn(page);
    let best = null;
    for (const [pid, r] of renderers()) {
      const used = r.cpu - (before.get(pid)?.cpu ?? 0);
      if (!best || used > best.used) best = { used, hwm: r.hwm };
    }
    return { ...out, peakMB: best ? Math.round(best.hwm / 1024) : null };
  } catch (e) {
    return { error: crashed ? 'tab crashed (out of memory?)' : String(e.message || e).split('\n')[0] };
  } finally {
    await page.close().catch(() => {});
  }
}

// The warm-up export: the first 40k rows of the 100k file (same shape as every input).
const warmupFile = path.join(path.dirname(generate('100k', DATA)), `dashboard-warmup-${DATA}.csv`);
if (!fs.existsSync(warmupFile)) {
  const lines = fs.readFileSync(generate('100k', DATA), 'utf8').split('\n');
  // Cut after a whole record: the realistic comments hold quoted line breaks.
  let n = 0, i = 0, quotes = 0;
  for (; i < lines.length && n <= 40000; i++) { quotes += (lines[i].match(/"/g) ?? []).length; if (quotes % 2 === 0) n++; }
  fs.writeFileSync(warmupFile, lines.slice(0, i).join('\n') + '\n');
}

/** File inputs #f (the measured file) and #w (the warm-up file) on a contenders page. */
async function addInputs(page, file) {
  await page.evaluate(() => { for (const id of ['f', 'w']) { const i = document.createElement('input'); i.type = 'file'; i.id = id; document.body.append(i); } });
  await page.setInputFiles('#f', file);
  await page.setInputFiles('#w', warmupFile);
}

/**
 * One interaction on the dashboard, timed in the page from just before the input
 * event to the render's marks (window.__npskit.lastRender): numbers ready, complete.
 */
function interact(page, kind, arg) {
  return page.evaluate(async ([kind, arg]) => {
    const hook = window.__npskit;
    const before = hook.renders;
    const t0 = performance.now();
    if (kind === 'segment') document.querySelector(`#segments button[aria-label="Filter every view to Country = ${arg}"]`).click();
    else if (kind === 'unsegment') document.querySelector(`[data-testid=chips] button[aria-label^="Remove filter Country"]`).click();
    else { const s = document.getElementById('period'); s.value = arg; s.dispatchEvent(new Event('change', { bubbles: true })); }
    while (hook.renders === before) await new Promise((r) => setTimeout(r, 5));
    const m = hook.lastRender;
    return { numbers: m.numbersReady - t0, complete: m.complete - t0 };
  }, [kind, arg]);
}

async function interactions(page, countries) {
  const segment = [], period = [];
  for (const c of countries) {
    segment.push(await interact(page, 'segment', c));
    segment.push(await interact(page, 'unsegment'));
  }
  for (const p of ['week', 'month', 'week', 'month', 'week', 'month']) period.push(await interact(page, 'period', p));
  return { segment, period };
}

const contenders = {
  async npskit(file, { interact: doInteract = false } = {}) {
    const params = [WORKERS && `workers=${WORKERS}`, QUERY].filter(Boolean).join('&');
    return inPage(`${base}/dist/dashboard/${params ? `?${params}` : ''}#seg=Country`, async (page) => {
      // The workers compile and warm up the wasm at page load (web/src/warmup.mjs); the
      // page warms up Chart.js and rehearses its first draw (charts.mjs, rehearsal.mjs):
      // data-charts says when that is over, as it is for a user who takes a few seconds to pick a file.
      await page.waitForFunction(() => document.body.dataset.engine === 'ready' && document.body.dataset.charts, null, { timeout: 60000 });
      await page.setInputFiles('#file-input', file);
      // numbersPainted follows numbersReady by a frame (a page built before the mark has no such key).
      await page.waitForFunction(() => { const t = window.__npskit.timings[0]; return t && (!('numbersPainted' in t) || t.numbersPainted != null) && (!('chartsDrawn' in t) || t.chartsDrawn != null); }, null, { timeout: 1800000, polling: 20 });
      // For reference: drawing the same dashboard again, nothing parsed (a colour-scheme
      // switch redraws every panel from the report it has).
      await page.evaluate(() => { window.__redraw = { from: performance.now(), renders: window.__npskit.renders }; });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.waitForFunction(() => window.__npskit.renders > window.__redraw.renders, null, { polling: 'raf' });
      const redrawMs = await page.evaluate(() => performance.now() - window.__redraw.from);
      const got = await page.evaluate((redraw) => {
        const r = window.__npskit.report;
        const t = (x) => ({ n: x.n, nps: x.nps, ci: x.ci95 });
        const first = window.__npskit.timings[0];
        return {
          ms: first.numbersReady, painted: first.numbersPainted, complete: first.ms,
          // The page's own part: from the report's answer to the numbers drawn (statistics' round trip, DOM, charts).
          draw: first.numbersReady - first.phases.report,
          chartsDrawn: first.chartsDrawn ?? null, // the last chart off screen drawn (near the viewport or idle)
          redraw: Math.round(redraw), phases: { ...first.phases, panels: first.panels },
          prefetched: window.__npskit.engine.prefetched, pool: { workers: window.__npskit.engine.pool.workers, shards: window.__npskit.engine.pool.last?.shards ?? null }, overall: t(r.overall), histogram: r.overall.histogram,
          segments: Object.fromEntries((r.segments.Country ?? []).map((s) => [s.value, t(s)]).sort()),
          months: Object.fromEntries(r.trend.points.map((p) => [p.period, t(p)])),
          comments: Number(document.querySelector('[data-testid=comments-total]')?.textContent.replace(/\D/g, '')),
        };
      }, redrawMs);
      if (doInteract) {
        const top = Object.entries(got.segments).sort((a, b) => b[1].n - a[1].n).slice(0, 3).map(([k]) => k);
        got.interactions = await interactions(page, top);
      }
      return got;
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
  // papaparse + vader-sentiment: the complete view's contender (numbers + sentiment of every comment).
  async vader(file) {
    return inPage(`${base}/bench/dashboard-bench.html`, async (page) => {
      await page.waitForFunction(() => window.contenders);
      await addInputs(page, file);
      await page.evaluate(() => window.contenders.papaRun(document.getElementById('w').files[0], { sentiment: true })); // warm-up
      return page.evaluate(() => window.contenders.papaRun(document.getElementById('f').files[0], { sentiment: true }));
    });
  },
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : null; };
const loadavg = () => os.loadavg().map((x) => +x.toFixed(1));
const results = { date: new Date().toISOString(), command, data: DATA, machine: `${os.cpus().length} cores, ${os.cpus()[0]?.model}`, chromium: browser.version?.() ?? null, runs: RUNS, workers: WORKERS || 'default', loadavgBefore: loadavg(), sizes: {} };

// An empty tab's peak resident set: what Chromium's renderer costs with nothing in it.
results.emptyTabMB = (await inPage(`${base}/bench/dashboard-bench.html`, async () => ({}))).peakMB;
// Warm-up (first-run costs of the browser's wasm tiers, disk cache).
if (!only.length || only.includes('npskit')) await contenders.npskit(generate('100k', DATA));

for (const label of sizes.length ? sizes : ['100k', '1m', '5m']) {
  const file = generate(label, DATA);
  const mb = fs.statSync(file).size / 1e6;
  const entry = (results.sizes[label] = { rows: SIZES[label], mb: Math.round(mb), loadavgBefore: loadavg() });
  const names = Object.keys(contenders).filter((name) => (!only.length || only.includes(name)) && (name !== 'vader' || SIZES[label] <= VADER_MAX));
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  const last = {};
  for (let i = 0; i < RUNS; i++) {
    for (const name of names) {
      if (last[name]?.error) continue;
      // Interactions once per size, in npskit's last run.
      last[name] = await contenders[name](file, { interact: name === 'npskit' && i === RUNS - 1 && INTERACT.includes(label) });
      if (!last[name].error) runs[name].push(last[name]);
      console.log(`${label} ${name} run ${i + 1}: ${last[name].error ?? `${Math.round(last[name].ms)} ms${last[name].painted != null ? ` (painted ${Math.round(last[name].painted)} ms)` : ''}${last[name].complete ? ` (complete ${Math.round(last[name].complete)} ms)` : ''}, peak ${last[name].peakMB} MB`}`);
    }
  }
  for (const name of names) {
    const l = last[name], rs = runs[name];
    if (l.error) { entry[name] = { error: l.error }; continue; }
    const e = (entry[name] = { median: Math.round(median(rs.map((r) => r.ms))), all: rs.map((r) => Math.round(r.ms)), peakMB: median(rs.map((r) => r.peakMB ?? 0)),
      overall: l.overall, months: Object.keys(l.months).length, segments: Object.keys(l.segments).length, comments: l.comments });
    if (name === 'npskit') {
      const painted = rs.every((r) => r.painted != null); // not on a page built before the mark
      e.drawMedian = Math.round(median(rs.map((r) => r.draw)));
      e.drawAll = rs.map((r) => Math.round(r.draw));
      e.chartsDrawnAll = rs.map((r) => (r.chartsDrawn == null ? null : Math.round(r.chartsDrawn)));
      Object.assign(e, { paintedMedian: painted ? Math.round(median(rs.map((r) => r.painted))) : null, paintedAll: painted ? rs.map((r) => Math.round(r.painted)) : null, completeMedian: Math.round(median(rs.map((r) => r.complete))), completeAll: rs.map((r) => Math.round(r.complete)),
        redrawMedian: median(rs.map((r) => r.redraw)), phases: l.phases, prefetched: l.prefetched });
      if (l.interactions) {
        const med = (xs, k) => Math.round(median(xs.map((x) => x[k])));
        e.interactions = Object.fromEntries(Object.entries(l.interactions).map(([kind, xs]) => [kind,
          { numbers: med(xs, 'numbers'), complete: med(xs, 'complete'), all: xs.map((x) => [Math.round(x.numbers), Math.round(x.complete)]) }]));
      }
    }
    if (l.sentiment) e.sentiment = l.sentiment;
    console.log(`${label} ${name}: median ${e.median} ms${e.paintedMedian ? ` (painted ${e.paintedMedian} ms)` : ''}${e.drawMedian != null ? ` (report in -> numbers drawn ${e.drawMedian} ms, runs ${e.drawAll}; every chart drawn ${e.chartsDrawnAll})` : ''}${e.completeMedian ? `, complete ${e.completeMedian} ms` : ''}  n=${l.overall.n} nps=${l.overall.nps}  peak ${e.peakMB} MB${l.phases ? '  phases ' + JSON.stringify(l.phases) : ''}`);
    if (e.interactions) console.log(`  interactions ${JSON.stringify(e.interactions)}`);
  }
  // Same numbers? (n and NPS overall, per country, per month)
  const ref = last.npskit && !last.npskit.error ? last.npskit : null;
  for (const other of ['duckdb', 'papaparse', 'vader']) {
    const o = last[other];
    if (!ref || !o || o.error) continue;
    const diffs = [];
    if (ref.overall.n !== o.overall.n || ref.overall.nps !== o.overall.nps) diffs.push(`overall ${JSON.stringify(ref.overall)} vs ${JSON.stringify(o.overall)}`);
    for (const k of ['segments', 'months']) {
      for (const key of new Set([...Object.keys(ref[k]), ...Object.keys(o[k])])) {
        if (ref[k][key]?.n !== o[k][key]?.n || ref[k][key]?.nps !== o[k][key]?.nps) diffs.push(`${k}.${key}`);
      }
    }
    if (ref.comments !== o.comments) diffs.push(`comments ${ref.comments} vs ${o.comments}`);
    entry[other].sameNumbers = diffs.length === 0;
    if (diffs.length) console.log(`  ${other} differs from npskit: ${diffs.slice(0, 5).join('; ')}`);
  }
  entry.loadavgAfter = loadavg();
}

results.loadavgAfter = loadavg();
await close();

// The markdown: the table of docs/dashboard.md and the README, from this one run.
const sec = (ms) => (ms == null ? '–' : (ms / 1000).toFixed(2) + ' s');
const cell = (r, k = 'median') => (!r ? '–' : r.error ? r.error : sec(r[k]));
const ratio = (fast, slow) => (fast && slow ? (slow / fast).toFixed(1) + 'x' : '–');
const checked = (r) => (r?.sameNumbers === false ? ' (numbers differ!)' : '');
let md = `Command: \`${command}\` (${DATA === 'real' ? 'realistic comments' : 'simple comments'}, bench/data/${DATA === 'real' ? 'dashboard-real-' : 'dashboard-'}<size>.csv). `
  + `${results.date.slice(0, 16).replace('T', ' ')} UTC, ${results.machine}, load average ${results.loadavgBefore.join(' / ')} before, ${results.loadavgAfter.join(' / ')} after. `
  + `npskit workers: ${WORKERS || 'the dashboard\'s default'}. Median of ${RUNS} run(s) each, runs interleaved (every run in dashboard.json).\n\n`
  + '| rows | CSV | npskit numbers ready | npskit numbers painted | DuckDB-WASM | papaparse + JS | numbers vs faster | npskit complete | papaparse + vader | complete vs papaparse + vader | npskit redraw | npskit peak memory |\n'
  + '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n';
for (const e of Object.values(results.sizes)) {
  const faster = [e.duckdb?.median, e.papaparse?.median].filter(Boolean);
  const vader = e.rows > VADER_MAX && !e.vader ? `not run above ${VADER_MAX.toLocaleString('en-US')} rows` : cell(e.vader) + checked(e.vader);
  md += `| ${e.rows.toLocaleString('en-US')} | ${e.mb} MB | ${cell(e.npskit)} | ${cell(e.npskit, 'paintedMedian')} | ${cell(e.duckdb)}${checked(e.duckdb)} | ${cell(e.papaparse)}${checked(e.papaparse)} | `
    + `${ratio(e.npskit?.median, faster.length ? Math.min(...faster) : null)} | ${cell(e.npskit, 'completeMedian')} | ${vader} | `
    + `${ratio(e.npskit?.completeMedian, e.vader?.median)} | ${e.npskit?.redrawMedian ? sec(e.npskit.redrawMedian) : '–'} | ${e.npskit?.peakMB ? e.npskit.peakMB + ' MB' : '–'} |\n`;
}
md += '\n"numbers ready": every numeric panel drawn (headline, what was read, distribution, trend, segments, benchmarks, data), when the drawing JS ends; '
  + '"numbers painted": when the frame holding them was painted (its layout and paint included); '
  + '"complete": themes, comments and close the loop too. DuckDB-WASM and papaparse + JS compute the numbers only; papaparse + vader also scores every comment\'s sentiment (no themes, no keyphrases). '
  + `Peak memory: the tab's renderer process, peak resident set (VmHWM), page + workers (an empty tab: ${results.emptyTabMB ?? '–'} MB); per contender in dashboard.json.\n`;
const drawn = Object.values(results.sizes).filter((e) => e.npskit?.drawMedian != null);
if (drawn.length) {
  md += `npskit from the report's answer to the numbers drawn (the page's part: the statistics' round trip, DOM, charts), median: ${
    drawn.map((e) => `${e.rows.toLocaleString('en-US')} rows ${e.npskit.drawMedian} ms`).join(', ')}.\n`;
}
const withInteractions = Object.entries(results.sizes).filter(([, e]) => e.npskit?.interactions);
if (withInteractions.length) {
  md += '\nInteractions (npskit, median over every click of one tab; input event to the panels redrawn, numbers / complete):\n\n'
    + '| rows | segment click (filter on/off) | period change (week <-> month) |\n|---:|---:|---:|\n';
  for (const [, e] of withInteractions) {
    const i = e.npskit.interactions;
    md += `| ${e.rows.toLocaleString('en-US')} | ${i.segment.numbers} ms / ${i.segment.complete} ms | ${i.period.numbers} ms / ${i.period.complete} ms |\n`;
  }
}
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, `bench/results/${OUT}.json`), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(root, `bench/results/${OUT}.md`), md);
console.log('\n' + md);
