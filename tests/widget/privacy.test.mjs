// Privacy at rest, in real Chromium: what the widget leaves in localStorage,
// sessionStorage and IndexedDB while it delivers an answer (comment, contact
// e-mail, user id, attributes), after delivery, after the queue's expiry and
// after npskit.forget(). Every Web Storage write and IndexedDB open of the page
// is logged by an init script, so "never written" is checked, not only "gone now".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, lastEvent, pageUrl, startFaultProxy, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();
const DAY = 24 * 60 * 60 * 1000;
const secrets = { comment: 'PRIVATE-COMMENT-7f3a', email: 'secret.person@example.com', user: 'USER-SECRET-42', attr: 'ATTR-SECRET-9' };
const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);

async function open() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    // Logs every write the page's scripts make to Web Storage and IndexedDB.
    window.__writes = [];
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k, v) {
      window.__writes.push({ area: this === window.localStorage ? 'local' : 'session', key: String(k), value: String(v) });
      return setItem.call(this, k, v);
    };
    const idbOpen = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (name) {
      window.__writes.push({ area: 'indexedDB', key: String(name), value: '' });
      return idbOpen.apply(this, arguments);
    };
  });
  const page = await context.newPage();
  return { context, page, problems: watchPage(page) };
}

const url = (id, extra = {}) =>
  pageUrl(s.web, { id, endpoint: s.endpoint, detractorContact: true, frequency: { cooldownDays: 0 } },
    { user: secrets.user, attrs: JSON.stringify({ plan: secrets.attr }), ...extra });

// Everything at rest for this origin: both storage areas and the IndexedDB names.
const atRest = (page) =>
  page.evaluate(async () => {
    const dump = (st) => {
      const out = {};
      for (let i = 0; i < st.length; i++) out[st.key(i)] = st.getItem(st.key(i));
      return out;
    };
    return { local: dump(localStorage), session: dump(sessionStorage), idb: (await indexedDB.databases()).map((d) => d.name) };
  });
const writes = (page) => page.evaluate(() => window.__writes);
const mentionsSecret = (text) => Object.values(secrets).some((v) => String(text).includes(v));
const secretKeys = (rest) => [...Object.entries(rest.local), ...Object.entries(rest.session)].filter(([, v]) => mentionsSecret(v)).map(([k]) => k);
const queue = async (page) => JSON.parse((await atRest(page)).local['npskit:queue'] || '[]');

// A detractor's answer with every private field: comment, consent + e-mail (the
// user id and attributes come from identify() on the test page).
async function answer(page) {
  await page.getByRole('radio', { name: '2 out of 10' }).click();
  await page.getByRole('textbox').first().fill(secrets.comment);
  await page.getByRole('checkbox').check();
  await page.getByRole('textbox').nth(1).fill(secrets.email);
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  const { response } = await lastEvent(page, 'completed');
  // The answer really carries every private field (else the checks below prove nothing).
  assert.equal(response.comment, secrets.comment);
  assert.equal(response.contact_email, secrets.email);
  assert.equal(response.user_id, secrets.user);
  assert.equal(response.attributes.plan, secrets.attr);
  return response;
}

test('delivered at once: the answer is never written to localStorage, sessionStorage or IndexedDB', async () => {
  const { context, page, problems } = await open();
  await page.goto(url('priv-now'));
  s.collector.holding = true; // the request stays in flight until released
  const response = await answer(page);
  await waitFor(() => s.collector.heldCount() >= 1);
  // During delivery: held in memory only.
  let rest = await atRest(page);
  assert.deepEqual(secretKeys(rest), [], 'nothing private at rest while the request is in flight');
  assert.equal(rest.local['npskit:queue'], undefined);
  s.collector.release();
  await waitFor(() => recordsOf('priv-now').length === 1);
  assert.equal(recordsOf('priv-now')[0].id, response.id);
  // After delivery: nothing private at rest, and no write ever carried it.
  rest = await atRest(page);
  assert.deepEqual(secretKeys(rest), []);
  assert.deepEqual(rest.idb, []);
  const log = await writes(page);
  assert.deepEqual(log.filter((w) => mentionsSecret(w.value) || w.key === 'npskit:queue' || w.area === 'indexedDB'), []);
  // Control: the log does see the widget's writes (its survey history).
  assert.ok(log.some((w) => w.key === 'npskit:h:priv-now'), 'the write log works');
  assert.deepEqual(problems, []);
  await context.close();
});

test('undelivered: only the delivery fields, only in the queue, removed once delivered', async () => {
  const { context, page } = await open();
  await s.stopCollector();
  try {
    await page.goto(url('priv-later'));
    const response = await answer(page);
    await waitFor(async () => (await queue(page)).length === 1);
    const rest = await atRest(page);
    // What is stored: the payload to send and its schedule, nothing else.
    const [item] = await queue(page);
    assert.deepEqual(Object.keys(item).sort(), ['e', 'n', 'p', 't', 'w']);
    assert.deepEqual(item.p, response);
    assert.equal(item.e, s.endpoint);
    assert.deepEqual(secretKeys(rest), ['npskit:queue'], 'the queue is the only place holding private fields');
    assert.deepEqual(rest.session, Object.fromEntries(Object.entries(rest.session).filter(([k]) => k.startsWith('npskit:'))));
    assert.deepEqual(rest.idb, []);
  } finally {
    await s.restartCollector();
  }
  await waitFor(() => recordsOf('priv-later').length === 1, { timeout: 20000 });
  await waitFor(async () => (await atRest(page)).local['npskit:queue'] === undefined, { timeout: 10000 });
  assert.deepEqual(secretKeys(await atRest(page)), [], 'nothing private left once delivered');
  await context.close();
});

test('a page hidden or closed mid-send stores the answer (its fate is unknown), then removes it when delivered', async () => {
  const { context, page } = await open();
  await page.goto(url('priv-hidden'));
  s.collector.holding = true;
  try {
    await answer(page);
    await waitFor(() => s.collector.heldCount() >= 1);
    assert.equal((await queue(page)).length, 0);
    // The tab goes to the background (a mobile browser may discard it without a pagehide).
    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true })); // as the browser fires it
    });
    assert.equal((await queue(page)).length, 1, 'stored while hidden mid-send');
  } finally {
    s.collector.release();
  }
  await waitFor(() => recordsOf('priv-hidden').length === 1);
  await waitFor(async () => (await atRest(page)).local['npskit:queue'] === undefined);
  await context.close();
});

// An answer left undelivered (collector down) in a closed page; the visitor comes
// back `days` later with the collector up. Returns what was at rest and stored then.
async function comeBackAfter(days, survey) {
  const { context, page } = await open();
  await s.stopCollector();
  try {
    await page.goto(url(survey));
    await answer(page);
    await waitFor(async () => (await queue(page)).length === 1);
    await page.close();
  } finally {
    await s.restartCollector();
  }
  const later = await context.newPage();
  await later.clock.setSystemTime(Date.now() + days * DAY);
  await later.goto(pageUrl(s.web, [])); // no survey on this page: only the loader's queue check
  const kept = days < 7;
  if (kept) await waitFor(() => recordsOf(survey).length === 1, { timeout: 20000 });
  await waitFor(async () => (await atRest(later)).local['npskit:queue'] === undefined, { timeout: 20000 });
  const rest = await atRest(later);
  const error = await lastEvent(later, 'error');
  await context.close();
  return { rest, records: recordsOf(survey), error };
}

test('expiry: an answer still undelivered 7 days after it was given is removed unsent', async () => {
  const late = await comeBackAfter(8, 'priv-expired');
  assert.deepEqual(late.records, [], 'expired: never sent');
  assert.deepEqual(secretKeys(late.rest), [], 'expired: gone from storage');
  assert.match(late.error.errors[0].message, /^1 undelivered response\(s\) older than 7 days .*dropped unsent/, 'said, not silent');
  // Control: the same answer 6 days later is still delivered (so the one above was dropped by age).
  const early = await comeBackAfter(6, 'priv-young');
  assert.equal(early.records.length, 1);
  assert.deepEqual(secretKeys(early.rest), []);
  assert.equal(early.error, null);
});

test('npskit.forget() clears everything the widget stored (queue included) and nothing of the site', async () => {
  const { context, page, problems } = await open();
  await s.stopCollector();
  try {
    await page.goto(url('priv-forget'));
    await page.evaluate(() => {
      localStorage.setItem('site:cart', '3 items');
      sessionStorage.setItem('site:tab', 'x');
    });
    await answer(page);
    await waitFor(async () => (await queue(page)).length === 1);
    const before = await atRest(page);
    const keys = (rest) => [...Object.keys(rest.local), ...Object.keys(rest.session)].filter((k) => k.startsWith('npskit:')).sort();
    assert.ok(keys(before).includes('npskit:h:priv-forget') && keys(before).includes('npskit:pv'), `the widget stored: ${keys(before)}`);
    await page.evaluate(() => npskit.forget());
    const after = await atRest(page);
    assert.deepEqual(keys(after), []);
    assert.deepEqual(after.idb, []);
    assert.equal(after.local['site:cart'], '3 items', "the site's own keys stay");
    assert.equal(after.session['site:tab'], 'x');
    // Not held in memory either: leaving the page (pagehide stores what is still
    // undelivered) stores nothing, and nothing is sent later.
    await page.reload();
    assert.equal((await atRest(page)).local['npskit:queue'], undefined, 'nothing came back from memory at pagehide');
  } finally {
    await s.restartCollector();
  }
  await page.reload();
  await page.waitForLoadState('load');
  assert.equal((await atRest(page)).local['npskit:queue'], undefined);
  assert.deepEqual(recordsOf('priv-forget'), []);
  assert.deepEqual(problems.filter((p) => !/Failed to load resource|ERR_CONNECTION_REFUSED/.test(p)), []);
  await context.close();
});

test('a response the collector refuses (4xx) leaves storage at once and is reported, not dropped in silence', async () => {
  const proxy = await startFaultProxy(() => s.endpoint);
  const { context, page } = await open();
  try {
    proxy.plan('priv-refused', [500, 403]); // first a retryable failure (so it is stored), then a refusal
    await page.goto(pageUrl(s.web, { id: 'priv-refused', endpoint: proxy.endpoint, detractorContact: true },
      { user: secrets.user, attrs: JSON.stringify({ plan: secrets.attr }) }));
    await answer(page);
    await waitFor(() => proxy.requests('priv-refused').length === 2, { timeout: 15000 });
    await waitFor(async () => (await atRest(page)).local['npskit:queue'] === undefined);
    assert.deepEqual(secretKeys(await atRest(page)), []);
    const error = await waitFor(() => lastEvent(page, 'error'));
    assert.match(error.errors[0].message, /collector refused a response of survey "priv-refused" \(HTTP 403\); it is not sent again/);
    assert.deepEqual(recordsOf('priv-refused'), []);
  } finally {
    await context.close();
    await proxy.close();
  }
});
