// Numbers first, comments after (issue 15): the numeric panels are drawn with the
// right n and NPS while the comment analytics are still pending, and the comment
// panels say so ("Analyzing comments…", aria-busy) instead of staying blank; a
// failed comment answer is shown, not swallowed. The comment answers are held by the
// page's test hook (window.__npskit.holdComments: a promise; resolving it with a
// message fails them), so "pending" is deterministic, with no timing involved.
// Expected numbers are counted here from the scores this test writes (oracle.mjs).
// The helper worker's streaming comment pass starts with the parse on 4+ cores and
// after it on fewer (web/src/engine.mjs): both paths are run, the core count faked.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import { root, withDashboard, openPage, rendered } from './helpers.mjs';
import { makeRng, summarize, tallyOf } from '../data/oracle.mjs';

const dash = withDashboard();

const COUNTRIES = ['DE', 'FR', 'US'];
const WORDS = ['great', 'slow', 'support', 'price', 'delivery', 'app', 'crash', 'friendly', 'expensive', 'easy'];

/** A 3000-row export; returns its text and what the test knows it holds. */
function fixture() {
  const rng = makeRng(1515).next;
  const lines = ['id,date,score,comment,Country'];
  const all = tallyOf(), by = Object.fromEntries(COUNTRIES.map((c) => [c, tallyOf()]));
  let comments = 0;
  for (let i = 0; i < 3000; i++) {
    const score = Math.floor(rng() * 11);
    const country = COUNTRIES[i % COUNTRIES.length];
    const month = 1 + (i % 6);
    const comment = rng() < 0.5 ? `"${WORDS[i % WORDS.length]}, ${WORDS[(i * 7) % WORDS.length]} ${i}"` : '';
    if (comment) comments++;
    all[score]++; by[country][score]++;
    lines.push(`R${i},2025-0${month}-1${i % 9}T10:00:00Z,${score},${comment},${country}`);
  }
  return { csv: lines.join('\n') + '\n', overall: summarize(all), byCountry: Object.fromEntries(COUNTRIES.map((c) => [c, summarize(by[c])])), comments };
}

const nps = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1);
const int = (v) => new Intl.NumberFormat('en-US').format(v);

/** Holds the comment answers of every render from now on; returns nothing (release with release()). */
const hold = (page) => page.evaluate(() => { window.__npskit.holdComments = new Promise((r) => { window.__releaseComments = r; }); });
const release = (page, failWith) => page.evaluate((msg) => { const r = window.__releaseComments; window.__npskit.holdComments = null; r(msg); }, failWith ?? null);

/** The state of one panel: busy?, its "Analyzing comments…" line, whether it shows an error. */
const panelState = (page, id) => page.evaluate((sel) => {
  const el = document.getElementById(sel);
  const note = el.querySelector('[data-testid=analyzing]');
  return { busy: el.getAttribute('aria-busy'), note: note?.textContent ?? null, noteRole: note?.getAttribute('role') ?? null,
    error: el.querySelector('[data-testid=comments-error]')?.textContent ?? null, errorRole: el.querySelector('[data-testid=comments-error]')?.getAttribute('role') ?? null };
}, id);

describe('numbers first, comments after', () => {
  it('draws every numeric panel with the right n and NPS while the comments are held, then the comment panels', async () => {
    const want = fixture();
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/#seg=Country`);
    await page.waitForFunction(() => window.__npskit && document.body.dataset.boot === '1');
    await hold(page);
    await page.setInputFiles('#file-input', { name: 'held.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
    await page.waitForFunction(() => window.__npskit.lastRender?.numbersReady != null, null, { timeout: 30000 });

    // The render is not complete (the comments are held) ...
    const marks = await page.evaluate(() => ({ ...window.__npskit.lastRender, renders: document.body.dataset.renders ?? null }));
    assert.equal(marks.complete, null, 'not complete while the comments are held');
    assert.equal(marks.renders, null);
    // ... but every numeric panel is drawn, with the numbers counted here.
    assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n));
    assert.equal(await page.textContent('[data-testid=nps]'), nps(want.overall.nps));
    for (const c of COUNTRIES) {
      const row = page.locator('#segments table.data tbody tr', { has: page.getByRole('button', { name: `Filter every view to Country = ${c}` }) });
      const cells = await row.locator('td').allTextContents();
      assert.equal(cells[1], int(want.byCountry[c].n), `${c}: n`);
      assert.equal(cells[2], nps(want.byCountry[c].nps), `${c}: NPS`);
    }
    assert.equal(await page.locator('#distribution canvas').count(), 1, 'distribution drawn');
    assert.equal(await page.locator('#trend canvas').count(), 1, 'trend drawn');
    assert.equal(await page.locator('#trend table tbody tr').count(), 6, 'six months in the trend table');
    assert.ok(await page.locator('#benchmarks h2').count(), 'benchmarks drawn');
    assert.match(await page.textContent('[data-testid=counts]'), new RegExp(int(want.overall.n)), 'data panel drawn');
    for (const id of ['headline', 'distribution', 'trend', 'segments', 'benchmarks', 'data']) {
      assert.equal((await panelState(page, id)).busy, null, `${id} is not busy`);
    }
    // The comment panels say they are analyzing (not blank, not an error).
    for (const id of ['themes', 'comments']) {
      const s = await panelState(page, id);
      assert.deepEqual(s, { busy: 'true', note: 'Analyzing comments…', noteRole: 'status', error: null, errorRole: null }, id);
    }
    assert.equal(await page.locator('#themes table').count(), 0, 'no theme table yet');

    await release(page);
    await rendered(page);
    for (const id of ['themes', 'comments']) {
      const s = await panelState(page, id);
      assert.equal(s.busy, null, `${id}: not busy once answered`);
      assert.equal(s.note, null, `${id}: the analyzing line is gone`);
    }
    assert.ok(await page.locator('#themes table.data').count() >= 1, 'theme table drawn');
    assert.equal(await page.textContent('[data-testid=comments-total]'), `${int(want.comments)} comments`);
    const done = await page.evaluate(() => window.__npskit.lastRender);
    assert.ok(done.complete >= done.numbersReady, 'complete after numbers ready');
    const timing = await page.evaluate(() => window.__npskit.timings[0]);
    assert.ok(timing.numbersReady <= timing.ms, 'the import\'s marks: numbers ready, then complete');
    assert.deepEqual(errors, []);

    // A filter undone before its comments came: the panels show the last drawn ones again, not busy.
    await hold(page);
    let start = await page.evaluate(() => window.__npskit.lastRender.start);
    await page.getByRole('button', { name: 'Filter every view to Country = DE' }).click();
    await page.waitForFunction((t) => window.__npskit.lastRender.start > t && window.__npskit.lastRender.numbersReady != null, start);
    assert.equal((await panelState(page, 'themes')).busy, 'true');
    start = await page.evaluate(() => window.__npskit.lastRender.start);
    await page.getByRole('button', { name: /^Remove filter Country/ }).click();
    await page.waitForFunction((t) => window.__npskit.lastRender.start > t && window.__npskit.lastRender.complete != null, start);
    assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n));
    for (const id of ['themes', 'comments']) {
      const s = await panelState(page, id);
      assert.deepEqual([s.busy, s.note, s.error], [null, null, null], `${id}: current again, not busy`);
    }
    assert.equal(await page.textContent('[data-testid=comments-total]'), `${int(want.comments)} comments`);
    await release(page); // the held answers belong to the superseded render: dropped

    // A failed comment answer (a cross-filter re-asks them) is shown in both panels, never a busy state forever.
    await hold(page);
    const before = await page.evaluate(() => window.__npskit.lastRender.start);
    await page.getByRole('button', { name: 'Filter every view to Country = FR' }).click();
    await page.waitForFunction((t) => window.__npskit.lastRender.start > t && window.__npskit.lastRender.numbersReady != null, before);
    assert.equal(await page.textContent('[data-testid=n]'), int(want.byCountry.FR.n), 'the filtered numbers are drawn while the comments are held');
    const kept = await panelState(page, 'themes');
    assert.equal(kept.busy, 'true');
    assert.equal(kept.note, 'Analyzing comments…');
    assert.ok(await page.locator('#themes table.data').count() >= 1, 'the last themes stay below the analyzing line');
    const n = await page.evaluate(() => Number(document.body.dataset.renders));
    await release(page, 'injected failure');
    await rendered(page, n);
    for (const id of ['themes', 'comments']) {
      const s = await panelState(page, id);
      assert.equal(s.busy, null, `${id}: not busy after the failure`);
      assert.match(s.error ?? '', /injected failure/, `${id}: the failure is shown`);
      assert.equal(s.errorRole, 'alert', `${id}: announced`);
    }
    await page.close();
  });

  it('the helper worker\'s comment pass answers the themes panel whether it starts with the parse (4+ cores) or after it', async () => {
    const want = fixture();
    const shown = {};
    for (const cores of [8, 2]) {
      const page = await dash.browser.context.newPage();
      await page.addInitScript((n) => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => n }), cores);
      await page.goto(`${dash.srv.base}/dist/dashboard/#seg=Country`);
      await page.waitForFunction(() => window.__npskit && document.body.dataset.boot === '1');
      await page.evaluate(() => { window.__npskit.engine.pool.trace = []; }); // every request, timed (engine.mjs)
      await page.setInputFiles('#file-input', { name: 'cores.csv', mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
      await rendered(page);
      assert.equal(await page.evaluate(() => window.__npskit.engine.prefetched), 1, `${cores} cores: the themes came from the helper's pass`);
      // With fewer than 4 cores the helper's pass waits for the numbers to be drawn (it
      // would take a core from the report and the drawing); with more it runs with the parse.
      const when = await page.evaluate(() => {
        const t = window.__npskit.engine.pool.trace;
        const open = t.find((e) => e.type === 'open');
        return { prefetchSent: t.find((e) => e.type === 'prefetchComments').sent, openAnswered: open.got,
          numbersReady: performance.timeOrigin + window.__npskit.lastRender.numbersReady, renders: window.__npskit.renders };
      });
      assert.equal(when.renders, 1);
      if (cores === 2) assert.ok(when.prefetchSent >= when.numbersReady, `2 cores: the helper started once the numbers were drawn`);
      else assert.ok(when.prefetchSent < when.openAnswered, `8 cores: the helper started with the parse`);
      assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n));
      shown[cores] = await page.evaluate(() => [...document.querySelectorAll('#themes [data-testid=theme-table] tbody tr')].map((tr) => tr.textContent));
      assert.ok(shown[cores].length > 0, `${cores} cores: themes shown`);
      await page.close();
    }
    assert.deepEqual(shown[8], shown[2]);
  });
});
