// Full survey flows per placement in real Chromium, delivered to a real collector:
// pop-up in four corners, modal with keyboard only, inline element, launcher tab.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, events, focused, harness, lastEvent, pageUrl, waitEvent, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();

async function open(config, { query = {}, viewport = { width: 1000, height: 700 }, reducedMotion } = {}) {
  const context = await browser.newContext({ viewport, reducedMotion });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(pageUrl(s.web, config, query));
  return { context, page, problems };
}

const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);

test('pop-up: mouse flow from score to thank-you reaches the collector once', async () => {
  const { context, page, problems } = await open({ id: 'flow-popup', product: 'Acme', endpoint: s.endpoint,
    promoterAction: { type: 'link', url: 'https://reviews.example/acme', label: 'Review Acme' },
    attributes: { touchpoint: 'web' } }, { query: { user: 'cust-7', attrs: JSON.stringify({ plan: 'Pro', country: 'DE' }) } });
  const dialog = page.getByRole('dialog', { name: /recommend Acme/ });
  await dialog.waitFor();
  // A corner pop-up does not steal focus from the page.
  assert.equal(await focused(page), null);
  await page.getByRole('radio', { name: '10 out of 10' }).click();
  await page.getByRole('textbox', { name: 'What do you like most about Acme?' }).fill('Fast delivery');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you for your feedback!' }).waitFor();
  const link = page.getByRole('link', { name: 'Review Acme' });
  assert.equal(await link.getAttribute('href'), 'https://reviews.example/acme');
  assert.equal(await link.getAttribute('rel'), 'noopener noreferrer');
  await waitFor(() => recordsOf('flow-popup').length === 1);
  const [r] = recordsOf('flow-popup');
  assert.equal(r.score, 10);
  assert.equal(r.category, 'promoter');
  assert.equal(r.comment, 'Fast delivery');
  assert.equal(r.user_id, 'cust-7');
  assert.deepEqual(r.attributes, { touchpoint: 'web', plan: 'Pro', country: 'DE' });
  assert.match(r.id, /^flow-popup:[0-9a-z]+:[0-9a-f]{16}$/);
  assert.deepEqual(await events(page), ['shown', 'answered', 'completed']);
  assert.deepEqual(await lastEvent(page, 'answered'), { survey: 'flow-popup', score: 10, category: 'promoter' });
  assert.deepEqual(problems, []);
  await context.close();
});

test('pop-up sits in each of the four corners', async () => {
  for (const position of ['bottom-right', 'bottom-left', 'top-right', 'top-left']) {
    // Reduced motion: no entrance animation, so the box is final at once.
    const { context, page } = await open({ id: 'corner-' + position, position }, { reducedMotion: 'reduce' });
    const box = await page.getByRole('dialog').boundingBox();
    const [v, h] = position.split('-');
    if (v === 'bottom') assert.ok(Math.abs(700 - (box.y + box.height) - 16) <= 1, position);
    else assert.ok(Math.abs(box.y - 16) <= 1, position);
    if (h === 'right') assert.ok(Math.abs(1000 - (box.x + box.width) - 16) <= 1, position);
    else assert.ok(Math.abs(box.x - 16) <= 1, position);
    await context.close();
  }
});

test('modal: keyboard-only completion, focus trapped, roving tabindex', async () => {
  const { context, page, problems } = await open({ id: 'flow-modal', placement: 'modal', product: 'Acme', endpoint: s.endpoint,
    detractorContact: true });
  await page.getByRole('dialog').waitFor();
  await waitFor(async () => (await focused(page)) === '0 out of 10'); // a modal takes focus
  // One tab stop for the whole scale: Tab leaves the group (to the close button, wrapping inside the modal).
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  assert.equal(await focused(page), '3 out of 10');
  assert.equal(await page.getByRole('radio', { name: '3 out of 10' }).getAttribute('aria-checked'), 'true');
  assert.equal(await page.getByRole('radio', { name: '3 out of 10' }).getAttribute('tabindex'), '0');
  assert.equal(await page.getByRole('radio', { name: '4 out of 10' }).getAttribute('tabindex'), '-1');
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'Close');
  await page.keyboard.press('Tab'); // wraps to the scale: focus stays in the modal
  assert.equal(await focused(page), '3 out of 10');
  await page.keyboard.press('Enter');
  await waitFor(async () => (await focused(page)) === 'textarea');
  await page.keyboard.type('Slow checkout');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Space'); // consent checkbox
  await page.keyboard.press('Tab');
  await page.keyboard.type('not-an-email');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'valid email' }).waitFor();
  assert.equal(await focused(page), 'input:email');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('ana@example.com');
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  await waitFor(() => recordsOf('flow-modal').length === 1);
  const [r] = recordsOf('flow-modal');
  assert.equal(r.score, 3);
  assert.equal(r.category, 'detractor');
  assert.equal(r.comment, 'Slow checkout');
  assert.equal(r.contact_email, 'ana@example.com');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.getByRole('dialog').count()) === 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('Escape dismisses before a score: nothing is sent, the dismissal is remembered', async () => {
  const { context, page } = await open({ id: 'flow-escape', placement: 'modal', endpoint: s.endpoint });
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await waitEvent(page, 'dismissed');
  assert.equal(await page.getByRole('dialog').count(), 0);
  await page.reload();
  await waitEvent(page, 'skipped');
  assert.equal((await lastEvent(page, 'skipped')).reason, 'dismissed');
  assert.equal(recordsOf('flow-escape').length, 0);
  await context.close();
});

test('inline <npskit-survey>: renders in place, no layout shift, no close button', async () => {
  const { context, page, problems } = await open({ id: 'inline-test', placement: 'inline', product: 'the app', endpoint: s.endpoint });
  const region = page.getByRole('region', { name: /recommend the app/ });
  await region.waitFor();
  assert.equal(await page.getByRole('button', { name: 'Close' }).count(), 0);
  const before = await page.locator('.tall').boundingBox();
  await page.getByRole('radio', { name: '8 out of 10' }).click();
  await page.getByRole('textbox').fill('More integrations');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  const afterBox = await page.locator('.tall').boundingBox();
  assert.deepEqual(afterBox, before, 'content below the survey did not move');
  assert.equal(await page.evaluate(() => window.__shifts), 0, 'no layout-shift entries');
  await waitFor(() => recordsOf('inline-test').length === 1);
  assert.equal(recordsOf('inline-test')[0].category, 'passive');
  await page.screenshot({ path: path.join(artifacts, 'inline.png') });
  assert.deepEqual(problems, []);
  await context.close();
});

test('inline into a container by selector (target)', async () => {
  const { context, page } = await open({ id: 'inline-target', placement: 'inline', target: '#slot' });
  await page.locator('#slot npskit-survey').getByRole('radiogroup').waitFor();
  await context.close();
});

test('launcher tab stays visible, opens the survey, returns focus on close', async () => {
  const { context, page, problems } = await open({ id: 'flow-launcher', placement: 'launcher', endpoint: s.endpoint });
  const tab = page.getByRole('button', { name: 'Give feedback' });
  await tab.waitFor();
  assert.equal(await page.getByRole('dialog').count(), 0, 'nothing opens by itself');
  await tab.click();
  await page.getByRole('dialog').waitFor();
  assert.equal(await focused(page), '0 out of 10', 'opened on request: focus moves in');
  await page.keyboard.press('Escape');
  await waitFor(async () => (await page.getByRole('dialog').count()) === 0);
  assert.equal(await focused(page), 'Give feedback');
  await tab.click();
  await page.getByRole('radio', { name: '9 out of 10' }).click();
  await page.getByRole('button', { name: 'Skip' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  assert.ok(await tab.isVisible());
  await waitFor(() => recordsOf('flow-launcher').length === 1);
  assert.deepEqual(problems, []);
  await context.close();
});

test('callbacks and npskit.on() fire with the DOM events; onResponse gets the payload', async () => {
  const { context, page } = await open([]);
  await page.evaluate(() => {
    window.__calls = [];
    npskit.on('shown', (d) => window.__calls.push('on:shown:' + d.survey));
    npskit('init', { id: 'cb', onShown: () => window.__calls.push('onShown'), onAnswered: (d) => window.__calls.push('onAnswered:' + d.score),
      onCompleted: () => window.__calls.push('onCompleted'), onResponse: (p) => window.__calls.push('onResponse:' + p.score + ':' + p.survey),
      followUp: false });
  });
  await page.getByRole('radio', { name: '6 out of 10' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__calls),
    ['onShown', 'on:shown:cb', 'onAnswered:6', 'onResponse:6:cb', 'onCompleted']);
  await context.close();
});

test('an invalid configuration is reported with every bad field, never thrown', async () => {
  const { context, page, problems } = await open({ id: 'bad', placement: 'sidebar', sampleRate: 2, triggers: [{ type: 'delay', seconds: -1 }] });
  await waitEvent(page, 'error');
  const { errors } = await lastEvent(page, 'error');
  assert.deepEqual(errors.map((e) => e.field).sort(), ['placement', 'sampleRate', 'triggers[0].seconds']);
  assert.deepEqual(await page.evaluate(() => npskit.validate({ id: 'ok' })), []);
  // The site owner also sees it on the console, once, with every field (silent.test.mjs covers more).
  assert.equal(problems.length, 1);
  for (const f of ['placement', 'sampleRate', 'triggers[0].seconds']) assert.ok(problems[0].includes(f + ':'), problems[0]);
  await context.close();
});

test('locales: from config, from the page lang; strings override; {product} filled', async () => {
  const de = await open({ id: 'i18n-de', locale: 'de', product: 'Acme' });
  await de.page.getByRole('radiogroup', { name: 'Wie wahrscheinlich ist es, dass Sie Acme einem Freund oder Kollegen empfehlen?' }).waitFor();
  assert.ok(await de.page.getByRole('radio', { name: '7 von 10' }).isVisible());
  await de.context.close();
  // No locale in the config: the page's <html lang="en"> wins over the browser's fr-FR.
  const context = await browser.newContext({ locale: 'fr-FR' });
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'i18n-auto', product: 'Acme', strings: { low: 'Never', high: 'Absolutely' } }));
  await page.getByRole('radiogroup', { name: /recommend Acme/ }).waitFor();
  assert.ok(await page.getByText('Never').first().isVisible());
  assert.ok(await page.getByText('Absolutely').first().isVisible());
  await context.close();
  // Without a product name the site's host name is used.
  const host = await open({ id: 'i18n-host' });
  await host.page.getByRole('radiogroup', { name: /recommend 127\.0\.0\.1 to a friend/ }).waitFor();
  await host.context.close();
});
