// Fault injection in real Chromium: a proxy in front of the real collector
// answers 500, 429 with Retry-After, hangs, answers slowly, or loses the reply
// after the collector stored the response; the browser also goes offline. For
// each fault: nothing reaches the host page (no exception, no rejection, no
// npskit error event), the response stays queued, and once the collector
// behaves it is stored exactly once (counted in the NDJSON file by its id).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { harness, lastEvent, pageUrl, startFaultProxy, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();
let proxy;
before(async () => {
  proxy = await startFaultProxy(() => s.endpoint); // the collector is up by the first request
});
after(async () => {
  await proxy.close();
});

const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);
// Parsed here, not in the page: the hostile page has replaced its JSON.
const queue = async (page) => JSON.parse((await page.evaluate(() => localStorage.getItem('npskit:queue'))) || '[]');

// A fresh context whose pages record what a host page could observe: uncaught
// errors and unhandled rejections (window listeners installed before any
// script), console errors and page errors.
async function open() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__hostErrors = [];
    addEventListener('error', (e) => window.__hostErrors.push('error: ' + e.message));
    addEventListener('unhandledrejection', (e) => window.__hostErrors.push('rejection: ' + String((e.reason && e.reason.message) || e.reason)));
  });
  const page = await context.newPage();
  const problems = watchPage(page);
  return { context, page, problems };
}

// Nothing the widget did reached the host page. Chromium's own network log lines
// ("Failed to load resource: ... 500", "net::ERR_...") are the browser reporting a
// failed request, not an exception in the page, so they are the only console errors allowed.
async function assertHostUntouched(page, problems) {
  const host = await page.evaluate(() => window.__hostErrors);
  assert.deepEqual(host, [], 'window error / unhandledrejection');
  assert.deepEqual(problems.filter((p) => !/^console: Failed to load resource: /.test(p)), [], 'page errors / console errors');
  assert.equal(await lastEvent(page, 'error'), null, 'no npskit:error event');
}

async function answer(page, score) {
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  // The visitor sees the thank-you step whatever the collector does.
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  return (await lastEvent(page, 'completed')).response.id;
}

// Delivered exactly once: one NDJSON line with this id, and nothing left queued
// (so no further retry can add another).
async function assertDeliveredOnce(page, survey, id) {
  await waitFor(async () => (await queue(page)).length === 0, { timeout: 20000 });
  const records = recordsOf(survey);
  assert.equal(records.length, 1, `${survey}: one NDJSON line`);
  assert.equal(records[0].id, id);
}

const config = (id) => ({ id, endpoint: proxy.endpoint, frequency: { cooldownDays: 0 } });

test('500 twice, then OK (on a hostile page): retried with backoff, stored once', async () => {
  const { context, page, problems } = await open();
  proxy.plan('f-500', [500, 500]);
  // The hostile page has replaced fetch, JSON and Array methods: retries must not use them.
  await page.goto(pageUrl(s.web, config('f-500'), { page: 'hostile' }));
  const id = await answer(page, 8);
  await waitFor(() => proxy.requests('f-500').length >= 1);
  const [first] = await queue(page);
  assert.equal(first && first.p.id, id, 'still queued after the 500');
  assert.equal(recordsOf('f-500').length, 0);
  await waitFor(() => recordsOf('f-500').length === 1, { timeout: 15000 });
  await assertDeliveredOnce(page, 'f-500', id);
  const r = proxy.requests('f-500');
  assert.deepEqual(r.map((e) => e.step), [500, 500, 'pass']);
  assert.ok(r.every((e) => e.id === id), 'every attempt carries the same idempotency key');
  // Exponential backoff with ±20 % jitter: ~1 s, then ~2 s.
  const gap1 = r[1].at - r[0].answeredAt;
  const gap2 = r[2].at - r[1].answeredAt;
  assert.ok(gap1 >= 750, `first retry after ${gap1} ms`);
  assert.ok(gap2 >= 1550, `second retry after ${gap2} ms`);
  await assertHostUntouched(page, problems);
  await context.close();
});

test('429 with Retry-After (seconds, then an HTTP-date): nothing is sent before it elapses, then each response once', async () => {
  const { context, page, problems } = await open();
  const date = () => new Date(Date.now() + 3000).toUTCString();
  let dateValue;
  proxy.plan('f-429a', [{ status: 429, retryAfter: 4 }, { status: 429, get retryAfter() { return (dateValue = date()); } }]);
  await page.goto(pageUrl(s.web, config('f-429a')));
  const idA = await answer(page, 6);
  await waitFor(() => proxy.requests('f-429a').length === 1);
  const limited = proxy.requests('f-429a')[0].answeredAt;
  // During the wait the visitor goes on to another page (pagehide must not beacon
  // the waiting response) and answers a second survey there (its response must
  // wait too: the collector asked the whole endpoint to slow down).
  await page.goto(pageUrl(s.web, config('f-429b')));
  const idB = await answer(page, 10);
  assert.ok(Date.now() < limited + 4000, 'the second answer was given inside the Retry-After window (else this test proves nothing)');
  assert.equal((await queue(page)).length, 2);
  await waitFor(() => proxy.requests('f-429a').length === 2, { timeout: 15000 });
  const all = () => [...proxy.requests('f-429a'), ...proxy.requests('f-429b')].sort((a, b) => a.at - b.at);
  // The first request after the 429 comes no sooner than Retry-After says (4 s).
  const next = all()[1];
  assert.ok(next.at - limited >= 4000 - 50, `retried ${next.at - limited} ms after "Retry-After: 4"`);
  // The second 429 gave an HTTP-date (one-second resolution): nothing before it.
  const limited2 = proxy.requests('f-429a')[1].answeredAt;
  await waitFor(() => recordsOf('f-429a').length === 1 && recordsOf('f-429b').length === 1, { timeout: 15000 });
  const after2 = all().filter((e) => e.at > limited2);
  assert.ok(after2.length >= 1);
  assert.ok(after2[0].at >= Date.parse(dateValue) - 50, `retried ${Date.parse(dateValue) - after2[0].at} ms before the Retry-After date`);
  await waitFor(async () => (await queue(page)).length === 0, { timeout: 15000 });
  assert.deepEqual(recordsOf('f-429a').map((r) => r.id), [idA]);
  assert.deepEqual(recordsOf('f-429b').map((r) => r.id), [idB]);
  await assertHostUntouched(page, problems);
  await context.close();
});

test('a collector that never answers: the request times out (aborted), is retried, stored once', async () => {
  const { context, page, problems } = await open();
  proxy.plan('f-hang', ['hang']);
  await page.goto(pageUrl(s.web, config('f-hang')));
  const id = await answer(page, 3);
  await waitFor(() => proxy.requests('f-hang').length === 1);
  // The first attempt is in flight: the answer is held in memory, not yet at rest
  // (it is stored once the attempt fails; tests/widget/privacy.test.mjs).
  assert.equal((await queue(page)).length, 0, 'not in storage while the first attempt is in flight');
  // The widget gives up on the hanging request (it closes the connection) and tries again.
  await waitFor(() => proxy.requests('f-hang').length === 2, { timeout: 25000 });
  const [hung, retry] = proxy.requests('f-hang');
  assert.ok(hung.abortedAt, 'the hanging request was aborted by the widget');
  assert.ok(hung.abortedAt - hung.at >= 5000, `aborted after ${hung.abortedAt - hung.at} ms (a timeout, not at once)`);
  assert.ok(retry.at >= hung.abortedAt, 'retried after the abort');
  await assertDeliveredOnce(page, 'f-hang', id);
  await assertHostUntouched(page, problems);
  await context.close();
});

test('a slow collector (3 s): waited for, one request, stored once', async () => {
  const { context, page, problems } = await open();
  proxy.plan('f-slow', [{ slow: 3000 }]);
  await page.goto(pageUrl(s.web, config('f-slow')));
  const id = await answer(page, 9);
  await waitFor(() => recordsOf('f-slow').length === 1, { timeout: 15000 });
  await assertDeliveredOnce(page, 'f-slow', id);
  // The queue is empty, so no attempt can follow: a single request means no
  // premature timeout and no parallel resend while the first was in flight.
  assert.equal(proxy.requests('f-slow').length, 1);
  await assertHostUntouched(page, problems);
  await context.close();
});

test('the reply is lost after the collector stored the response: resent, stored once (idempotency key)', async () => {
  const { context, page, problems } = await open();
  proxy.plan('f-lost', ['lost']);
  await page.goto(pageUrl(s.web, config('f-lost')));
  const id = await answer(page, 7);
  await waitFor(() => proxy.requests('f-lost').length === 2, { timeout: 15000 });
  await assertDeliveredOnce(page, 'f-lost', id);
  const [lost, again] = proxy.requests('f-lost');
  assert.equal(lost.collectorStatus, 201, 'the collector stored it the first time');
  assert.equal(again.collectorStatus, 200, 'the resend was recognised as a duplicate');
  await assertHostUntouched(page, problems);
  await context.close();
});

test('the browser goes offline: nothing is lost; going online resends at once, stored once', async () => {
  const { context, page, problems } = await open();
  await page.goto(pageUrl(s.web, config('f-offline')));
  await page.getByRole('radiogroup').waitFor();
  await context.setOffline(true);
  const id = await answer(page, 5);
  // Let a few attempts fail so the backoff has grown (the next one is >= 3.2 s away).
  await waitFor(async () => ((await queue(page))[0] || { n: 0 }).n >= 2, { timeout: 15000 });
  assert.equal(proxy.requests('f-offline').length, 0);
  const due = (await queue(page))[0].t;
  await context.setOffline(false);
  await waitFor(() => recordsOf('f-offline').length === 1, { timeout: 15000, interval: 20 });
  assert.ok(Date.now() < due, `delivered ${Date.now() - due} ms after the backoff would have fired: the 'online' event should resend at once`);
  await assertDeliveredOnce(page, 'f-offline', id);
  await assertHostUntouched(page, problems);
  await context.close();
});

test('no response was stored twice, whatever the faults', () => {
  const ids = s.records().map((r) => r.id);
  assert.ok(ids.length >= 7);
  assert.equal(new Set(ids).size, ids.length);
});
