// Never fails in silence (issue 13, section 1): a CSP whose connect-src names only
// the collector, a loader on another origin with and without CORS headers, config
// mistakes on the console (once, and silenced on request), a Prototype.js-style page.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events, harness, lastEvent, listen, pageUrl, root, waitEvent, waitFor, watchPage } from './helpers.mjs';
import { createStaticServer } from '../../scripts/serve.mjs';

const { s, browser } = harness();
const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);

// A context whose pages record unhandled rejections and uncaught errors from the start.
async function open() {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    window.__host = [];
    addEventListener('unhandledrejection', (e) => window.__host.push('rejection: ' + ((e.reason && e.reason.message) || e.reason)));
    addEventListener('error', (e) => window.__host.push('error: ' + e.message));
  });
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(m.type() + ': ' + m.text()));
  return { context, page, console, problems: watchPage(page) };
}

async function complete(page, score) {
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
}

test('connect-src names only the collector: core.wasm is blocked, the JS core takes over, the answer lands', async () => {
  const { context, page } = await open();
  const collector = new URL(s.endpoint).origin;
  await page.goto(pageUrl(s.web, { id: 'connect-only', endpoint: s.endpoint }, { connect: collector }));
  await complete(page, 8);
  await waitFor(() => recordsOf('connect-only').length === 1);
  assert.equal(recordsOf('connect-only')[0].score, 8);
  assert.deepEqual(await page.evaluate(() => npskit.validate({ id: 'fine' })), []);
  // The next page goes straight to the JS core: the failure was remembered.
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  await page.goto(pageUrl(s.web, { id: 'connect-only-2', frequency: { cooldownDays: 0 } }, { connect: collector }));
  await waitEvent(page, 'shown');
  assert.ok(seen.includes('/dist/widget/core-js.mjs'));
  assert.ok(!seen.includes('/dist/widget/core.wasm'));
  assert.deepEqual(await page.evaluate(() => window.__host), []);
  await context.close();
});

test('no core can load at all (JS core blocked too): the error event says so; nothing reaches the page', async () => {
  const { context, page } = await open();
  await context.route('**/dist/widget/core-*', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await context.route('**/dist/widget/core.wasm', (r) => r.fulfill({ status: 404, body: 'gone' }));
  await page.goto(pageUrl(s.web, { id: 'no-core' }));
  await waitEvent(page, 'error');
  const d = await lastEvent(page, 'error');
  assert.equal(d.survey, 'no-core');
  assert.match(d.errors[0].message, /core failed to load/);
  const v = await page.evaluate(() => npskit.validate({ id: 'x' }));
  assert.match(v[0].message, /core failed to load/);
  assert.deepEqual(await page.evaluate(() => window.__host), []);
  await context.close();
});

for (const cors of [false, true]) {
  test(`loader on another origin ${cors ? 'with' : 'without'} CORS headers: ${cors ? 'the survey shows' : 'an error event, no unhandled rejection'}`, async () => {
    const cdn = createStaticServer({ root, headers: () => (cors ? { 'Access-Control-Allow-Origin': '*' } : {}) });
    const port = await listen(cdn);
    const origin = `http://127.0.0.1:${port}`;
    const { context, page } = await open();
    await page.goto(pageUrl(s.web, { id: 'xo-' + cors, endpoint: s.endpoint },
      { page: 'xorigin', loader: origin + '/dist/widget/npskit.js', scripts: origin }));
    if (cors) {
      await complete(page, 10);
      await waitFor(() => recordsOf('xo-true').length === 1);
    } else {
      await waitEvent(page, 'error');
      const d = await lastEvent(page, 'error');
      assert.equal(d.survey, 'xo-false');
      assert.match(d.errors[0].message, /ui\.mjs.*Access-Control-Allow-Origin/);
      assert.match(String(await page.evaluate(() => npskit.validate({ id: 'x' }).then((v) => v[0].message))), /could not load/);
    }
    await page.waitForTimeout(300); // let any stray rejection surface
    assert.deepEqual(await page.evaluate(() => window.__host), []);
    cdn.closeAllConnections();
    await new Promise((r) => cdn.close(r));
    await context.close();
  });
}

test('config mistakes: on the console once with every field, besides the error event; console: false silences', async () => {
  const { context, page, console } = await open();
  const bad = { id: 'typo', sampelRate: 0.5, theme: { brand: 'blue' }, sampleFactor: 0.5 };
  await page.goto(pageUrl(s.web, [bad]));
  await waitEvent(page, 'error');
  // The same mistake reported again (a second init) prints nothing new.
  await page.evaluate((c) => npskit.init(c), bad);
  await waitFor(async () => (await events(page)).filter((t) => t === 'error').length === 2);
  const printed = console.filter((l) => l.startsWith('error: npskit'));
  assert.equal(printed.length, 1, printed.join('\n'));
  for (const f of ['sampelRate: is not a known field', 'theme.brand: must be a colour', 'sampleFactor:'])
    assert.ok(printed[0].includes(f), `${f} in ${printed[0]}`);
  assert.match(printed[0], /sampleFactor: .*sampleRate/, "Delighted's option name points to npskit's");
  await context.close();

  const quiet = await open();
  await quiet.page.goto(pageUrl(s.web, [{ ...bad, console: false }]));
  await waitEvent(quiet.page, 'error');
  assert.equal((await lastEvent(quiet.page, 'error')).errors.length, 3);
  assert.deepEqual(quiet.console.filter((l) => l.includes('npskit')), []);
  await quiet.context.close();
});

test('Prototype.js-style page (Array.prototype.toJSON, polluted Object.prototype): config read right, answer lands', async () => {
  const { context, page, problems } = await open();
  const config = { id: 'proto', endpoint: s.endpoint, triggers: [{ type: 'delay', seconds: 0 }],
    url: [{ match: 'contains', value: 'prototype' }], attributes: { plan: 'Pro' } };
  await page.goto(pageUrl(s.web, config, { page: 'prototype', user: 'u1', attrs: JSON.stringify({ tier: 'gold' }) }));
  await complete(page, 9);
  await waitFor(() => recordsOf('proto').length === 1);
  const r = recordsOf('proto')[0];
  assert.deepEqual(r.attributes, { plan: 'Pro', tier: 'gold' });
  assert.equal(r.user_id, 'u1');
  assert.deepEqual(problems, []);
  assert.deepEqual(await page.evaluate(() => window.__host), []);
  await context.close();
});

test('single-file build from another origin without CORS headers: the survey shows, nothing else is fetched', async () => {
  const cdn = createStaticServer({ root });
  const origin = `http://127.0.0.1:${await listen(cdn)}`;
  const { context, page } = await open();
  const seen = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.goto(pageUrl(s.web, { id: 'standalone', endpoint: s.endpoint },
    { page: 'xorigin', loader: origin + '/dist/widget/npskit-standalone.js', scripts: origin, csp: 'nowasm' }));
  await complete(page, 7);
  await waitFor(() => recordsOf('standalone').length === 1);
  assert.deepEqual(seen.filter((u) => u.includes('/dist/widget/')), [origin + '/dist/widget/npskit-standalone.js']);
  assert.deepEqual(await page.evaluate(() => window.__host), []);
  cdn.closeAllConnections();
  await new Promise((r) => cdn.close(r));
  await context.close();
});
