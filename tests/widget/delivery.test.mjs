// Delivery guarantees against a real collector: collector down then up (every
// response arrives exactly once), page closed mid-send (delivered on the next
// load), and storage that throws (memory fallback still delivers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, pageUrl, waitEvent, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();

const recordsOf = (prefix) => s.records().filter((r) => r.survey.startsWith(prefix));
const queued = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('npskit:queue') || '[]').length);

async function answer(page, score) {
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
}

test('collector down, then up: every response arrives exactly once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  problems.length = 0;
  await s.stopCollector();
  // Three surveys answered while the collector is unreachable (no cooldown between them).
  const frequency = { cooldownDays: 0 };
  for (const id of ['down-a', 'down-b', 'down-c']) {
    await page.goto(pageUrl(s.web, { id, endpoint: s.endpoint, frequency }));
    await answer(page, 7);
  }
  await waitFor(async () => (await queued(page)) === 3);
  assert.equal(recordsOf('down-').length, 0);
  await s.restartCollector();
  // The page retries on its backoff schedule; a reload also flushes at once.
  await waitFor(async () => recordsOf('down-').length === 3, { timeout: 30000 });
  await waitFor(async () => (await queued(page)) === 0);
  await page.reload();
  await page.waitForLoadState('load');
  const ids = recordsOf('down-').map((r) => r.id);
  assert.equal(new Set(ids).size, 3, 'no duplicates');
  assert.deepEqual(recordsOf('down-').map((r) => r.survey).sort(), ['down-a', 'down-b', 'down-c']);
  // The refused connections are the network's failures, not the widget's: no
  // exception reaches the page (Chromium itself logs failed loads).
  assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), []);
  await context.close();
});

test('page closed mid-send: the response is delivered on the next load, once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'midsend', endpoint: s.endpoint }));
  s.collector.holding = true; // the collector accepts the request but never answers
  await answer(page, 9);
  await waitFor(() => s.collector.heldCount() >= 1);
  await page.close({ runBeforeUnload: true }); // pagehide: the beacon is held too
  s.collector.dropHeld(); // connections cut mid-request, as a network failure would
  s.collector.holding = false;
  s.collector.dropHeld();
  const next = await context.newPage();
  await next.goto(pageUrl(s.web, []));
  await waitFor(() => recordsOf('midsend').length === 1, { timeout: 20000 });
  await waitFor(async () => (await queued(next)) === 0);
  await next.reload();
  await next.waitForLoadState('load');
  assert.equal(recordsOf('midsend').length, 1);
  assert.equal(recordsOf('midsend')[0].score, 9);
  await context.close();
});

test('storage that throws (private mode): falls back to memory and still delivers', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    for (const name of ['localStorage', 'sessionStorage'])
      Object.defineProperty(window, name, { get() { throw new DOMException('denied', 'SecurityError'); } });
  });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(pageUrl(s.web, { id: 'nostorage', endpoint: s.endpoint }));
  await answer(page, 4);
  await waitFor(() => recordsOf('nostorage').length === 1);
  await waitEvent(page, 'completed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('quota exceeded on write: memory fallback, still delivers', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(pageUrl(s.web, { id: 'quota', endpoint: s.endpoint }));
  await answer(page, 10);
  await waitFor(() => recordsOf('quota').length === 1);
  assert.deepEqual(problems, []);
  await context.close();
});
