// The examples a newcomer runs, end to end under the strict CSP: each one shows
// its survey, and the answer lands in the collector's NDJSON file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();

// The examples post to localhost:8081 (the README's collector); send that to ours.
async function openExample(name) {
  const context = await browser.newContext();
  await context.route('http://localhost:8081/**', (route) => route.continue({ url: s.endpoint }));
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(`${s.web}/examples/${name}/`);
  return { context, page, problems };
}

async function answer(page, score) {
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
}

const one = (survey) => waitFor(() => s.records().filter((r) => r.survey === survey).length === 1, { timeout: 15000 });

test('examples/widget-popup: pop-up after a delay', async () => {
  const { context, page, problems } = await openExample('widget-popup');
  await page.getByRole('dialog', { name: /Acme Coffee/ }).waitFor({ timeout: 15000 });
  await answer(page, 9);
  await page.getByRole('link', { name: 'Leave us a review' }).waitFor();
  await one('acme-site-nps');
  assert.deepEqual(problems, []);
  await context.close();
});

test('examples/widget-checkout: post-purchase trigger, attributes, coupon', async () => {
  const { context, page, problems } = await openExample('widget-checkout');
  await page.getByRole('button', { name: /payment succeeded/ }).click();
  await page.getByRole('dialog').waitFor();
  await answer(page, 10);
  await page.getByText('THANKYOU10').waitFor();
  await one('post-purchase');
  const r = s.records().find((x) => x.survey === 'post-purchase');
  assert.equal(r.user_id, 'cust-1042');
  assert.deepEqual(r.attributes, { plan: 'Plus', country: 'DE', order_value: 84.5, touchpoint: 'checkout' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('examples/widget-inline: in-app element', async () => {
  const { context, page, problems } = await openExample('widget-inline');
  await page.getByRole('region').waitFor();
  await answer(page, 7);
  await one('in-app');
  assert.deepEqual(problems, []);
  await context.close();
});

test('examples/widget-spa: History API navigation and page views', async () => {
  const { context, page, problems } = await openExample('widget-spa');
  await page.getByRole('link', { name: 'Projects' }).click();
  await page.getByRole('link', { name: 'Done' }).click();
  await page.getByRole('dialog').waitFor();
  await answer(page, 8);
  await one('spa-nps');
  assert.equal(s.records().find((x) => x.survey === 'spa-nps').page, '/examples/widget-spa/done');
  assert.deepEqual(problems, []);
  await context.close();
});

test('examples/widget-npm: ES module import, survey on demand, no global', async () => {
  const { context, page, problems } = await openExample('widget-npm');
  await page.getByRole('button', { name: 'Rate us' }).click();
  await page.getByRole('dialog').waitFor();
  await answer(page, 6);
  await one('npm-demo');
  assert.equal(await page.evaluate(() => typeof window.npskit), 'undefined');
  assert.deepEqual(problems, []);
  await context.close();
});

test("examples/widget-delighted: Delighted's snippet, only its URL changed, into the collector", async () => {
  const { context, page, problems } = await openExample('widget-delighted');
  await page.getByRole('dialog', { name: /Acme Cloud/ }).waitFor({ timeout: 15000 });
  await answer(page, 6);
  await one('acme-cloud-nps');
  const r = s.records().find((x) => x.survey === 'acme-cloud-nps');
  assert.equal(r.user_id, 'jony@example.com');
  assert.deepEqual(r.attributes, { Plan: 'Team', Country: 'DE', Name: 'Jony Appleseed' });
  assert.deepEqual(problems, []);
  await context.close();
});
