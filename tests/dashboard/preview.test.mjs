// Numbers from the helper's preview while the session is built (web/src/engine.mjs,
// report/session_preview.hpp): the first numbers of a file come from a streaming pass
// when the core calls it exact, and the session's own info and report, once open, are
// the same JSON (counted by the page's test hook: previewsChecked, previewMismatches).
// The panels show the numbers counted here (oracle.mjs), with and without the preview
// (on by default; ?numbersFirst=0 turns it off), a cross-filter works once the session is open, and a file with a
// repeated response id is never shown from the preview (the session counts it once).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withDashboard, openPage, rendered } from './helpers.mjs';
import { makeRng, summarize, tallyOf } from '../data/oracle.mjs';

const dash = withDashboard();
const COUNTRIES = ['DE', 'FR', 'US'];

/**
 * An export of `rows` records; with `repeat`, the last record repeats the first one's id
 * (counted once); with `early`, so does the 11th (a repeat found while the file is read).
 */
function fixture(rows, { repeat = false, early = false } = {}) {
  const rng = makeRng(77).next;
  const lines = ['id,date,score,comment,Country'];
  const all = tallyOf(), by = Object.fromEntries(COUNTRIES.map((c) => [c, tallyOf()]));
  for (let i = 0; i < rows; i++) {
    const score = Math.floor(rng() * 11);
    const country = COUNTRIES[i % COUNTRIES.length];
    const last = (repeat && i === rows - 1) || (early && i === 10);
    if (!last) { all[score]++; by[country][score]++; }
    lines.push(`${last ? 'R0' : 'R' + i},2025-0${1 + (i % 6)}-1${i % 9},${score},${i % 3 ? '' : 'ok ' + i},${country}`);
  }
  return { csv: lines.join('\n') + '\n', overall: summarize(all), byCountry: Object.fromEntries(COUNTRIES.map((c) => [c, summarize(by[c])])) };
}

const nps = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1);
const int = (v) => new Intl.NumberFormat('en-US').format(v);
const stats = (page) => page.evaluate(() => ({ ...window.__npskit.engine, pool: undefined }));

async function drop(query, name, want, { hold = false } = {}) {
  const { page, errors } = await openPage(dash.browser.context);
  // Numbers first is for fewer than 4 cores (engine.mjs): the machine running the tests may have more.
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'hardwareConcurrency', { get: () => 2 }));
  await page.goto(`${dash.srv.base}/dist/dashboard/${query}#seg=Country`);
  await page.waitForFunction(() => window.__npskit && document.body.dataset.engine === 'ready', null, { timeout: 60000 });
  // Held: the session's answer waits until the test releases it (the preview is shown first).
  if (hold) await page.evaluate(() => { window.__npskit.engine.holdSession = new Promise((r) => { window.__releaseSession = r; }); });
  await page.evaluate(() => { window.__npskit.engine.pool.trace = []; }); // every request, timed (engine.mjs)
  await page.setInputFiles('#file-input', { name, mimeType: 'text/csv', buffer: Buffer.from(want.csv) });
  if (!hold) await rendered(page); // held, a render completes (comments) only once the session is open
  return { page, errors };
}

describe('numbers first from the preview', () => {
  it('shows the counted numbers from the preview, then the session agrees, and filters work', async () => {
    const want = fixture(20000);
    for (const query of ['', '?numbersFirst=0']) {
      const previewing = query === '';
      const { page, errors } = await drop(query, 'preview.csv', want, { hold: previewing });
      // The numbers are drawn (from the preview while the session is held).
      await page.waitForFunction(() => window.__npskit.lastRender?.numbersReady != null, null, { timeout: 30000 });
      assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n));
      assert.equal(await page.textContent('[data-testid=nps]'), nps(want.overall.nps));
      if (previewing) {
        assert.equal((await stats(page)).previewsChecked, 0, 'the session is still held');
        await page.evaluate(() => { window.__npskit.engine.holdSession = null; window.__releaseSession(); });
        await page.waitForFunction(() => window.__npskit.engine.previewsChecked === 1, null, { timeout: 30000 });
        await rendered(page);
        // On 2 cores the session is built once the preview has answered, not beside it.
        const trace = await page.evaluate(() => window.__npskit.engine.pool.trace);
        const preview = trace.find((t) => t.type === 'preview'), open = trace.find((t) => t.type === 'open');
        assert.ok(preview && open, 'a preview and an open');
        assert.ok(open.sent >= preview.got, `the open was sent after the preview's answer (${open.sent} >= ${preview.got})`);
      }
      const s = await stats(page);
      assert.equal(s.previewed, previewing ? 1 : 0, `${query || 'default'}: numbers from the preview`);
      assert.equal(s.previewMismatches, 0, 'the session answered the same info and report');
      // A cross-filter is answered by the session.
      const before = Number(await page.evaluate(() => document.body.dataset.renders));
      await page.getByRole('button', { name: 'Filter every view to Country = FR' }).first().click();
      await rendered(page, before);
      await page.waitForFunction((n) => document.querySelector('[data-testid=n]')?.textContent === n, int(want.byCountry.FR.n), { timeout: 30000 });
      assert.equal(await page.textContent('[data-testid=nps]'), nps(want.byCountry.FR.nps));
      assert.deepEqual(errors, []);
      await page.close();
    }
  });

  it('never shows a file with a repeated id from the preview', async () => {
    const want = fixture(5000, { repeat: true });
    const { page, errors } = await drop('', 'repeat.csv', want);
    const s = await stats(page);
    assert.equal(s.previewed, 0, 'the core said the preview is not exact');
    assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n), 'the repeated response counted once');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('stops the preview at an id that repeats early, and the session counts it once', async () => {
    // ~6 MB: many chunks, so a stop has something left to skip.
    const want = fixture(200000, { early: true });
    const { page, errors } = await drop('', 'early.csv', want);
    const s = await stats(page);
    assert.equal(s.previewed, 0, 'never shown');
    assert.equal(s.previewsStopped, 1, 'the helper stopped reading once the core knew');
    assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n), 'the repeated response counted once');
    assert.equal(await page.textContent('[data-testid=nps]'), nps(want.overall.nps));
    assert.deepEqual(errors, []);
    await page.close();
  });
});
