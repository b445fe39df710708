// End-to-end tests of the dashboard on the REAL core (dist/core via js/index.mjs),
// in Debian's headless Chromium. Each loaded file's headline is compared with
// the core's own analyze() of the same bytes, run here in Node.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { root, artifacts, startServer, launch, openPage, rendered, renders } from './helpers.mjs';
import { formats, overlapping, hostile } from './formats.mjs';

const { analyze, openSession, stats } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);

let srv, browser;
const DASH = () => `${srv.base}/dist/dashboard/`;
const SAMPLE = path.join(root, 'examples/sample/responses.csv');

before(async () => {
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); });

const fmt1 = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1);
const int = (v) => new Intl.NumberFormat('en-US').format(v);

async function headline(page) {
  return page.evaluate(() => ({
    nps: document.querySelector('[data-testid=nps]').textContent,
    n: document.querySelector('[data-testid=n]').textContent,
    ci: document.querySelector('[data-testid=ci]').textContent,
    overall: window.__npskit.report.overall,
    rows: window.__npskit.report.rows,
  }));
}

function sameOverall(got, want, label) {
  for (const k of ['n', 'promoters', 'passives', 'detractors', 'nps']) assert.equal(got[k], want[k], `${label}: overall.${k}`);
  assert.deepEqual(got.ci95, want.ci95, `${label}: ci95`);
  assert.deepEqual(got.histogram, want.histogram, `${label}: histogram`);
}

async function loadViaPicker(page, files) {
  const before = await renders(page);
  await page.setInputFiles('#file-input', Object.entries(files).map(([name, data]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(data) })));
  await rendered(page, before);
}

describe('dashboard', () => {
  it('opens the bundled sample via ?src= and its headline equals the core report', async () => {
    const { page, errors, requests } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    const ref = await analyze(fs.readFileSync(SAMPLE));
    const got = await headline(page);
    sameOverall(got.overall, ref.overall, 'sample');
    assert.equal(got.nps, fmt1(ref.overall.nps));
    assert.equal(got.n, int(ref.overall.n));
    assert.equal(got.rows.blank_score, ref.rows.blank_score);
    assert.equal(got.rows.rejected, ref.rows.rejected);
    // Rejections and blank scores are shown.
    const counts = await page.textContent('[data-testid=counts]');
    assert.match(counts, new RegExp(`Blank score \\(unanswered\\)${int(ref.rows.blank_score)}`));
    assert.equal(await page.locator('#data table.data').last().locator('tbody tr').count(), ref.rejections.length);
    // No request left the page's origin.
    const foreign = requests.filter((u) => !u.startsWith(srv.base) && !/^(blob|data):/.test(u));
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    // Screenshots (desktop, tablet) for people to look at.
    await page.screenshot({ path: path.join(artifacts, 'desktop.png'), fullPage: true });
    await page.setViewportSize({ width: 820, height: 1100 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(artifacts, 'tablet.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling at tablet width (overflow ${overflow}px)`);
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.waitForTimeout(200);
    await page.screenshot({ path: path.join(artifacts, 'desktop-dark.png'), fullPage: false });
    await page.emulateMedia({ media: 'print', colorScheme: 'light' });
    await page.pdf?.({ path: path.join(artifacts, 'print.pdf'), format: 'A4' }).catch(() => {});
    await page.close();
  });

  it('"Try with sample data" loads the sample', async () => {
    const { page, errors } = await openPage(browser.context, DASH());
    await page.click('#btn-sample');
    await rendered(page);
    const ref = await analyze(fs.readFileSync(SAMPLE));
    sameOverall((await headline(page)).overall, ref.overall, 'sample button');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('loads every supported format with the same numbers as the core', async () => {
    const { page, errors } = await openPage(browser.context, DASH());
    for (const [name, data] of Object.entries(formats())) {
      const pushedBefore = await page.evaluate(() => window.__npskit.engine.pushed);
      await loadViaPicker(page, { [name]: data });
      // Its bytes were read by the page and moved to the core worker (push-reader.mjs), a workbook's not.
      assert.equal(await page.evaluate(() => window.__npskit.engine.pushed) - pushedBefore, name.endsWith('.xlsx') ? 0 : 1, `${name}: read by the page`);
      const ref = await analyze(Buffer.from(data));
      const got = await headline(page);
      sameOverall(got.overall, ref.overall, name);
      assert.ok(got.overall.n > 500, `${name}: read most rows (n ${got.overall.n})`);
      assert.equal(got.n, int(ref.overall.n), `${name}: shown n`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('merges several files and counts a repeated response id once', async () => {
    const { page } = await openPage(browser.context, DASH());
    const files = overlapping();
    await loadViaPicker(page, files);
    const session = await openSession(Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data) })));
    const ref = session.report({});
    session.close();
    const got = await headline(page);
    sameOverall(got.overall, ref.overall, 'merged');
    assert.equal(await page.evaluate(() => window.__npskit.engine.pushed), Object.keys(files).length, 'each file read by the page, in order');
    const single = await analyze(Buffer.from(files['part-a.csv']));
    assert.ok(got.overall.n > single.overall.n, 'both files counted');
    // The same through "Add files…": load one, then add the other.
    await loadViaPicker(page, { 'part-a.csv': files['part-a.csv'] });
    sameOverall((await headline(page)).overall, single.overall, 'part a alone');
    const r = await renders(page);
    await page.setInputFiles('#add-input', [{ name: 'part-b.csv', mimeType: 'text/csv', buffer: Buffer.from(files['part-b.csv']) }]);
    await rendered(page, r);
    sameOverall((await headline(page)).overall, ref.overall, 'added');
    await page.close();
  });

  it('cross-filters from a segment, filters by date and exclusion, and keeps view state in the hash', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    const bytes = fs.readFileSync(SAMPLE);
    const session = await openSession([{ name: 'responses.csv', data: bytes }]);
    try {
      await page.selectOption('#seg-column', 'Channel');
      await page.waitForFunction(() => location.hash.includes('seg=Channel'));
      // Sorting the segment table by NPS (descending first).
      await page.locator('#segments th button', { hasText: 'NPS' }).click();
      const segs = session.report({ segments: ['Channel'] }).segments.Channel;
      const best = [...segs].sort((a, b) => b.nps - a.nps)[0].value;
      assert.equal(await page.locator('#segments tbody tr').first().locator('button').textContent(), best);
      assert.equal(await page.locator('#segments th[aria-sort]').getAttribute('aria-sort'), 'descending');
      let r = await renders(page);
      await page.getByRole('button', { name: 'Filter every view to Channel = Marketplace' }).click();
      await rendered(page, r);
      let want = session.report({ filters: { where: [{ column: 'Channel', op: 'eq', value: 'Marketplace' }] } });
      sameOverall((await headline(page)).overall, want.overall, 'Channel = Marketplace');
      assert.match(await page.textContent('[data-testid=chips]'), /Channel = Marketplace/);
      assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /"column":"Channel","op":"eq","value":"Marketplace"/);
      // Comments follow the filter.
      const comments = await session.rows({ filters: { where: [{ column: 'Channel', op: 'eq', value: 'Marketplace' }] }, withComment: true, limit: 1 });
      await page.waitForFunction((t) => document.querySelector('[data-testid=comments-total]')?.textContent.startsWith(t), int(comments.total));

      // Date range on top.
      r = await renders(page);
      await page.fill('#f-from', '2025-06-01');
      await page.dispatchEvent('#f-from', 'change');
      await rendered(page, r);
      r = await renders(page);
      await page.fill('#f-to', '2025-06-30');
      await page.dispatchEvent('#f-to', 'change');
      await rendered(page, r);
      want = session.report({ filters: { from: '2025-06-01', to: '2025-06-30', where: [{ column: 'Channel', op: 'eq', value: 'Marketplace' }] } });
      sameOverall((await headline(page)).overall, want.overall, 'June + Marketplace');

      // The hash restores the view on reload.
      const url = page.url();
      const p2 = await browser.context.newPage();
      await p2.goto(url);
      await rendered(p2);
      sameOverall((await headline(p2)).overall, want.overall, 'restored from hash');
      await p2.close();

      // Clear, then exclude a plan (test traffic).
      r = await renders(page);
      await page.getByRole('button', { name: 'Clear all' }).click();
      await rendered(page, r);
      await page.selectOption('#ex-col', 'Plan');
      await page.fill('#ex-val', 'Free');
      r = await renders(page);
      await page.getByRole('button', { name: 'Exclude', exact: true }).click();
      await rendered(page, r);
      want = session.report({ filters: { where: [{ column: 'Plan', op: 'ne', value: 'Free' }] } });
      sameOverall((await headline(page)).overall, want.overall, 'Plan != Free');

      // Latest response per person.
      r = await renders(page);
      await page.check('#f-latest');
      await rendered(page, r);
      want = session.report({ latestPerPerson: true, filters: { where: [{ column: 'Plan', op: 'ne', value: 'Free' }] } });
      sameOverall((await headline(page)).overall, want.overall, 'latest per person');
    } finally {
      session.close();
      await page.close();
    }
  });

  it('exports CSV with the shown numbers and neutralized formulas', async () => {
    const { page } = await openPage(browser.context, DASH());
    await loadViaPicker(page, { 'hostile.csv': hostile() });
    // Segment table CSV.
    const ref = await analyze(Buffer.from(hostile()));
    let [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#distribution').getByRole('button', { name: /CSV/ }).click()]);
    let csv = fs.readFileSync(await dl.path(), 'utf8').replace(/^\ufeff/, '');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines[0], 'score,responses,share_pct,category');
    assert.equal(lines.length, 12);
    assert.equal(lines[11].split(',')[1], String(ref.overall.histogram[10]));
    // Close-the-loop CSV for a CRM: the =HYPERLINK comment is neutralized.
    [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /download table as CSV \(npskit-detractors\.csv\)/i }).click()]);
    csv = fs.readFileSync(await dl.path(), 'utf8');
    assert.match(csv, /'=HYPERLINK/);
    assert.doesNotMatch(csv, /(^|,)"?=HYPERLINK/m);
    fs.writeFileSync(path.join(artifacts, 'detractors-export.csv'), csv);
    await page.close();
  });

  it('renders script payloads in cells and headers as text and runs none of them', async () => {
    const { page, errors } = await openPage(browser.context, DASH());
    await loadViaPicker(page, { 'hostile.csv': hostile() });
    const segCol = '<img src=x onerror="window.__xss=1">';
    await page.selectOption('#seg-column', segCol);
    await page.waitForTimeout(300);
    await page.fill('#comment-search', 'xss=3');
    await page.waitForFunction(() => /^\d+ comments/.test(document.querySelector('[data-testid=comments-total]')?.textContent) && document.querySelector('#comments td.comment')?.textContent.includes('xss=3'));
    const state = await page.evaluate(() => ({
      xss: window.__xss, imgs: document.querySelectorAll('img').length,
      scripts: [...document.querySelectorAll('script')].filter((s) => !s.src && s.type !== 'module').length,
      text: document.body.innerText,
    }));
    assert.equal(state.xss, undefined, 'no payload ran');
    assert.equal(state.imgs, 0, 'no <img> was created from data');
    assert.equal(state.scripts, 0);
    assert.ok(state.text.includes('<script>window.__xss=3</script>'), 'comment payload shown as text');
    assert.ok(state.text.includes(segCol), 'header payload shown as text');
    assert.ok(!errors.some((e) => e.startsWith('dialog')), 'no dialog opened');
    await page.screenshot({ path: path.join(artifacts, 'xss.png'), fullPage: true });
    await page.close();
  });

  it('has no axe-core violations', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    await page.evaluate(fs.readFileSync(path.join(root, 'node_modules/axe-core/axe.min.js'), 'utf8'));
    for (const scheme of ['light', 'dark']) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.waitForTimeout(150);
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const summary = result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      assert.deepEqual(summary, [], `${scheme}: axe violations`);
    }
    // Everything interactive is reachable by keyboard: Tab moves through controls.
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    await page.close();
  });

  it('cancels an import and the page stays responsive', async () => {
    const { page } = await openPage(browser.context, DASH());
    await page.evaluate(() => {
      const head = 'id,score,date,country\n';
      const row = (i) => `${i},${i % 11},2025-01-0${1 + (i % 9)},C${i % 7}\n`;
      const parts = [head];
      let chunk = '';
      for (let i = 0; i < 3_000_000; i++) { chunk += row(i); if (chunk.length > 1 << 20) { parts.push(chunk); chunk = ''; } }
      parts.push(chunk);
      window.__big = new File(parts, 'big.csv');
    });
    // Cancel in the same task the import starts in: with a separate click the parse
    // (now ~1-2 s for this file) could end first on a loaded machine, and nothing was left to cancel.
    const progressShown = await page.evaluate(() => {
      window.__npskit.importFiles([{ name: 'big.csv', data: window.__big }]);
      const shown = !document.getElementById('progress').hidden;
      document.getElementById('btn-cancel').click();
      return shown;
    });
    assert.equal(progressShown, true, 'the import shows its progress');
    await page.waitForSelector('#error:not([hidden])', { timeout: 5000 });
    assert.match(await page.textContent('#error'), /cancelled/i);
    assert.equal(await page.isHidden('#progress'), true);
    // Still works afterwards.
    await page.click('#btn-sample');
    await rendered(page);
    await page.close();
  });

  it('names an unusable file and keeps the loaded data', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    const before = (await headline(page)).overall;
    await page.setInputFiles('#file-input', [{ name: 'photo.csv', mimeType: 'text/csv', buffer: Buffer.from('just,some,words\nno,score,here\n') }]);
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error'), /photo\.csv: .+/);
    assert.doesNotMatch(await page.textContent('#error'), /--score/, 'no command-line flag in the message');
    // No column holds scores: the column picker offers the file's columns; cancelling keeps the data.
    const picker = page.locator('#column-picker');
    await picker.waitFor({ state: 'visible' });
    assert.deepEqual(await picker.locator('input[name=picked-column]').evaluateAll((els) => els.map((e) => e.value)), ['just', 'some', 'words']);
    await picker.getByRole('button', { name: 'Cancel' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.waitForTimeout(200);
    sameOverall((await headline(page)).overall, before, 'previous data still shown');
    // And the session still answers queries.
    const r = await renders(page);
    await page.selectOption('#period', 'quarter');
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.trend.points.length), 4);
    await page.close();
  });

  it('remembers a column choice per header layout', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    let r = await renders(page);
    await page.selectOption('#col-comment', '');
    await page.uncheck('.seg-list input[value="Country"]');
    await page.getByRole('button', { name: 'Apply columns' }).click();
    await rendered(page, r);
    let info = await page.evaluate(() => window.__npskit.info.columns);
    assert.equal(info.comment ?? null, null);
    assert.ok(!info.segments.includes('Country'));
    await page.reload();
    await rendered(page);
    info = await page.evaluate(() => window.__npskit.info.columns);
    assert.equal(info.comment ?? null, null, 'choice remembered after reload');
    r = await renders(page);
    await page.getByRole('button', { name: 'Back to detected' }).click();
    await rendered(page, r);
    info = await page.evaluate(() => window.__npskit.info.columns);
    assert.ok(info.comment);
    await page.close();
  });

  it('applies a remembered column choice with the parse: the file is parsed once', async () => {
    const { page, errors } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    let r = await renders(page);
    await page.selectOption('#col-date', '');
    await page.getByRole('button', { name: 'Apply columns' }).click();
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.columns.date), null, 'no date column, as chosen');
    await page.reload();
    await rendered(page);
    const got = await page.evaluate(() => ({ opened: window.__npskit.engine.opened, date: window.__npskit.report.columns.date, overall: window.__npskit.report.overall }));
    assert.equal(got.opened, 1, 'the remembered choice went with the one parse');
    assert.equal(got.date, null, 'the remembered choice applied');
    sameOverall(got.overall, (await analyze(fs.readFileSync(SAMPLE), { date: '' })).overall, 'sample without a date column');
    r = await renders(page);
    await page.getByRole('button', { name: 'Back to detected' }).click(); // forget it (the browser profile is shared)
    await rendered(page, r);
    assert.equal(await page.evaluate(() => window.__npskit.report.columns.date), 'Submitted At', 'detected again');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('reads pasted text and a ?src= collector NDJSON file', async () => {
    const { page, errors } = await openPage(browser.context, DASH());
    const text = formats()['comma.csv'];
    await page.click('#btn-paste');
    await page.fill('#paste-text', text);
    let r = await renders(page);
    await page.click('#paste-ok');
    await rendered(page, r);
    sameOverall((await headline(page)).overall, (await analyze(Buffer.from(text))).overall, 'pasted');
    // The widget collector's NDJSON, served by the same static host.
    const collector = formats()['collector.ndjson'];
    fs.writeFileSync(path.join(artifacts, 'collector.ndjson'), collector);
    await page.goto(DASH() + '?src=/test-artifacts/dashboard/collector.ndjson');
    await rendered(page);
    sameOverall((await headline(page)).overall, (await analyze(Buffer.from(collector))).overall, 'collector ndjson');
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('switches the trend period, draws annotations and downloads rejected rows', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    let r = await renders(page);
    await page.selectOption('#period', 'week');
    await rendered(page, r);
    const t = await page.evaluate(() => ({ period: window.__npskit.report.trend.period, points: window.__npskit.report.trend.points.length, hash: location.hash }));
    assert.equal(t.period, 'week');
    assert.ok(t.points >= 50, `weekly points: ${t.points}`);
    assert.match(t.hash, /period=week/);
    await page.fill('#note-date', '2025-06-01');
    await page.fill('#note-text', 'price change');
    await page.getByRole('button', { name: 'Add note' }).click();
    const notes = await page.evaluate(() => JSON.parse(localStorage.getItem('npskit.annotations')));
    assert.deepEqual(notes, [{ date: '2025-06-01', label: 'price change' }]);
    assert.match(await page.textContent('#trend'), /2025-06-01: price change/);
    // Significant dips are flagged (the sample's June price rise).
    r = await renders(page);
    await page.selectOption('#period', 'month');
    await rendered(page, r);
    assert.match(await page.textContent('#trend'), /Significant dips: 2025-06/);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /npskit-rejected-rows\.csv/ }).click()]);
    const csv = fs.readFileSync(await dl.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    const ref = await analyze(fs.readFileSync(SAMPLE));
    assert.equal(csv[0], 'line,column,value,reason');
    assert.equal(csv.length - 1, ref.rejections.length);
    await page.locator('#trend').screenshot({ path: path.join(artifacts, 'trend-annotated.png') });
    await page.close();
  });

  it('benchmarks, goal, follow-up marks, PNG export and a 1-2 page print', async () => {
    const { page } = await openPage(browser.context, DASH() + '?src=sample/responses.csv');
    await rendered(page);
    // Pick a published figure: number, source, year and URL are shown together.
    const label = await page.locator('#bench-pick option').nth(1).textContent();
    await page.selectOption('#bench-pick', { label });
    const bench = await page.textContent('[data-testid=benchmark]');
    assert.match(bench, /Source: .+, \d{4} \((first-hand|second-hand|unattributed)\)/);
    assert.match(bench, /https?:\/\//);
    assert.match(await page.textContent('footer'), /registered trademarks of Bain & Company/);
    // A goal: progress and the sample size to detect the gap.
    await page.fill('#goal', '40');
    await page.getByRole('button', { name: 'Set goal' }).click();
    assert.match(await page.textContent('[data-testid=goal]'), /points to the goal of \+40\.0\. To tell a [\d.]+-point gap apart with 95% confidence you need about [\d,]+ responses/);
    // A reference value.
    await page.fill('#ref-name', 'Competitor A');
    await page.fill('#ref-value', '25');
    await page.getByRole('button', { name: 'Add reference' }).click();
    assert.match(await page.textContent('#benchmarks'), /Competitor A: \+25\.0/);
    // Follow-up marks survive a reload.
    const box = page.locator('#loop tbody input[type=checkbox]').first();
    const who = await box.getAttribute('aria-label');
    await box.check();
    await page.reload();
    await rendered(page);
    assert.equal(await page.getByLabel(who).isChecked(), true);
    // PNG export of a chart.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('#distribution').getByRole('button', { name: /PNG/ }).click()]);
    assert.deepEqual([...fs.readFileSync(await dl.path()).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    // Print: 1-2 pages.
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', path: path.join(artifacts, 'print.pdf') });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
    assert.ok(pages >= 1 && pages <= 2, `print is ${pages} pages`);
    await page.close();
  });

  it('compares two segment values as the core judges them', async () => {
    const { page, errors } = await openPage(browser.context, DASH() + '?src=sample/responses.csv#seg=Country');
    await rendered(page);
    const rows = (await analyze(fs.readFileSync(SAMPLE))).segments.Country;
    const tally = (v) => { const t = rows.find((x) => x.value === v); return { promoters: t.promoters, passives: t.passives, detractors: t.detractors }; };
    const want = (await stats({ compare: { a: tally('DE'), b: tally('FR') } })).compare;
    const signed = (v) => (v > 0 ? '+' : v < 0 ? '−' : '±') + Math.abs(v).toFixed(1);
    // The first render: the column's first two values, answered with the report in one
    // request (worker.mjs derive), as the core judges them.
    const first = (await stats({ compare: { a: tally(rows[0].value), b: tally(rows[1].value) } })).compare;
    assert.ok((await page.textContent('[data-testid=compare-result]')).startsWith(`Difference ${signed(first.diff)} points: `));
    assert.ok((await page.evaluate(() => window.__npskit.derivedWithReport)).includes('compare'), 'the comparison came with the report');
    let r = await renders(page);
    await page.selectOption('#cmp-a', 'DE');
    await rendered(page, r);
    r = await renders(page);
    await page.selectOption('#cmp-b', 'FR');
    await rendered(page, r);
    const text = await page.textContent('[data-testid=compare-result]');
    assert.ok(text.startsWith(`Difference ${signed(want.diff)} points: `), text);
    assert.match(text, want.too_small ? /too small to tell/ : want.significant ? /: significant at 95%/ : /not significant at 95%/);
    assert.deepEqual(await page.evaluate(() => [document.getElementById('cmp-a').value, document.getElementById('cmp-b').value]), ['DE', 'FR']);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the single-file build works from file:// with no network', async () => {
    const file = path.join(root, 'dist/npskit-dashboard.html');
    const { page, errors, requests } = await openPage(browser.context, pathToFileURL(file).href);
    // Both blob: workers compile the inlined wasm and finish their warm-up (web/src/warmup.mjs).
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    await page.click('#btn-sample');
    await rendered(page);
    const ref = await analyze(fs.readFileSync(SAMPLE));
    sameOverall((await headline(page)).overall, ref.overall, 'single file');
    await loadViaPicker(page, { 'lines.ndjson': formats()['lines.ndjson'] });
    const ref2 = await analyze(Buffer.from(formats()['lines.ndjson']));
    sameOverall((await headline(page)).overall, ref2.overall, 'single file, ndjson');
    const net = requests.filter((u) => !/^(file|blob|data):/.test(u));
    assert.deepEqual(net, [], 'no network requests');
    assert.deepEqual(errors, []);
    await page.screenshot({ path: path.join(artifacts, 'single-file.png') });
    await page.close();
  });
});
