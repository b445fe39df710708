// Wins on every host page (issue 13, section 2): the top layer beats a cookie bar
// at the highest z-index; show() takes focus; an automatic pop-up is announced
// once; Escape works with focus elsewhere; a capped or sampled-out visitor's page
// views fetch nothing and create no frame.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { events, harness, lastEvent, pageUrl, waitEvent, waitFor, focused } from './helpers.mjs';

const { s, browser } = harness();
const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);

test('a cookie bar at z-index 2147483647 covering the corner: Send and Skip stay on top and clickable', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'cookie', endpoint: s.endpoint }, { page: 'cookiebar' }));
  await page.getByRole('radio', { name: '3 out of 10' }).click(); // playwright refuses to click a covered element
  const send = page.getByRole('button', { name: 'Send' });
  await send.waitFor();
  // What is really on top at the button's centre is the widget's host, not the bar.
  const box = await send.boundingBox();
  const top = await page.evaluate(([x, y]) => document.elementFromPoint(x, y).tagName, [box.x + box.width / 2, box.y + box.height / 2]);
  assert.equal(top, 'NPSKIT-POPUP');
  assert.ok(await page.evaluate(() => document.querySelector('npskit-popup').matches(':popover-open')));
  await send.click();
  await waitFor(() => recordsOf('cookie').length === 1);
  // The page's own cookie bar still takes clicks around the survey (the layer is click-through).
  assert.equal(await page.evaluate(() => document.elementFromPoint(5, 595).id), 'cookiebar');
  await context.close();
});

test('without popover support the survey still sits above the page (fixed layer, highest z-index)', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  await context.addInitScript(() => { delete HTMLElement.prototype.showPopover; });
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'no-popover', endpoint: s.endpoint }));
  await page.getByRole('radio', { name: '10 out of 10' }).click();
  assert.equal(await page.evaluate(() => document.querySelector('npskit-popup').hasAttribute('popover')), false);
  await page.getByRole('button', { name: 'Send' }).click();
  await waitFor(() => recordsOf('no-popover').length === 1);
  await context.close();
});

test('show() moves focus into the survey; an automatic pop-up keeps focus where it was and is announced once', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, [{ id: 'manual', triggers: [{ type: 'event', name: 'never' }] }]));
  await page.focus('#buy'); // the site's own "Give feedback" button, say
  await page.evaluate(() => npskit.show('manual'));
  await waitEvent(page, 'shown');
  await waitFor(async () => (await focused(page)) === '0 out of 10');
  const live = () => page.evaluate(() => document.querySelector('npskit-popup').shadowRoot.querySelector('.sr').textContent);
  await page.waitForTimeout(300);
  assert.equal(await live(), '', 'a focused dialog is announced by the screen reader itself');
  await page.keyboard.press('Escape');
  await waitEvent(page, 'dismissed');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'buy', 'focus returns where it was');
  await context.close();

  const auto = await browser.newContext();
  const p2 = await auto.newPage();
  await p2.goto(pageUrl(s.web, { id: 'auto', product: 'Acme' }));
  await waitEvent(p2, 'shown');
  assert.equal(await p2.evaluate(() => document.activeElement.tagName), 'BODY');
  await waitFor(async () => (await p2.evaluate(() => document.querySelector('npskit-popup').shadowRoot.querySelector('.sr').textContent)) !== '');
  const regions = await p2.evaluate(() => {
    const r = document.querySelector('npskit-popup').shadowRoot.querySelectorAll('[aria-live]');
    const out = [];
    for (const el of r) if (el.textContent) out.push(el.textContent);
    return out;
  });
  assert.deepEqual(regions, ['How likely are you to recommend Acme to a friend or colleague?']);
  await auto.close();
});

test('Escape with focus on the page dismisses a pop-up, unless the page handled Escape itself', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'esc-page' }));
  await waitEvent(page, 'shown');
  await page.evaluate(() => {
    const stop = (e) => e.preventDefault();
    addEventListener('keydown', stop, { capture: true, once: true });
  });
  await page.keyboard.press('Escape');
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => !!document.querySelector('npskit-popup')), true, 'the page took that Escape');
  await page.keyboard.press('Escape');
  await waitEvent(page, 'dismissed');
  assert.equal(await page.evaluate(() => !!document.querySelector('npskit-popup')), false);
  await context.close();
});

for (const [name, config, reason] of [
  ['capped by maxImpressions', { frequency: { maxImpressions: 1, cooldownDays: 0 } }, 'impressions'],
  ['sampled out', { sampleRate: 0 }, 'sample'],
  ['on an address its URL rules exclude', { url: [{ match: 'contains', value: '/checkout' }] }, 'url'],
]) {
  test(`${name}: after the core's verdict, page views fetch no UI or core and create no frame`, async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const id = 'cost-' + reason;
    const url = pageUrl(s.web, { id, ...config });
    await page.goto(url);
    if (reason === 'impressions') {
      await waitEvent(page, 'shown'); // the one impression allowed
      await page.goto(url); // the core now says: capped
    }
    await waitEvent(page, 'skipped');
    assert.equal((await lastEvent(page, 'skipped')).reason, reason);
    const seen = [];
    page.on('request', (r) => seen.push(new URL(r.url()).pathname));
    await page.goto(url);
    await waitEvent(page, 'skipped');
    assert.equal((await lastEvent(page, 'skipped')).reason, reason);
    await page.waitForTimeout(1500); // past the idle callback's timeout
    assert.deepEqual(seen.filter((p) => p.startsWith('/dist/')), ['/dist/widget/npskit.js']);
    assert.equal(await page.evaluate(() => document.querySelectorAll('npskit-realm, iframe').length), 0);
    // A config change voids the verdict: the core is asked again.
    await page.goto(pageUrl(s.web, { id, ...config, product: 'Changed' }));
    await waitFor(() => seen.includes('/dist/widget/ui.mjs'));
    await context.close();
  });
}

test('scroll trigger in an app shell: the scrolling <main> counts, a small list does not', async () => {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 } });
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'shell', triggers: [{ type: 'scroll', percent: 50 }] }, { page: 'appshell' }));
  await page.evaluate(() => (document.getElementById('small').scrollTop = 1000));
  await page.waitForTimeout(1500);
  assert.deepEqual(await events(page), [], 'a 40 px list scrolled to its end is not the page');
  await page.evaluate(() => (document.getElementById('content').scrollTop = 2500));
  await waitEvent(page, 'shown');
  await context.close();
});

test('touch exit intent: a fast flick back up, or leaving the tab, shows an exitIntent survey', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'flick', triggers: [{ type: 'exitIntent' }] }));
  assert.ok(await page.evaluate(() => matchMedia('(hover: none)').matches));
  await page.evaluate(() => scrollTo(0, 1500));
  await page.waitForTimeout(300);
  // Reading back up, slowly: 500 px in ~2 s.
  for (let y = 1450; y >= 1000; y -= 50) {
    await page.evaluate((v) => scrollTo(0, v), y);
    await page.waitForTimeout(200);
  }
  await page.waitForTimeout(300);
  assert.deepEqual(await events(page), []);
  await page.evaluate(() => scrollTo(0, 0));
  await waitEvent(page, 'shown');
  await context.close();

  const tab = await browser.newContext();
  const p2 = await tab.newPage();
  await p2.goto(pageUrl(s.web, { id: 'hidden-tab', triggers: [{ type: 'exitIntent' }] }));
  await p2.waitForTimeout(500);
  assert.deepEqual(await events(p2), []);
  await p2.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { get: () => 'hidden', configurable: true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await waitEvent(p2, 'shown');
  await tab.close();
});
