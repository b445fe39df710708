// Charts (web/src/charts.mjs): created once per canvas and updated in place across
// renders, with the numbers right; warmed up at page load without drawing anything on
// the page; off-screen charts wait until after the numbers and are drawn before their
// PNG, before printing, and in idle time; the "numbers painted" mark follows
// "numbers ready". Expected numbers are counted here from the scores this test writes
// (oracle.mjs), never read back from the core. No timings are asserted: only the order
// of the marks and what is drawn.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { root, withDashboard, openPage, rendered } from './helpers.mjs';
import { makeRng, summarize, tallyOf } from '../data/oracle.mjs';

const dash = withDashboard();

const COUNTRIES = ['DE', 'FR', 'US'];
const MONTHS = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05', '2025-06'];

/** A 3000-row export; returns its text and the histograms of all rows, per country and per country x month. */
function fixture() {
  const rng = makeRng(2024).next;
  const lines = ['id,date,score,Country'];
  const all = tallyOf();
  const by = Object.fromEntries(COUNTRIES.map((c) => [c, { all: tallyOf(), months: Object.fromEntries(MONTHS.map((m) => [m, tallyOf()])) }]));
  const months = Object.fromEntries(MONTHS.map((m) => [m, tallyOf()]));
  for (let i = 0; i < 3000; i++) {
    // Countries score differently, so a cross-filter changes every chart.
    const country = COUNTRIES[i % COUNTRIES.length];
    const score = Math.min(10, Math.floor(rng() * 11) + (country === 'DE' ? 2 : 0));
    const month = MONTHS[Math.floor(i / 7) % MONTHS.length];
    all[score]++; months[month][score]++; by[country].all[score]++; by[country].months[month][score]++;
    lines.push(`R${i},${month}-1${i % 9}T10:00:00Z,${score},${country}`);
  }
  return { csv: lines.join('\n') + '\n', all, months, by };
}

/** What the page's charts show (window.__npskit.chart), by panel. */
const charts = (page) => page.evaluate(() => Object.fromEntries(['distribution', 'trend', 'segments', 'benchmarks'].map((id) => {
  const canvas = document.querySelector(`#${id} canvas`);
  return [id, window.__npskit.chart(canvas)];
})));
const values = (chart, label) => chart.datasets.find((d) => d.label === label).values;
const allDrawn = (page) => page.waitForFunction(() => window.__npskit.chartsWaiting() === 0);
/** The share of each chart's height in the viewport, and its top and height in the page. */
const inView = (page) => page.evaluate(() => Object.fromEntries(['distribution', 'trend', 'segments', 'benchmarks'].map((id) => {
  const r = document.querySelector(`#${id} canvas`).getBoundingClientRect();
  return [id, Math.max(0, Math.min(r.bottom, innerHeight) - Math.max(r.top, 0)) / r.height];
})));

describe('charts', () => {
  it('warms up without drawing on the page, creates each chart once and updates it in place across renders, with the numbers right', async () => {
    const want = fixture();
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/#seg=Country&period=month`);
    await page.waitForFunction(() => document.body.dataset.charts === 'warm', null, { timeout: 30000 });
    assert.equal(await page.locator('canvas:visible').count(), 0, 'the warm-up drew nothing on the page');
    assert.equal(await page.locator('.warm-up').count(), 0, 'the form controls laid out at load are gone');
    // The first draw was rehearsed (rehearsal.mjs): the dashboard stays laid out but
    // cannot be seen or reached (no room, invisible, inert, aria-hidden), its panels
    // empty; the rehearsal's charts wait, hidden, in a box no one can reach.
    assert.equal(await page.isVisible('#dashboard'), false, 'the dashboard is not shown before a file');
    const after = await page.evaluate(() => ({
      dashboardHidden: (({ hidden, inert, offsetHeight }) => hidden || (inert && offsetHeight === 0))(document.getElementById('dashboard'))
        && getComputedStyle(document.getElementById('dashboard')).visibility !== 'visible'
        && document.getElementById('dashboard').getAttribute('aria-hidden') === 'true',
      rehearsal: document.querySelector('.rehearsal') !== null,
      panelText: [...document.querySelectorAll('#dashboard section')].map((s) => s.textContent).join(''),
      parked: [...document.querySelectorAll('canvas')].map((c) => c.closest('[hidden][inert][aria-hidden=true]')?.id ?? null),
    }));
    assert.deepEqual(after, { dashboardHidden: true, rehearsal: true, panelText: '', parked: ['chart-parking', 'chart-parking', 'chart-parking', 'chart-parking'] });
    const parked = await page.evaluate(() => [...document.querySelectorAll('#chart-parking canvas')].map((c) => window.__npskit.chart(c)?.id));

    await page.setInputFiles('#file-input', { name: 'charts.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    let n = await rendered(page);
    await allDrawn(page);
    const first = await charts(page);
    assert.deepEqual(values(first.distribution, 'Responses'), want.all, 'distribution: responses per score');
    assert.deepEqual(first.trend.labels, MONTHS);
    assert.deepEqual(values(first.trend, 'NPS'), MONTHS.map((m) => summarize(want.months[m]).nps), 'trend: NPS per month');
    assert.deepEqual(values(first.trend, 'Responses (n)'), MONTHS.map((m) => summarize(want.months[m]).n), 'trend: n per month');
    const segNps = Object.fromEntries(first.segments.labels.map((l, i) => [l, values(first.segments, 'NPS')[i]]));
    assert.deepEqual(segNps, Object.fromEntries(COUNTRIES.map((c) => [c, summarize(want.by[c].all).nps])), 'segments: NPS per country');
    assert.equal(values(first.benchmarks, 'NPS')[0], summarize(want.all).nps, 'benchmarks: your NPS');
    // The rehearsal's charts are the ones drawn, updated in place with this file's numbers.
    assert.deepEqual(['distribution', 'trend', 'segments', 'benchmarks'].map((id) => first[id].id).sort(), [...parked].sort(), 'the rehearsed charts, updated in place');
    assert.equal(await page.locator('#chart-parking canvas').count(), 0, 'every parked chart is back in its panel');
    // Mark the canvases: the same elements must carry the charts after the next render.
    await page.evaluate(() => { for (const c of document.querySelectorAll('#dashboard canvas')) c.dataset.seen = '1'; });

    // A cross-filter: every chart is updated in place (same canvas, same Chart instance), with DE's numbers.
    await page.getByRole('button', { name: 'Filter every view to Country = DE' }).click();
    n = await rendered(page, n);
    await allDrawn(page);
    const de = await charts(page);
    for (const id of ['distribution', 'trend', 'segments', 'benchmarks']) {
      assert.equal(de[id].id, first[id].id, `${id}: the same chart, updated in place`);
      assert.equal(await page.locator(`#${id} canvas[data-seen="1"]`).count(), 1, `${id}: the same canvas`);
    }
    assert.deepEqual(values(de.distribution, 'Responses'), want.by.DE.all, 'distribution: DE');
    assert.deepEqual(values(de.trend, 'NPS'), MONTHS.map((m) => summarize(want.by.DE.months[m]).nps), 'trend: DE per month');
    assert.equal(values(de.benchmarks, 'NPS')[0], summarize(want.by.DE.all).nps, 'benchmarks: DE');

    // A colour-scheme switch draws every panel again: still the same charts.
    await page.emulateMedia({ colorScheme: 'dark' });
    await rendered(page, n);
    await allDrawn(page);
    const dark = await charts(page);
    for (const id of Object.keys(dark)) assert.equal(dark[id].id, first[id].id, `${id}: kept across a colour-scheme switch`);
    assert.deepEqual(values(dark.distribution, 'Responses'), want.by.DE.all);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('draws the charts off screen after the numbers: before their PNG, before printing, and in idle time', async () => {
    const want = fixture();
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/#seg=Country&period=month`);
    await page.waitForFunction(() => document.body.dataset.charts === 'warm', null, { timeout: 30000 });
    await page.evaluate(() => { window.__npskit.charts.hold = true; }); // no idle or scroll drawing
    await page.setInputFiles('#file-input', { name: 'charts.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    await rendered(page);
    await page.waitForFunction(() => window.__npskit.timings[0]?.numbersPainted != null);
    const timing = await page.evaluate(() => window.__npskit.timings[0]);
    assert.ok(timing.numbersPainted >= timing.numbersReady, "painted after the drawing JS");
    assert.equal(timing.chartsDrawn, null, "the held charts are not drawn yet");

    // The first screen (1360 x 900): a chart with at least a quarter of its height in view
    // is drawn with the numbers (the distribution); the others wait (segments and
    // benchmarks are below it), while their numbers are in the page as text.
    const held = await charts(page);
    const seen = await inView(page);
    assert.deepEqual(values(held.distribution, 'Responses'), want.all);
    assert.equal(seen.distribution, 1, 'the distribution chart is in view');
    assert.equal(held.segments, null, 'segments chart waits');
    assert.equal(held.benchmarks, null, 'benchmarks chart waits');
    assert.equal(Boolean(held.trend), seen.trend >= 0.25, `trend drawn only when a quarter of it is in view (${seen.trend})`);
    assert.equal(await page.evaluate(() => window.__npskit.lastRender.chartsWaiting), held.trend ? 2 : 3, 'the charts waiting at numbers ready');
    const row = page.locator('#segments table.data tbody tr', { has: page.getByRole('button', { name: 'Filter every view to Country = DE' }) });
    assert.equal((await row.locator('td').allTextContents())[1], new Intl.NumberFormat('en-US').format(summarize(want.by.DE.all).n));
    assert.equal(await page.locator('#segments canvas').count(), 1, 'the canvas and its label are there');

    // Its PNG draws it first.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: /^PNG: download chart as PNG \(nps-benchmarks\.png\)/ }).click();
    assert.equal((await download).suggestedFilename(), 'nps-benchmarks.png');
    const afterPng = await charts(page);
    assert.equal(values(afterPng.benchmarks, 'NPS')[0], summarize(want.all).nps, 'benchmarks drawn for its PNG');
    assert.equal(afterPng.segments, null, 'segments still waits (held)');

    // Printing draws every chart still waiting.
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const printed = await charts(page);
    const segNps = Object.fromEntries(printed.segments.labels.map((l, i) => [l, values(printed.segments, 'NPS')[i]]));
    assert.deepEqual(segNps, Object.fromEntries(COUNTRIES.map((c) => [c, summarize(want.by[c].all).nps])), 'segments drawn for print');
    assert.equal(await page.evaluate(() => window.__npskit.chartsWaiting()), 0);
    const drawnAt = await page.evaluate(() => window.__npskit.timings[0]);
    assert.ok(drawnAt.chartsDrawn >= drawnAt.numbersReady, 'the import\'s "every chart drawn" mark, once printing drew the last');

    // A cross-filter clicked down in the segments table: the charts now scrolled out of view
    // wait, and the canvas that still holds the last render's chart is hidden meanwhile.
    let n = await page.evaluate(() => window.__npskit.renders);
    await page.getByRole('button', { name: 'Filter every view to Country = DE' }).click();
    n = await rendered(page, n);
    const hidden = await page.evaluate(() => ({ waiting: window.__npskit.chartsWaiting(), seen: window.__npskit.lastRender.chartsWaiting,
      visibility: getComputedStyle(document.querySelector('#distribution canvas')).visibility }));
    assert.ok(hidden.seen >= 1 && hidden.waiting >= 1, 'charts off screen wait');
    assert.equal(hidden.visibility, 'hidden', 'the distribution canvas with the unfiltered chart is hidden');
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const de = await charts(page);
    assert.deepEqual(values(de.distribution, 'Responses'), want.by.DE.all, 'drawn with DE\'s numbers');
    assert.equal(de.distribution.id, printed.distribution.id, 'updated in place');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#distribution canvas')).visibility), 'visible');

    // Released: a new render's off-screen charts are drawn in idle time, without scrolling.
    await page.evaluate(() => { window.__npskit.charts.hold = false; window.scrollTo(0, 0); });
    await page.selectOption('#period', 'quarter');
    await rendered(page, n);
    await allDrawn(page);
    const quarters = await charts(page);
    assert.deepEqual(quarters.trend.labels, ['2025-Q1', '2025-Q2'], 'trend by quarter');
    assert.deepEqual(errors, []);
    await page.close();
  });
  it('a file dropped in the middle of the first-draw rehearsal stops it: the page shows that file, nothing of the rehearsal', async () => {
    const want = fixture();
    const { page, errors } = await openPage(dash.browser.context);
    await page.addInitScript(() => { window.__npskitTest = { holdRehearsal: true }; }); // held once its panels are drawn
    await page.goto(`${dash.srv.base}/dist/dashboard/#seg=Country&period=month`);
    await page.waitForFunction(() => window.__npskit.rehearsalStage() === 'charts', null, { timeout: 30000 });
    const during = await page.evaluate(() => {
      const d = document.getElementById('dashboard');
      return { rehearsal: d.classList.contains('rehearsal'), inert: d.inert, ariaHidden: d.getAttribute('aria-hidden'), visibility: getComputedStyle(d).visibility,
        height: d.getBoundingClientRect().height, drawn: document.querySelector('#segments table.data') !== null };
    });
    assert.deepEqual(during, { rehearsal: true, inert: true, ariaHidden: 'true', visibility: 'hidden', height: 0, drawn: true }, 'the rehearsal: drawn, but unseen and unreachable');

    await page.setInputFiles('#file-input', { name: 'charts.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    await rendered(page);
    await allDrawn(page);
    assert.equal(await page.evaluate(() => window.__npskit.rehearsalStage()), 'stopped');
    const shown = await page.evaluate(() => {
      const d = document.getElementById('dashboard');
      return { hidden: d.hidden, rehearsal: d.classList.contains('rehearsal'), inert: d.inert, ariaHidden: d.getAttribute('aria-hidden'), visibility: getComputedStyle(d).visibility };
    });
    assert.deepEqual(shown, { hidden: false, rehearsal: false, inert: false, ariaHidden: null, visibility: 'visible' });
    // The numbers are this file's: the headline, the segments table and every chart.
    const all = summarize(want.all);
    assert.equal(await page.getByTestId('n').textContent(), new Intl.NumberFormat('en-US').format(all.n));
    assert.deepEqual((await page.locator('#segments table.data tbody tr td:first-child').allTextContents()).sort(), COUNTRIES);
    const drawn = await charts(page);
    assert.deepEqual(values(drawn.distribution, 'Responses'), want.all);
    assert.deepEqual(drawn.trend.labels, MONTHS);
    assert.equal(values(drawn.benchmarks, 'NPS')[0], all.nps);
    const segNps = Object.fromEntries(drawn.segments.labels.map((l, i) => [l, values(drawn.segments, 'NPS')[i]]));
    assert.deepEqual(segNps, Object.fromEntries(COUNTRIES.map((c) => [c, summarize(want.by[c].all).nps])));
    assert.deepEqual(errors, []);
    await page.close();
  });
  it('a chart with less than a quarter of its height in view waits: its box is empty, never stale, until drawn', async () => {
    const want = fixture();
    // Where the trend chart lies on this page, at this width.
    const probe = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/#seg=Country&period=month`);
    await probe.page.setInputFiles('#file-input', { name: 'charts.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    await rendered(probe.page);
    const box = await probe.page.evaluate(() => { const r = document.querySelector('#trend canvas').getBoundingClientRect(); return { top: r.top + scrollY, height: r.height }; });
    await probe.page.close();

    // A screen that ends a tenth of the way down that chart.
    const { page, errors } = await openPage(dash.browser.context);
    await page.setViewportSize({ width: 1360, height: Math.round(box.top + box.height / 10) });
    await page.goto(`${dash.srv.base}/dist/dashboard/#seg=Country&period=month`);
    await page.waitForFunction(() => document.body.dataset.charts === 'warm', null, { timeout: 30000 });
    await page.evaluate(() => { window.__npskit.charts.hold = true; });
    await page.setInputFiles('#file-input', { name: 'charts.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    await rendered(page);
    const seen = await inView(page);
    assert.ok(seen.trend > 0 && seen.trend < 0.25, `a sliver of the trend chart is in view (${seen.trend})`);
    const held = await charts(page);
    assert.equal(held.trend, null, 'the trend chart waits');
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#trend canvas')).visibility), 'hidden', 'its canvas (the rehearsal\'s chart) is hidden meanwhile');
    assert.deepEqual(values(held.distribution, 'Responses'), want.all, 'the distribution, in full view, is drawn');
    // Released: drawn when it comes near the viewport or in idle time, with this file's numbers.
    await page.evaluate(() => { window.__npskit.charts.hold = false; });
    await allDrawn(page);
    const drawn = await charts(page);
    assert.deepEqual(values(drawn.trend, 'NPS'), MONTHS.map((m) => summarize(want.months[m]).nps));
    assert.equal(await page.evaluate(() => getComputedStyle(document.querySelector('#trend canvas')).visibility), 'visible');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
