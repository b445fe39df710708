// The Delighted drop-in (issue 13, section 3): Delighted's snippet with only its
// script URL changed keeps its delighted.survey({...}) call; options are mapped or
// reported; properties arrive as attributes named like Delighted's export columns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness, lastEvent, waitEvent, waitFor, watchPage } from './helpers.mjs';
import { translate } from '../../widget/src/delighted.js';

const { s, browser } = harness();

const open = async (snippet, params) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const console = [];
  page.on('console', (m) => console.push(m.type() + ': ' + m.text()));
  const dl = '/dist/widget/delighted.js?' + new URLSearchParams(params);
  await page.goto(`${s.web}/tests/widget/pages/delighted.html?` + new URLSearchParams({ snippet: JSON.stringify(snippet), dl }));
  return { context, page, console, problems: watchPage(page) };
};

test("Delighted's snippet end to end: the answer lands in the collector with its properties, email as user id", async () => {
  const { context, page, problems } = await open({
    email: 'ana@example.com', name: 'Ana', createdAt: '2020-01-01T00:00:00Z', initialDelay: 86400,
    properties: { Plan: 'Pro', Country: 'DE', questionProductName: 'Acme Cloud' },
    minTimeOnPage: 0, sampleFactor: 1, recurringPeriod: 7776000,
  }, { endpoint: s.endpoint, survey: 'dl-e2e' });
  await page.getByRole('radiogroup', { name: /recommend Acme Cloud/ }).waitFor();
  await page.getByRole('radio', { name: '9 out of 10' }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await waitFor(() => s.records().some((r) => r.survey === 'dl-e2e'));
  const r = s.records().find((x) => x.survey === 'dl-e2e');
  assert.equal(r.score, 9);
  assert.equal(r.user_id, 'ana@example.com');
  assert.deepEqual(r.attributes, { Plan: 'Pro', Country: 'DE', Name: 'Ana' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('an unsupported Delighted option is reported (console + error event); the survey still runs', async () => {
  const { context, page, console } = await open({ email: 'b@example.com', onShow: 'x', forceDisplayToAnonymous: true },
    { endpoint: s.endpoint, survey: 'dl-unsupported' });
  await waitEvent(page, 'error');
  const d = await lastEvent(page, 'error');
  assert.deepEqual(d.errors.map((e) => e.field).sort(), ['forceDisplayToAnonymous', 'onShow']);
  assert.equal(console.filter((l) => l.includes('not support')).length, 1);
  await waitEvent(page, 'shown');
  await context.close();
});

test('a customer newer than initialDelay is not asked; forceDisplay shows despite sampling', async () => {
  const young = await open({ createdAt: new Date().toISOString(), initialDelay: 86400 * 30 }, { survey: 'dl-young' });
  await young.page.waitForTimeout(1500);
  assert.equal(await young.page.evaluate(() => !!document.querySelector('npskit-popup')), false);
  await young.context.close();
  const forced = await open({ forceDisplay: true, sampleFactor: 0 }, { survey: 'dl-forced' });
  await waitEvent(forced.page, 'shown');
  await forced.context.close();
});

test('option mapping (computed by hand from Delighted\'s documented units)', () => {
  const now = Date.parse('2026-07-01T00:00:00Z');
  const t = translate({ sampleFactor: 0.25, recurringPeriod: 86400 * 45, minTimeOnPage: 12, locale: 'de',
    createdAt: '2026-06-30T00:00:00Z', initialDelay: 2 * 86400, properties: { Plan: 'Team', locale: 'fr' } }, { endpoint: '/r' }, now);
  assert.equal(t.config.sampleRate, 0.25);
  assert.equal(t.config.frequency.recontactDays, 45);
  assert.deepEqual(t.config.triggers, [{ type: 'delay', seconds: 12 }]);
  assert.equal(t.config.locale, 'de'); // the top-level option wins over properties.locale
  assert.equal(t.wait, 86400 * 1000); // created a day ago, asked from day two
  assert.deepEqual(t.config.attributes, { Plan: 'Team' });
  assert.deepEqual(translate({ recurringPeriod: false }, {}, now).config.frequency.recontactDays, 3650);
  assert.equal(translate({ createdAt: 'yesterday' }, {}, now).errors[0].field, 'createdAt');
});
