// End-to-end tests, in Debian's headless Chromium on the real core, of what the
// dashboard shows beside the headline: the columns read, rows used / blank /
// rejected, the core's notices with their one-click fixes, the column picker
// (also when no column holds scores), and significant dips judged as one family.
// Expected figures are computed here from the generated data (independently of
// the core) or taken from the core's own analyze() of the same bytes.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root, artifacts, startServer, launch, openPage, rendered, renders } from './helpers.mjs';

const { analyze } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);

let srv, browser;
const DASH = () => `${srv.base}/dist/dashboard/`;

before(async () => {
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); });

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

/** A score 0..10 drawn from relative weights. */
function draw(rnd, weights) {
  let u = rnd() * weights.reduce((a, b) => a + b, 0);
  for (let s = 0; s < 11; s++) { if (u < weights[s]) return s; u -= weights[s]; }
  return 10;
}
const USUAL = [2, 1, 2, 2, 3, 5, 10, 12, 18, 20, 25]; // NPS about +20
const BAD = [5, 3, 4, 6, 8, 10, 14, 10, 15, 12, 13];  // NPS about -25

/** NPS of a list of 0..10 scores, computed here (not by the core). */
function npsOf(scores) {
  const p = scores.filter((s) => s >= 9).length, d = scores.filter((s) => s <= 6).length;
  return (100 * (p - d)) / scores.length;
}
const fmt1 = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1);

async function drop(page, name, text) {
  await page.setInputFiles('#file-input', [{ name, mimeType: 'text/csv', buffer: Buffer.from(text) }]);
}

async function loadFile(page, name, text) {
  const before = await renders(page);
  await drop(page, name, text);
  await rendered(page, before);
}

const noticesShown = (page) => page.$$eval('#readout [data-testid=notices] li', (els) => els.map((li) => ({
  code: li.dataset.code, text: li.textContent, fix: li.querySelector('button.fix')?.dataset.fix ?? null,
})));

describe('beside the headline', () => {
  it('a file whose score column is not detected: the column picker opens, the pick gives the right NPS and is remembered', async () => {
    // "Q7" holds 0-10 answers, but 10% of its cells say "skipped" and its header does not
    // ask for a score: too weak for the core to take it as the score by itself.
    const rnd = random(11);
    const lines = ['id,Q7,Team,Submitted'];
    const scores = [];
    for (let i = 0; i < 80; i++) {
      const skipped = i % 10 === 3;
      const s = draw(rnd, USUAL);
      if (!skipped) scores.push(s);
      lines.push(`${i + 1},${skipped ? 'skipped' : s},T${i % 3},2025-0${1 + (i % 6)}-1${i % 9}`);
    }
    const csv = lines.join('\n') + '\n';
    const { page, errors } = await openPage(browser.context, DASH());
    await drop(page, 'q7.csv', csv);
    const dialog = page.locator('#column-picker');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#picker-title'), 'Choose the score column');
    // The core's words, never a command-line flag.
    const said = await page.textContent('#error') + (await dialog.textContent());
    assert.match(said, /No column holds 0-10 scores/);
    assert.doesNotMatch(said, /--score|--\w/);
    // Every column of the file is offered, with a preview of the first records.
    const offered = await dialog.locator('input[name=picked-column]').evaluateAll((els) => els.map((e) => e.value));
    assert.deepEqual(offered, ['id', 'Q7', 'Team', 'Submitted']);
    assert.ok(await dialog.locator('table.preview tbody tr').count() >= 5, 'preview rows');
    assert.equal(await page.isDisabled('#picker-use'), true, 'nothing chosen yet');
    // axe: the open picker is accessible.
    await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    const axe = await page.evaluate(() => window.axe.run(document.getElementById('column-picker'), { resultTypes: ['violations'] }));
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], 'axe on the picker');

    await dialog.getByLabel(/^Q7/).check();
    assert.equal(await dialog.locator('th.picked').textContent(), 'Q7', 'the preview marks the chosen column');
    let r = await renders(page);
    await page.click('#picker-use');
    await rendered(page, r);
    const want = npsOf(scores);
    const got = await page.evaluate(() => ({ nps: document.querySelector('[data-testid=nps]').textContent, overall: window.__npskit.report.overall, rows: window.__npskit.report.rows }));
    assert.equal(got.overall.n, scores.length);
    assert.ok(Math.abs(got.overall.nps - want) < 0.006, `NPS ${got.overall.nps} vs ${want}`);
    assert.equal(got.nps, fmt1(Math.round(want * 100) / 100));
    assert.equal(got.rows.rejected, 8, 'the "skipped" cells are rejected, and said so');
    assert.match(await page.textContent('[data-testid=col-score]'), /^Q7/);
    assert.equal(await page.isHidden('#error'), true, 'the error went away once the file was read');

    // The same headers again: the choice is remembered, no picker.
    await page.reload();
    await page.waitForFunction(() => document.body.dataset.boot === '1');
    r = await renders(page);
    await drop(page, 'q7-again.csv', csv);
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.columns.score), 'Q7');
    assert.equal(await dialog.isVisible(), false);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the notices of a 1-5 scale with few responses beside the headline, and their fix opens the picker', async () => {
    const lines = ['Respondent,How likely are you to recommend us?,Product rating,Date'];
    const rnd = random(5);
    for (let i = 0; i < 18; i++) lines.push(`r${i},${1 + Math.floor(rnd() * 5)},${Math.floor(rnd() * 11)},2025-02-${String(1 + i).padStart(2, '0')}`);
    const csv = lines.join('\n') + '\n';
    const ref = await analyze(Buffer.from(csv));
    const codes = ref.notices.map((n) => n.code);
    assert.ok(codes.includes('score_scale_1_5') && codes.includes('few_responses'), `core notices: ${codes}`);

    const { page, errors } = await openPage(browser.context, DASH());
    await loadFile(page, 'small-1-5.csv', csv);
    const shown = await noticesShown(page);
    // Every notice of the report, in its order, in the core's words.
    assert.deepEqual(shown.map((n) => n.code), codes);
    for (const [i, n] of ref.notices.entries()) {
      assert.ok(shown[i].text.includes(n.message), `${n.code}: message shown`);
      assert.equal(shown[i].fix, n.fix, `${n.code}: fix button`);
    }
    // Beside the headline: the readout is the headline's neighbour, in the first screen.
    const place = await page.evaluate(() => ({
      sibling: document.getElementById('headline').nextElementSibling?.id,
      top: document.getElementById('readout').getBoundingClientRect().top,
      height: innerHeight,
    }));
    assert.equal(place.sibling, 'readout');
    assert.ok(place.top < place.height, `the notices start in the first screen (top ${place.top}px)`);
    // The columns read and the rows used.
    assert.match(await page.textContent('[data-testid=col-score]'), /How likely are you to recommend us\?/);
    assert.match(await page.textContent('[data-testid=readout-rows]'), /18 responses used · 0 blank scores \(unanswered\) · 0 rejected/);

    // The 1-5 notice's fix: the score picker, with the current column chosen; cancel changes nothing.
    await page.locator('#readout li[data-code=score_scale_1_5] button.fix').click();
    const dialog = page.locator('#column-picker');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#picker-title'), 'Choose the score column');
    assert.equal(await dialog.locator('p.warn').textContent(), ref.notices.find((n) => n.code === 'score_scale_1_5').message, 'the notice says why');
    assert.equal(await dialog.locator('input[name=picked-column]:checked').getAttribute('value'), 'How likely are you to recommend us?');
    const r = await renders(page);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert.equal(await renders(page), r, 'cancel re-reads nothing');
    await page.screenshot({ path: path.join(artifacts, 'notices-1-5.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('unreadable dates: counted, listed, and the date picker switches the trend off and on', async () => {
    const lines = ['id,score,Date,Plan'];
    const bad = new Set([4, 11, 19, 27]);
    for (let i = 0; i < 120; i++) {
      const date = bad.has(i) ? ['soon', '??', 'last week', '31/31/2025'][[...bad].indexOf(i)] : `2025-${String(1 + (i % 4)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`;
      lines.push(`${i},${i % 11},${date},${i % 2 ? 'Free' : 'Pro'}`);
    }
    const csv = lines.join('\n') + '\n';
    const { page, errors } = await openPage(browser.context, DASH());
    await loadFile(page, 'dates.csv', csv);
    const shown = await noticesShown(page);
    const dates = shown.find((n) => n.code === 'date_unreadable');
    assert.ok(dates, `notices: ${shown.map((n) => n.code)}`);
    assert.match(dates.text, /4 dates in the column "Date" could not be read/);
    assert.equal(dates.fix, 'pick_date');
    assert.match(await page.textContent('[data-testid=col-date]'), /^Date · 116 of 120 responses dated, 4 unreadable/);
    // The rows are summarised, and listed with their values on demand.
    const summary = page.locator('[data-testid=row-warnings] summary');
    assert.match(await summary.textContent(), /^4 rows · “Date”: not a date/);
    await summary.click();
    const values = await page.locator('[data-testid=row-warnings] tbody tr td:nth-child(2)').allTextContents();
    assert.deepEqual(values, ['soon', '??', 'last week', '31/31/2025']);
    const listedLines = await page.locator('[data-testid=row-warnings] tbody tr td:nth-child(1)').allTextContents();
    assert.deepEqual(listedLines, ['6', '13', '21', '29'], 'file lines (header is line 1)');
    assert.equal(await page.locator('#trend canvas').count(), 1);

    // The fix: choose "No date column": no trend, no chart, and a notice saying so.
    await page.locator('#readout li[data-code=date_unreadable] button.fix').click();
    const dialog = page.locator('#column-picker');
    await dialog.waitFor({ state: 'visible' });
    assert.equal(await page.textContent('#picker-title'), 'Choose the date column');
    await dialog.getByLabel('No date column').check();
    let r = await renders(page);
    await page.click('#picker-use');
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.columns.date), null);
    assert.equal(await page.locator('#trend canvas').count(), 0, 'no chart drawn without dates');
    assert.match(await page.textContent('[data-testid=trend-empty]'), /No date column, so no trend/);
    const after = await noticesShown(page);
    assert.deepEqual(after.filter((n) => n.code === 'no_date_column').map((n) => n.fix), ['pick_date']);
    assert.equal(await page.textContent('[data-testid=col-date]').then((t) => t.startsWith('none')), true);

    // And back: the trend's own button opens the picker; pick "Date".
    await page.locator('#trend').getByRole('button', { name: 'Choose the date column' }).click();
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByLabel(/^Date/).check();
    r = await renders(page);
    await page.click('#picker-use');
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.columns.date), 'Date');
    assert.equal(await page.locator('#trend canvas').count(), 1);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('"See the rejected rows" jumps to the rejected rows and opens them', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    const ref = await analyze(fs.readFileSync(path.join(root, 'examples/sample/responses.csv')));
    const notice = (await noticesShown(page)).find((n) => n.code === 'rejected_rows');
    assert.ok(notice, 'the sample has rejected rows, and the notice says so');
    assert.match(notice.text, new RegExp(`${ref.rows.rejected} rows were not counted`));
    assert.equal(await page.evaluate(() => document.getElementById('rejected-rows').open), false);
    await page.locator('#readout li[data-code=rejected_rows] button.fix').click();
    const state = await page.evaluate(() => {
      const box = document.getElementById('rejected-rows');
      const top = box.getBoundingClientRect().top;
      return { open: box.open, inView: top >= 0 && top < innerHeight, focused: document.activeElement === box.querySelector('summary') };
    });
    assert.deepEqual(state, { open: true, inView: true, focused: true });
    assert.equal(await page.locator('#rejected-rows tbody tr').count(), ref.rejections.length);
    await page.close();
  });
});

describe('significant dips', () => {
  /** 24 months (2024-01 .. 2025-12) of `perMonth` responses; month `badMonth` (0-based) drawn from BAD. */
  function months(seed, perMonth, badMonth = -1) {
    const rnd = random(seed);
    const lines = ['id,date,score'];
    let id = 0;
    for (let m = 0; m < 24; m++) {
      const ym = `${2024 + Math.floor(m / 12)}-${String(1 + (m % 12)).padStart(2, '0')}`;
      for (let i = 0; i < perMonth; i++) lines.push(`${++id},${ym}-${String(1 + (i % 28)).padStart(2, '0')},${draw(rnd, m === badMonth ? BAD : USUAL)}`);
    }
    return lines.join('\n') + '\n';
  }

  it('data with no real change shows none; a real dip is still shown', async () => {
    // Seed 8: data in which, tested one by one, chance alone makes two months "dip"
    // (checked first), so the test shows what judging the 23 tests together removes.
    const calm = months(8, 120);
    const alone = await analyze(Buffer.from(calm), { multipleComparisons: 'none' });
    const falseDips = alone.trend.points.filter((p) => p.vs_previous?.significant && p.vs_previous.diff < 0);
    assert.ok(falseDips.length > 0, 'one by one, chance alone flags a dip');

    const { page, errors } = await openPage(browser.context, DASH());
    await loadFile(page, 'calm.csv', calm);
    assert.equal(await page.evaluate(() => window.__npskit.report.options.multiple_comparisons), 'holm');
    assert.equal(await page.evaluate(() => window.__npskit.report.trend.points.filter((p) => p.vs_previous?.significant).length), 0);
    assert.equal(await page.locator('[data-testid=dips]').count(), 0, 'no "Significant dips" line');
    assert.doesNotMatch(await page.textContent('#trend'), /Significant dips|significant dip/);
    assert.match(await page.textContent('[data-testid=trend-significance]'), /the 23 comparisons are judged together \(Holm method\)/);

    await loadFile(page, 'dip.csv', months(8, 120, 12));
    assert.match(await page.textContent('[data-testid=dips]'), /^Significant dips: 2025-01 \(−/);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
