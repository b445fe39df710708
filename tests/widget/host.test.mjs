// Never break the host: strict CSP with and without wasm, a hostile page, one
// global, host styles untouched; accessibility (axe-core), RTL and 320 px
// screenshots (saved in test-artifacts/widget/ and looked at).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { artifacts, events, harness, pageUrl, root, waitEvent, waitFor, watchPage } from './helpers.mjs';

const { s, browser } = harness();

const recordsOf = (survey) => s.records().filter((r) => r.survey === survey);

async function complete(page, score) {
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('status').filter({ hasText: 'Thank you' }).waitFor();
}

function requests(page) {
  const seen = [];
  page.on('request', (r) => seen.push(new URL(r.url()).pathname));
  return seen;
}

// Layout works in 1/64 px units: a 44 px box can measure 43.99997 px.
const atLeast = (px, min) => px >= min - 1 / 64;

test("CSP script-src 'self' 'wasm-unsafe-eval'; style-src 'self': the wasm core runs", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  const seen = requests(page);
  await page.goto(pageUrl(s.web, { id: 'csp-wasm', endpoint: s.endpoint }, { csp: 'wasm' }));
  await complete(page, 9);
  await waitFor(() => recordsOf('csp-wasm').length === 1);
  assert.ok(seen.includes('/dist/widget/core.wasm'));
  assert.ok(!seen.includes('/dist/widget/core-js.mjs'));
  assert.deepEqual(problems, []);
  await context.close();
});

test("CSP without 'wasm-unsafe-eval': falls back to the JS build of the same C++", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems = watchPage(page);
  const violations = [];
  page.on('console', (m) => violations.push(m.text()));
  const seen = requests(page);
  await page.goto(pageUrl(s.web, { id: 'csp-js', endpoint: s.endpoint }, { csp: 'nowasm' }));
  await complete(page, 5);
  await waitFor(() => recordsOf('csp-js').length === 1);
  assert.equal(recordsOf('csp-js')[0].category, 'detractor');
  assert.ok(seen.includes('/dist/widget/core-js.mjs'));
  assert.ok(!seen.includes('/dist/widget/core.wasm'), 'wasm is not even fetched');
  assert.deepEqual(problems.filter((p) => p.startsWith('pageerror')), []);
  // The one probe that finds wasm forbidden is reported by Chromium itself as a
  // CSP violation; nothing else reaches the console.
  for (const p of problems) assert.match(p, /WebAssembly|wasm-unsafe-eval|Content Security Policy/);
  await context.close();
});

test('wasm and JS builds of the core give identical answers', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, []));
  const same = await page.evaluate(async () => {
    const load = async (file, opts) => {
      const M = await (await import('/dist/widget/' + file)).default(opts);
      return (op, req) => {
        const put = (str) => {
          const n = M.lengthBytesUTF8(str) + 1;
          const p = M._malloc(n);
          M.stringToUTF8(str, p, n);
          return p;
        };
        return M.UTF8ToString(M._npskit_call(put(op), put(JSON.stringify(req))));
      };
    };
    const wasm = await load('core-wasm.mjs', {});
    const js = await load('core-js.mjs', {});
    const config = { id: 'p', sampleRate: 0.3, detractorContact: true, theme: { brand: '#fde047' },
      promoterAction: { type: 'coupon', code: 'TY' }, triggers: [{ type: 'delay', seconds: 2 }] };
    const calls = [['validate', { config }], ['validate', { config: { id: 'x y', sampleRate: 3 } }]];
    for (let score = 0; score <= 10; score++) {
      calls.push(['classify', { config, score }]);
      calls.push(['payload', { config, answer: { score, comment: 'é ✓ 😀', consent: score < 7, email: 'a@b.co' },
        context: { now: 1740823200000 + score, nonce: '0011223344556677', locale: 'en', page: '/', attributes: { plan: 'Pro' } } }]);
    }
    for (let u = 0; u < 50; u++)
      calls.push(['decide', { config, user: 'user-' + u, now: 1e12, facts: { seconds: u % 4 }, history: {} }]);
    let diffs = 0;
    for (const [op, req] of calls) if (wasm(op, req) !== js(op, req)) diffs++;
    return { diffs, n: calls.length };
  });
  assert.equal(same.diffs, 0, `${same.diffs} of ${same.n} calls differ`);
  await context.close();
});

test('a hostile host page: the widget still works and looks right; the host is untouched', async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 600 } });
  const page = await context.newPage();
  const problems = watchPage(page);
  await page.goto(pageUrl(s.web, { id: 'hostile', product: 'Acme', endpoint: s.endpoint }, { page: 'hostile' }));
  const snapshot = () =>
    page.evaluate(() => {
      const out = [];
      for (const sel of ['html', 'body', 'main', '#title', '#text', '#buy']) {
        const cs = getComputedStyle(document.querySelector(sel));
        out.push([sel, cs.display, cs.color, cs.fontSize, cs.fontFamily, cs.margin, cs.position, cs.direction].join('|'));
      }
      return { styles: out, sheets: document.styleSheets.length, adopted: document.adoptedStyleSheets.length,
        styled: document.querySelectorAll('[style]').length, scroll: document.documentElement.scrollWidth };
    });
  const before = await snapshot();
  await page.getByRole('radiogroup').waitFor();
  const score = page.getByRole('radio', { name: '9 out of 10' });
  assert.ok(await score.isVisible(), 'the host\'s "button { display: none }" does not reach the widget');
  const box = await score.boundingBox();
  assert.ok(atLeast(box.height, 44) && atLeast(box.width, 30), `score button is ${box.width}x${box.height}`);
  await page.screenshot({ path: path.join(artifacts, 'hostile.png') });
  await complete(page, 9);
  await waitFor(() => recordsOf('hostile').length === 1, { timeout: 15000 });
  const afterSnap = await snapshot();
  assert.deepEqual(afterSnap, before, 'host styles, stylesheets and layout unchanged');
  assert.deepEqual(problems, []);
  await context.close();
});

test('only one global (npskit); no style attributes; no stylesheet added to the page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(pageUrl(s.web, { id: 'globals' }));
  await waitEvent(page, 'shown');
  const added = await page.evaluate(() => Object.keys(window).filter((k) => !window.__globals.includes(k)));
  assert.deepEqual(added, ['npskit']);
  assert.equal(await page.evaluate(() => document.querySelectorAll('[style]').length), 0);
  assert.equal(await page.evaluate(() => document.styleSheets.length), 1); // the page's own page.css
  await context.close();
});

async function axe(page) {
  await page.addScriptTag({ path: path.join(root, 'node_modules/axe-core/axe.min.js') });
  const r = await page.evaluate(() => axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }));
  return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ') + ' ' + n.failureSummary).join(', ')}`);
}

test('axe-core: no violations in any step, placement, theme or direction', async () => {
  // bypassCSP only so axe-core itself can be injected; the widget is unchanged.
  const cases = [
    { name: 'popup-light', config: { id: 'a1', product: 'Acme', detractorContact: true } },
    { name: 'modal-dark', config: { id: 'a2', placement: 'modal', theme: { mode: 'dark', brand: '#0ea5e9' } } },
    { name: 'inline-rtl', config: { id: 'inline-test', placement: 'inline', locale: 'he' } },
  ];
  for (const c of cases) {
    const context = await browser.newContext({ bypassCSP: true });
    const page = await context.newPage();
    await page.goto(pageUrl(s.web, c.config));
    await page.getByRole('radiogroup').waitFor();
    assert.deepEqual(await axe(page), [], c.name + ': scale');
    await page.getByRole('radio').nth(2).click();
    await page.getByRole('textbox').first().waitFor();
    if (c.config.detractorContact) await page.getByRole('checkbox').check();
    assert.deepEqual(await axe(page), [], c.name + ': follow-up');
    if (c.config.detractorContact) await page.getByRole('textbox', { name: 'Email address' }).fill('ana@example.com');
    await page.getByRole('button', { name: /Send|שליחה/ }).click();
    await page.getByRole('status').filter({ hasText: /Thank|תודה/ }).waitFor();
    assert.deepEqual(await axe(page), [], c.name + ': thank-you');
    await context.close();
  }
});

test('RTL (Arabic, Hebrew) and 320 px phone: the scale wraps, targets stay >= 44 px', async () => {
  for (const [locale, width] of [['ar', 320], ['he', 1000], ['hi', 320], ['en', 320]]) {
    const context = await browser.newContext({ viewport: { width, height: 640 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(pageUrl(s.web, { id: 'shot-' + locale, locale, product: 'Acme' }));
    await page.getByRole('radiogroup').waitFor();
    const dir = await page.evaluate(() => document.querySelector('npskit-popup').shadowRoot.querySelector('[role=dialog]').dir);
    assert.equal(dir, locale === 'ar' || locale === 'he' ? 'rtl' : 'ltr');
    const boxes = [];
    for (let i = 0; i <= 10; i++) boxes.push(await page.getByRole('radio').nth(i).boundingBox());
    for (const b of boxes) {
      assert.ok(atLeast(b.height, 44) && atLeast(b.width, 44), `${locale}@${width}: target ${b.width}x${b.height}`);
      assert.ok(b.x >= 0 && b.x + b.width <= width, `${locale}@${width}: inside the viewport`);
    }
    if (width === 320) assert.ok(boxes[10].y > boxes[0].y, 'the 0-10 row wraps on a phone');
    if (dir === 'rtl') assert.ok(boxes[1].x < boxes[0].x, 'RTL: 0 starts on the right');
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), width, 'no horizontal overflow');
    await page.screenshot({ path: path.join(artifacts, `${locale}-${width}.png`) });
    await context.close();
  }
});
