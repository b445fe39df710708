// The themes panel (issue #5) end to end on the REAL core, in Debian's headless
// Chromium: its numbers against session.comments() and the streaming
// analyze(..., { comments: true }) run here in Node; theme / keyphrase filters on
// the comment list with <mark>ed words; user themes through the UI; CSV export;
// axe-core; script payloads in comments and theme names shown as text.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root, artifacts, startServer, launch, openPage, rendered, renders } from './helpers.mjs';

const { analyze, openSession } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);

let srv, browser, session, sample, ref;
const DASH = () => `${srv.base}/dist/dashboard/`;
const SAMPLE = path.join(root, 'examples/sample/responses.csv');

before(async () => {
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
  srv = await startServer();
  browser = await launch();
  // Every page starts from the built-in themes (the user's edits live in localStorage).
  await browser.context.addInitScript(() => { try { localStorage.removeItem('npskit.themes'); } catch { /* none */ } });
  sample = fs.readFileSync(SAMPLE);
  session = await openSession([{ name: 'responses.csv', data: sample }]);
  ref = session.comments({});
});
after(async () => { session?.close(); await browser?.close(); await srv?.close(); });

// The dashboard's formats (web/src/format.mjs).
const nf1 = (v) => Math.abs(v).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const fmtNps = (v) => (v == null ? '–' : (v > 0 ? '+' : v < 0 ? '−' : '') + nf1(v));
const fmtSigned = (v) => (v == null ? '–' : (v > 0 ? '+' : v < 0 ? '−' : '±') + nf1(v));
const int = (v) => new Intl.NumberFormat('en-US').format(v);

async function openSample(hash = '') {
  const opened = await openPage(browser.context, DASH() + '?src=sample/responses.csv' + hash);
  await rendered(opened.page);
  await opened.page.waitForSelector('#themes [data-testid=theme-table] tbody tr');
  return opened;
}

/** The theme table as shown: { name: { mentions, nps, ci, diff, sig, impact, label } }. */
function shownThemes(page) {
  return page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#themes [data-testid=theme-table] tbody tr')].map((tr) => {
    const td = [...tr.querySelectorAll('td')].map((c) => c.textContent);
    return [tr.dataset.row, { label: td[0], mentions: td[1], pct: td[2], lift: td[3], nps: td[4], ci: td[5], diff: td[6], sig: td[7], impact: td[8] }];
  })));
}

function sameAsCore(shown, section, label) {
  assert.deepEqual(Object.keys(shown).sort(), section.themes.map((t) => t.name).sort(), `${label}: same themes`);
  for (const t of section.themes) {
    const s = shown[t.name];
    assert.equal(s.label, t.label || t.name, `${label}: ${t.name} label`);
    assert.equal(s.mentions, int(t.mentions), `${label}: ${t.name} mentions`);
    const none = t.mentions === 0; // an empty group: shown as '–'
    assert.equal(s.nps, none ? '–' : fmtNps(t.nps), `${label}: ${t.name} NPS`);
    assert.equal(s.ci, none || !t.ci95 ? '–' : `${fmtNps(t.ci95[0])} to ${fmtNps(t.ci95[1])}`, `${label}: ${t.name} interval`);
    assert.equal(s.impact, fmtSigned(t.impact), `${label}: ${t.name} impact`);
    assert.equal(s.diff, none ? '–' : fmtSigned(t.vs_rest?.diff), `${label}: ${t.name} vs rest`);
    assert.equal(s.lift, t.lift == null ? '–' : t.lift.toFixed(2) + '×', `${label}: ${t.name} lift`);
  }
}

describe('themes panel: pure parts', () => {
  it('merges, sorts and clamps highlight spans; keeps comment filters in the hash', async () => {
    const { mergeSpans } = await import(pathToFileURL(path.join(root, 'web/src/highlight.mjs')).href);
    assert.deepEqual(mergeSpans([{ begin: 5, end: 9 }, { begin: 0, end: 3 }, { begin: 2, end: 4 }, { begin: 8, end: 40 }, { begin: 7, end: 7 }], 20), [[0, 4], [5, 20]]);
    assert.deepEqual(mergeSpans(undefined, 10), []);
    const { toHash, fromHash } = await import(pathToFileURL(path.join(root, 'web/src/state.mjs')).href);
    const s = { period: 'month', seg: null, from: null, to: null, where: [], latest: false, ctheme: '<b>x</b>', ckp: 'late delivery', csent: 'negative' };
    assert.deepEqual(fromHash('#' + toHash(s)), { period: 'month', seg: null, from: null, to: null, where: [], latest: false, ctheme: '<b>x</b>', ckp: 'late delivery', csent: 'negative' });
    assert.equal(fromHash('#sent=angry').csent, undefined);
  });
});

describe('themes panel', () => {
  it('does not use the prefetched section when the session drops duplicate ids', async () => {
    const file = path.join(root, 'tests/dashboard/fixtures/duplicate-ids.csv');
    const dup = await openSession([{ name: 'duplicate-ids.csv', data: fs.readFileSync(file) }]);
    const want = dup.comments({});
    dup.close();
    const streamed = (await analyze(fs.readFileSync(file), { comments: true })).comments;
    assert.notEqual(streamed.responses, want.responses, 'the fixture has rows the session drops');
    const { page, errors } = await openPage(browser.context, DASH() + '?src=/tests/dashboard/fixtures/duplicate-ids.csv');
    await rendered(page);
    await page.waitForSelector('#themes [data-testid=theme-table] tbody tr');
    assert.equal(await page.evaluate(() => window.__npskit.engine.prefetched), 0);
    sameAsCore(await shownThemes(page), want, 'duplicate ids');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('shows the same numbers as session.comments() and the streaming analyze(..., { comments: true })', async () => {
    const streamed = (await analyze(sample, { comments: true })).comments;
    assert.deepEqual(ref, streamed, 'session.comments() equals the streaming report section');
    const { page, errors } = await openSample();
    sameAsCore(await shownThemes(page), ref, 'sample');
    // These first numbers came from the helper worker's streaming pass (web/src/engine.mjs).
    assert.equal(await page.evaluate(() => window.__npskit.engine.prefetched), 1, 'the themes panel used the prefetched section');
    // Ranked by impact (absolute, largest first).
    const order = await page.evaluate(() => [...document.querySelectorAll('#themes [data-testid=theme-table] tbody tr')].map((tr) => tr.dataset.row));
    const want = [...ref.themes].sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0) || b.mentions - a.mentions).map((t) => t.name);
    assert.deepEqual(order, want);
    const summary = await page.textContent('[data-testid=themes-summary]');
    assert.ok(summary.startsWith(`${int(ref.comments)} of ${int(ref.responses)} responses have a comment`), summary);
    // Keyphrases listed as buttons.
    const phrases = await page.$$eval('#themes [data-phrase]', (b) => b.map((x) => x.dataset.phrase));
    for (const k of ref.keyphrases.detractor) assert.ok(phrases.includes(k.phrase), `keyphrase ${k.phrase} shown`);
    // A segment filter changes the numbers the same way in both.
    let r = await renders(page);
    await page.getByRole('button', { name: 'Filter every view to Country = DE' }).click();
    await rendered(page, r);
    await page.waitForFunction(() => document.querySelector('#themes table.data'));
    const de = session.comments({ filters: { where: [{ column: 'Country', op: 'eq', value: 'DE' }] } });
    sameAsCore(await shownThemes(page), de, 'Country = DE');
    // Sentiment charts have their table alternative; the trend too.
    assert.ok(await page.locator('#themes canvas').count() >= 2);
    await page.locator('#themes').screenshot({ path: path.join(artifacts, 'themes-panel.png') });
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('clicking a theme or keyphrase filters the comment list and marks the words', async () => {
    const { page, errors } = await openSample();
    let r = await renders(page);
    await page.locator('#themes button[data-theme="delivery"]').click();
    await rendered(page, r);
    const delivery = ref.themes.find((t) => t.name === 'delivery');
    await page.waitForFunction((t) => document.querySelector('[data-testid=comments-total]')?.textContent === t, `${int(delivery.mentions)} comments`);
    assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /theme=delivery/);
    assert.match(await page.textContent('[data-testid=comment-filters]'), /Theme: delivery/);
    // Every listed comment has <mark>s, and they are the core's delivery spans.
    const want = session.rows({ withComment: true, theme: 'delivery', insights: true, limit: 25 });
    const shown = await page.$$eval('#comments td.comment', (tds) => tds.map((td) => ({ text: td.textContent, marks: [...td.querySelectorAll('mark')].map((m) => m.textContent) })));
    assert.equal(shown.length, want.rows.length);
    shown.forEach((s, i) => {
      const row = want.rows[i];
      assert.equal(s.text, row.comment);
      const spans = row.insights.spans.filter((x) => x.theme === 'delivery');
      assert.ok(s.marks.length > 0, `row ${i} has marks`);
      assert.deepEqual(s.marks, spans.map((x) => row.comment.slice(x.begin, x.end)), `row ${i}: marked words`);
    });
    await page.locator('#comments').screenshot({ path: path.join(artifacts, 'themes-comments-marked.png') });

    // A keyphrase.
    const kp = ref.keyphrases.detractor[0];
    r = await renders(page);
    await page.locator(`#themes button[data-phrase="${kp.phrase}"]`).click();
    await rendered(page, r);
    const kpRows = session.rows({ withComment: true, keyphrase: kp.phrase, insights: true, limit: 25 });
    await page.waitForFunction((t) => document.querySelector('[data-testid=comments-total]')?.textContent === t, `${int(kpRows.total)} comments`);
    const kpMarks = await page.$$eval('#comments td.comment', (tds) => tds.map((td) => [...td.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase())));
    for (const marks of kpMarks) {
      assert.ok(marks.length > 0);
      for (const m of marks) assert.equal(m, kp.phrase);
    }
    // Sentiment filter from the comment panel's select.
    r = await renders(page);
    await page.selectOption('#comment-sentiment', 'negative');
    await rendered(page, r);
    const neg = session.rows({ withComment: true, keyphrase: kp.phrase, sentiment: 'negative', limit: 0 });
    await page.waitForFunction((t) => document.querySelector('[data-testid=comments-total]')?.textContent === t, `${int(neg.total)} comments`);
    // Removing the chip clears the keyphrase filter.
    r = await renders(page);
    await page.getByRole('button', { name: /Remove keyphrase filter/ }).click();
    await rendered(page, r);
    assert.doesNotMatch(await page.evaluate(() => location.hash), /kp=/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('highlights non-ASCII comments at the right characters', async () => {
    const csv = 'score,comment\n2,"Très déçu 😡 : la livraison a pris trois semaines"\n3,"配送が遅い 😡😡 Lieferung kam nie"\n9,"Ünglaublich schnelle Lieferung 👍"\n';
    const { page, errors } = await openPage(browser.context, DASH());
    const before = await renders(page);
    await page.setInputFiles('#file-input', [{ name: 'intl.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) }]);
    await rendered(page, before);
    await page.waitForSelector('#themes button[data-theme="delivery"]');
    const r = await renders(page);
    await page.locator('#themes button[data-theme="delivery"]').click();
    await rendered(page, r);
    await page.waitForFunction(() => document.querySelector('[data-testid=comments-total]')?.textContent === '3 comments');
    const marks = (await page.$$eval('#comments td.comment mark', (m) => m.map((x) => x.textContent))).sort();
    assert.deepEqual(marks, ['Lieferung', 'Lieferung', 'livraison', '配送'].sort());
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('a user theme added, renamed and merged through the UI appears with the core\'s counts', async () => {
    const { page, errors } = await openSample();
    await page.evaluate(() => { document.querySelector('#themes details.editor').open = true; });
    await page.fill('#theme-new-name', 'Speed');
    await page.fill('#theme-new-terms', 'slow, fast, quick*');
    let r = await renders(page);
    await page.getByRole('button', { name: 'Add theme' }).click();
    await rendered(page, r);
    await page.waitForSelector('#themes tr[data-row="Speed"]');
    let doc = { themes: [{ name: 'Speed', label: 'Speed', terms: ['slow', 'fast', 'quick*'] }] };
    let want = session.comments({ themes: doc });
    const speed = want.themes.find((t) => t.name === 'Speed');
    assert.ok(speed.mentions > 0, 'the sample mentions speed');
    sameAsCore(await shownThemes(page), want, 'with Speed');
    assert.match(await page.textContent('[data-testid=theme-edit-status]'), /Added theme Speed/);
    // Stored in localStorage, sent as the themes option.
    assert.deepEqual(JSON.parse(await page.evaluate(() => localStorage.getItem('npskit.themes'))), doc.themes);

    // Rename (label), then merge billing into price.
    await page.selectOption('#theme-rename-which', 'Speed');
    await page.fill('#theme-rename-to', 'Speed of things');
    r = await renders(page);
    await page.getByRole('button', { name: 'Rename' }).click();
    await rendered(page, r);
    await page.waitForFunction(() => document.querySelector('#themes tr[data-row="Speed"] td')?.textContent === 'Speed of things');
    await page.selectOption('#theme-merge-from', 'billing');
    await page.selectOption('#theme-merge-into', 'price');
    r = await renders(page);
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    await rendered(page, r);
    await page.waitForFunction(() => !document.querySelector('#themes tr[data-row="billing"]'));
    const billingTerms = session.themes({}).themes.find((t) => t.name === 'billing').terms;
    doc = { themes: [...doc.themes, { name: 'Speed', label: 'Speed of things' }, { name: 'price', terms: billingTerms }, { name: 'billing', remove: true }] };
    want = session.comments({ themes: doc });
    sameAsCore(await shownThemes(page), want, 'after rename and merge');
    const price = ref.themes.find((t) => t.name === 'price');
    assert.ok(want.themes.find((t) => t.name === 'price').mentions >= price.mentions);

    // The comment list follows the user theme.
    r = await renders(page);
    await page.locator('#themes button[data-theme="Speed"]').click();
    await rendered(page, r);
    await page.waitForFunction((t) => document.querySelector('[data-testid=comments-total]')?.textContent === t,
      `${int(want.themes.find((t) => t.name === 'Speed').mentions)} comments`);
    assert.ok(await page.locator('#comments td.comment mark').count() > 0);
    await page.locator('#themes').screenshot({ path: path.join(artifacts, 'themes-user-theme.png') });

    // Reset.
    r = await renders(page);
    await page.getByRole('button', { name: 'Reset to built-in themes' }).click();
    await rendered(page, r);
    await page.waitForFunction(() => !document.querySelector('#themes tr[data-row="Speed"]'));
    sameAsCore(await shownThemes(page), ref, 'after reset');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('exports the theme table as CSV', async () => {
    const { page } = await openSample();
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /download table as CSV \(nps-themes\.csv\)/ }).click()]);
    const csv = fs.readFileSync(await dl.path(), 'utf8');
    fs.writeFileSync(path.join(artifacts, 'themes-export.csv'), csv);
    const lines = csv.replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(lines[0], 'theme,label,mentions,pct_of_comments,detractor_mentions,passive_mentions,promoter_mentions,lift,nps,ci95_low,ci95_high,diff_vs_rest,significant,impact,negative,neutral,positive,mean_compound');
    assert.equal(lines.length - 1, ref.themes.length);
    for (const line of lines.slice(1)) {
      const cells = line.split(',').length === 18 ? line.split(',') : null;
      assert.ok(cells, `plain cells: ${line}`);
      const t = ref.themes.find((x) => x.name === cells[0]);
      assert.ok(t, cells[0]);
      assert.equal(cells[2], String(t.mentions));
      assert.equal(cells[8], t.nps == null ? '' : String(t.nps));
      assert.equal(cells[13], t.impact == null ? '' : String(t.impact));
      assert.equal(cells[4], String(t.by_category.detractors));
      assert.equal(cells[12], String(t.vs_rest.significant));
    }
    await page.close();
  });

  it('has no axe-core violations with the panel open, light and dark', async () => {
    const { page } = await openSample('#theme=delivery');
    await page.waitForSelector('#comments td.comment mark');
    await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => document.querySelectorAll('#themes details, #comments details').forEach((d) => { d.open = true; }));
      await page.waitForTimeout(150);
      const result = await page.evaluate(() => window.axe.run(document.querySelector('#themes').parentElement, { resultTypes: ['violations'] }));
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      assert.deepEqual(summary, [], `${scheme}: axe violations`);
      await page.locator('#themes').screenshot({ path: path.join(artifacts, `themes-${scheme}.png`) });
    }
    // Keyboard: a theme button takes focus and Enter filters.
    await page.emulateMedia({ colorScheme: 'light' });
    const r = await renders(page);
    await page.locator('#themes button[data-theme="price"]').focus();
    await page.keyboard.press('Enter');
    await rendered(page, r);
    assert.match(await page.evaluate(() => location.hash), /theme=price/);
    await page.close();
  });

  it('renders script payloads in comments and in a user theme name as text', async () => {
    const payload = '<img src=x onerror="window.__xss=1">';
    const rows = ['score,comment,Country'];
    for (let i = 0; i < 40; i++) rows.push(`${i % 11},"${i % 2 ? payload.replace(/"/g, '""') : '<script>window.__xss=2</script>'} delivery late ${i}",${i % 3 ? 'DE' : '<b>FR</b>'}`);
    const { page, errors } = await openPage(browser.context, DASH());
    const before = await renders(page);
    await page.setInputFiles('#file-input', [{ name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n') + '\n') }]);
    await rendered(page, before);
    await page.waitForSelector('#themes table.data');
    await page.evaluate(() => { document.querySelector('#themes details.editor').open = true; });
    const name = '<img src=y onerror="window.__xss=3">';
    await page.fill('#theme-new-name', name);
    await page.fill('#theme-new-terms', 'late, <svg onload=window.__xss=4>');
    let r = await renders(page);
    await page.getByRole('button', { name: 'Add theme' }).click();
    await rendered(page, r);
    await page.waitForFunction((n) => [...document.querySelectorAll('#themes tr[data-row]')].some((tr) => tr.dataset.row === n), name);
    r = await renders(page);
    await page.locator('#themes button[data-theme="delivery"]').click();
    await rendered(page, r);
    await page.waitForFunction(() => document.querySelector('[data-testid=comments-total]')?.textContent === '40 comments');
    const state = await page.evaluate(() => ({
      xss: window.__xss, imgs: document.querySelectorAll('img, svg image, #themes svg, #comments svg').length,
      text: document.querySelector('#themes').innerText + document.querySelector('#comments').innerText,
      marks: document.querySelectorAll('#comments mark').length,
    }));
    assert.equal(state.xss, undefined, 'no payload ran');
    assert.equal(state.imgs, 0, 'no element was created from data');
    assert.ok(state.text.includes(name), 'theme name shown as text');
    assert.ok(state.text.includes(payload), 'comment payload shown as text');
    assert.ok(state.marks >= 25, 'the delivery words are marked');
    assert.ok(!errors.some((e) => e.startsWith('dialog')), 'no dialog opened');
    await page.locator('#themes').screenshot({ path: path.join(artifacts, 'themes-xss.png') });
    await page.evaluate(() => localStorage.removeItem('npskit.themes'));
    await page.close();
  });
});
