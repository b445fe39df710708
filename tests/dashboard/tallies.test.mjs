// End-to-end tests, in Debian's headless Chromium on the real core, of the dashboard
// opening tallies files (docs/scale.md): one file, two files that add up, a segment
// filter answered from the tallies, the row-level panels saying "not available"
// (never zero), a tallies file and a raw export in one drop refused, and the
// single-file build. Tallies are written by the native CLI (npskit tally); expected
// figures come from the native `npskit analyze` of the same files and from scores
// generated here (counted here, independently of the core).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root, startServer, launch, openPage, rendered, renders } from './helpers.mjs';

const CLI = path.join(root, 'build/native/bin/npskit');
const SAMPLE = path.join(root, 'examples/sample/responses.csv');
let srv, browser, dir;
const DASH = () => `${srv.base}/dist/dashboard/`;

before(async () => {
  assert.ok(fs.existsSync(CLI), 'the native CLI is built (bash scripts/build-native.sh)');
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-tallies-dash-'));
  srv = await startServer();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await srv?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (...args) => execFileSync(CLI, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
const analyzeCli = (...files) => JSON.parse(cli('analyze', ...files, '--compact'));
/** A tallies file written by `npskit tally` from a raw export; returns its path. */
function tally(rawPath, name) {
  const out = path.join(dir, name);
  fs.writeFileSync(out, cli('tally', rawPath, '--by', 'month,Country'));
  return out;
}

// A fixed pseudo-random sequence (mulberry32), so every run sees the same files.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A raw export of `n` responses (scores kept to count them here) under `name`. */
function rawExport(name, n, seed) {
  const rnd = random(seed);
  const countries = ['DE', 'FR', 'US'];
  const lines = ['id,Submitted,Score,Country'];
  const rows = [];
  for (let i = 0; i < n; i++) {
    const score = Math.min(10, Math.floor(rnd() * 11));
    const country = countries[Math.floor(rnd() * 3)];
    rows.push({ score, country });
    lines.push(`${name}-${i},2025-0${1 + (i % 6)}-${String(1 + (i % 28)).padStart(2, '0')},${score},${country}`);
  }
  const file = path.join(dir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return { file, rows };
}

/** NPS and n of a list of {score}, computed here (not by the core). */
function npsOf(rows) {
  const p = rows.filter((r) => r.score >= 9).length, d = rows.filter((r) => r.score <= 6).length;
  return { n: rows.length, nps: (100 * (p - d)) / rows.length };
}

async function headline(page) {
  return page.evaluate(() => ({
    nps: document.querySelector('[data-testid=nps]').textContent,
    n: document.querySelector('[data-testid=n]').textContent,
    overall: window.__npskit.report.overall,
    source: window.__npskit.report.source,
  }));
}

function sameOverall(got, want, label) {
  for (const k of ['n', 'promoters', 'passives', 'detractors', 'nps']) assert.equal(got[k], want[k], `${label}: overall.${k}`);
  assert.deepEqual(got.ci95, want.ci95, `${label}: ci95`);
  assert.deepEqual(got.histogram, want.histogram, `${label}: histogram`);
}

async function drop(page, paths) {
  const before = await renders(page);
  await page.setInputFiles('#file-input', paths.map((p) => ({ name: path.basename(p), mimeType: 'text/csv', buffer: fs.readFileSync(p) })));
  await rendered(page, before);
}

/** What the row-level panels and the filters say for tallies. */
async function rowPanels(page) {
  const text = (sel) => page.$eval(sel, (el) => el.textContent);
  return {
    comments: await text('#comments'),
    loop: await text('#loop'),
    themes: await text('#themes'),
    data: await text('#data'),
    latestDisabled: await page.isDisabled('#f-latest'),
    filters: await text('#filters'),
  };
}

const NOT_AVAILABLE = /Not available for tallies files: they hold counts, not responses/;

describe('the dashboard on tallies files', () => {
  it('one tallies file: the full report, equal to npskit analyze of the tallies and of the raw export; row panels not available', async () => {
    const tallies = tally(SAMPLE, 'sample-tallies.csv');
    const fromTallies = analyzeCli(tallies);
    const fromRaw = analyzeCli(SAMPLE);
    const { page, errors } = await openPage(browser.context, DASH());
    await drop(page, [tallies]);
    const got = await headline(page);
    assert.equal(got.source.format, 'tallies', 'the core read it as tallies');
    sameOverall(got.overall, fromTallies.overall, 'tallies vs npskit analyze of the tallies');
    sameOverall(got.overall, fromRaw.overall, 'tallies vs npskit analyze of the raw export');
    assert.equal(got.n, fromRaw.overall.n.toLocaleString('en-US'));
    // Numeric panels are drawn from the tallies: the trend has the raw export's months, the segments its countries.
    const report = await page.evaluate(() => window.__npskit.report);
    assert.deepEqual(report.trend.points.map((p) => [p.period, p.n]), fromRaw.trend.points.map((p) => [p.period, p.n]));
    assert.ok(report.segments.Country?.length > 1, 'segments by Country');
    assert.ok(await page.locator('#trend canvas').count() > 0, 'the trend is drawn');
    // What needs the responses says so, and is never a zero.
    const panels = await rowPanels(page);
    for (const k of ['comments', 'loop', 'themes']) assert.match(panels[k], NOT_AVAILABLE, `${k} panel`);
    assert.match(panels.data, NOT_AVAILABLE, 'the rejected rows list');
    assert.doesNotMatch(panels.loop, /\b0 detractors\b/);
    assert.equal(panels.latestDisabled, true, 'latest per person cannot be asked of tallies');
    assert.match(panels.filters, /not available for tallies files/);
    assert.equal(await page.isHidden('#error'), true, 'no error shown');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('two tallies files add up, and a segment exclusion is answered from the groups', async () => {
    const a = rawExport('shop-a.csv', 700, 3), b = rawExport('shop-b.csv', 500, 9);
    const ta = tally(a.file, 'a-tallies.csv'), tb = tally(b.file, 'b-tallies.csv');
    const both = [...a.rows, ...b.rows];
    const want = npsOf(both);
    const cliBoth = analyzeCli(ta, tb);
    const { page, errors } = await openPage(browser.context, DASH());
    await drop(page, [ta, tb]);
    let got = await headline(page);
    assert.equal(got.source.files, 2);
    assert.equal(got.overall.n, want.n, 'n counted here');
    assert.ok(Math.abs(got.overall.nps - want.nps) < 0.006, `NPS ${got.overall.nps} vs ${want.nps}`);
    sameOverall(got.overall, cliBoth.overall, 'npskit analyze of both tallies');
    assert.equal(got.n, want.n.toLocaleString('en-US'));

    // Exclude Country = US: the core sums the groups that remain.
    const r = await renders(page);
    await page.selectOption('#ex-col', 'Country');
    await page.fill('#ex-val', 'US');
    await page.click('#filters form button[type=submit]');
    await rendered(page, r);
    got = await headline(page);
    const kept = npsOf(both.filter((x) => x.country !== 'US'));
    assert.equal(got.overall.n, kept.n, 'n without US');
    assert.ok(Math.abs(got.overall.nps - kept.nps) < 0.006, `NPS without US ${got.overall.nps} vs ${kept.nps}`);
    assert.match(await page.textContent('[data-testid=chips]'), /Country ≠ US/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a tallies file and a raw export in one drop: the raw export is refused, with why', async () => {
    const raw = rawExport('mixed-raw.csv', 50, 5);
    const t = tally(raw.file, 'mixed-tallies.csv');
    const { page } = await openPage(browser.context, DASH());
    await drop(page, [t, raw.file]);
    const error = await page.textContent('#error');
    assert.match(error, /mixed-raw\.csv: .*cannot be analyzed together/);
    assert.equal(await page.isVisible('#error'), true);
    // The headline holds the tallies alone, and says it: never the two added.
    const got = await headline(page);
    assert.equal(got.source.format, 'tallies');
    assert.equal(got.overall.n, raw.rows.length);
    await page.close();
  });

  it('the single-file build opens tallies files too', async () => {
    const tallies = tally(SAMPLE, 'single-tallies.csv');
    const want = analyzeCli(tallies);
    const { page, errors } = await openPage(browser.context, pathToFileURL(path.join(root, 'dist/npskit-dashboard.html')).href);
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    await drop(page, [tallies]);
    sameOverall((await headline(page)).overall, want.overall, 'single file');
    assert.match(await page.textContent('#loop'), NOT_AVAILABLE);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
