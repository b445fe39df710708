// The survey rules as a visitor meets them: fatigue with a controllable clock,
// one survey across two tabs, sticky sampling, and each trigger type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events, harness, lastEvent, pageUrl, waitEvent, waitFor } from './helpers.mjs';

const { s, browser } = harness();

const DAY = 86400000;
const T0 = Date.parse('2025-03-01T10:00:00Z');

// Loads the page at a given (fake, fixed) time and waits until the widget has
// decided: shown, or skipped with a reason.
async function visit(page, config, at) {
  await page.clock.setFixedTime(at);
  await page.goto(pageUrl(s.web, config));
  await waitFor(async () => {
    const e = await events(page);
    return e.includes('shown') || e.includes('skipped');
  });
  const e = await events(page);
  return e.includes('shown') ? 'shown' : (await lastEvent(page, 'skipped')).reason;
}

async function dismiss(page) {
  await page.getByRole('button', { name: 'Close' }).click();
  await waitEvent(page, 'dismissed');
}

async function answer(page) {
  await page.getByRole('radio', { name: '8 out of 10' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await waitEvent(page, 'completed');
}

test('fatigue: dismissal period, recontact period, then shown again', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cfg = { id: 'fatigue', frequency: { dismissDays: 30, recontactDays: 90, cooldownDays: 7, maxImpressions: 5 } };
  assert.equal(await visit(page, cfg, T0), 'shown');
  await dismiss(page);
  assert.equal(await visit(page, cfg, T0 + 1 * DAY), 'dismissed');
  assert.equal(await visit(page, cfg, T0 + 29 * DAY), 'dismissed');
  assert.equal(await visit(page, cfg, T0 + 31 * DAY), 'shown');
  await answer(page);
  assert.equal(await visit(page, cfg, T0 + 32 * DAY), 'responded');
  assert.equal(await visit(page, cfg, T0 + 120 * DAY), 'responded');
  assert.equal(await visit(page, cfg, T0 + 122 * DAY), 'shown');
  await context.close();
});

test('fatigue: maximum impressions without an answer', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cfg = { id: 'impressions', frequency: { maxImpressions: 2 } };
  assert.equal(await visit(page, cfg, T0), 'shown'); // ignored: the visitor navigates on
  assert.equal(await visit(page, cfg, T0 + 1000), 'shown');
  assert.equal(await visit(page, cfg, T0 + 2000), 'impressions');
  await context.close();
});

test('fatigue: a global cooldown across surveys', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  assert.equal(await visit(page, { id: 'cool-a', frequency: { cooldownDays: 7 } }, T0), 'shown');
  await answer(page);
  assert.equal(await visit(page, { id: 'cool-b', frequency: { cooldownDays: 7 } }, T0 + 3 * DAY), 'cooldown');
  assert.equal(await visit(page, { id: 'cool-b', frequency: { cooldownDays: 7 } }, T0 + 8 * DAY), 'shown');
  await context.close();
});

test('two tabs: only one shows a survey', async () => {
  const context = await browser.newContext();
  const one = await context.newPage();
  const two = await context.newPage();
  assert.equal(await visit(one, { id: 'tabs-a' }, T0), 'shown');
  assert.equal(await visit(two, { id: 'tabs-b' }, T0), 'tab');
  assert.equal((await events(two)).includes('shown'), false);
  await context.close();
});

test('sticky sampling: the same visitor gets the same answer every time', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cfg = { id: 'sample', sampleRate: 0.5, frequency: { maxImpressions: 100, cooldownDays: 0 } };
  const first = await visit(page, cfg, T0);
  for (let i = 1; i < 4; i++) assert.equal(await visit(page, cfg, T0 + i * 1000), first);
  // Out-of-sample anonymous ids are out for good; the id lives in storage.
  const anon = await page.evaluate(() => localStorage.getItem('npskit:anon'));
  assert.match(anon, /^"[0-9a-f]{32}"$/);
  await context.close();
});

test('triggers: custom event (post-purchase) loads nothing until it fires', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'purchase', triggers: [{ type: 'event', name: 'purchase_completed' }] }));
  await page.waitForLoadState('load');
  const loaded = () => page.evaluate(() => performance.getEntriesByType('resource').some((r) => r.name.includes('/ui.mjs')));
  assert.equal(await loaded(), false, 'the UI chunk and core are not fetched before a trigger');
  await page.click('#buy'); // the page calls npskit('track', 'purchase_completed')
  await waitEvent(page, 'shown');
  assert.equal(await loaded(), true);
  await context.close();
});

test('triggers: click on a CSS selector', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'click', triggers: [{ type: 'click', selector: '#buy' }] }));
  await page.click('#buy');
  await waitEvent(page, 'shown');
  await context.close();
});

test('triggers: scroll depth', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'scroll', triggers: [{ type: 'scroll', percent: 60 }], frequency: { cooldownDays: 0 } }));
  await page.waitForLoadState('load');
  assert.equal((await events(page)).includes('shown'), false);
  await page.mouse.wheel(0, 5000);
  await waitEvent(page, 'shown');
  await context.close();
});

test('triggers: delay (minimum time on page)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();

  await page.goto(pageUrl(s.web, { id: 'delay', triggers: [{ type: 'delay', seconds: 1 }], frequency: { cooldownDays: 0 } }));
  await waitEvent(page, 'shown');
  await context.close();
});

test('triggers: page-view count', async () => {
  const context = await browser.newContext();
  const views = { id: 'views', triggers: [{ type: 'pageViews', count: 2 }], frequency: { cooldownDays: 0 } };
  const fresh = await context.newPage(); // a new tab: a new session count
  await fresh.goto(pageUrl(s.web, views));
  await fresh.waitForLoadState('load');
  assert.equal((await events(fresh)).includes('shown'), false);
  await fresh.reload();
  await waitEvent(fresh, 'shown');
  await context.close();
});

test('triggers: exit intent', async () => {
  const context = await browser.newContext();

  const exit = await context.newPage();
  await exit.goto(pageUrl(s.web, { id: 'exit', triggers: [{ type: 'exitIntent' }], frequency: { cooldownDays: 0 } }));
  await exit.waitForLoadState('load');
  await exit.mouse.move(400, 200);
  await exit.mouse.move(400, -5, { steps: 4 }); // leaves through the top edge
  await waitEvent(exit, 'shown');
  await context.close();
});

test('URL rules (contains, exact, regex, not) and SPA navigation', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cfg = { id: 'spa', url: [{ match: 'contains', value: '/thanks' }, { match: 'regex', value: 'order=\\d+' },
    { match: 'exact', value: '/tests/widget/pages/cart', not: true }] };
  await page.goto(pageUrl(s.web, cfg));
  await waitEvent(page, 'skipped');
  assert.equal((await lastEvent(page, 'skipped')).reason, 'url');
  await page.evaluate(() => history.pushState({}, '', '/tests/widget/pages/cart?order=1'));
  await page.evaluate(() => history.pushState({}, '', '/tests/widget/pages/thanks?order=12'));
  await waitEvent(page, 'shown');
  assert.equal((await lastEvent(page, 'shown')).survey, 'spa');
  await context.close();
});
