// .xlsx workbooks in the dashboard (served build and the single-file build), in
// Debian's headless Chromium: a dropped workbook's headline equals the expected
// numbers of tests/data/expected (generate-workbooks.mjs's bookkeeping) and the
// core's analyze() in Node; the sheet picker lists the sheets and re-opens the
// file with the one chosen. Inflation here is the browser's DecompressionStream.
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root, withDashboard, openPage, rendered, renders } from './helpers.mjs';

const { analyze } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);
const data = path.join(root, 'tests/data');
const expected = (name) => JSON.parse(fs.readFileSync(path.join(data, 'expected', `${name}.json`), 'utf8'));

const dash = withDashboard();

// A drop of one file on the page, as a user's drag from the desktop gives it.
async function drop(page, name) {
  const before = await renders(page);
  const base64 = fs.readFileSync(path.join(data, name)).toString('base64');
  await page.evaluate(([fileName, b64]) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const file = new File([bytes], fileName, { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
    const dt = new DataTransfer();
    dt.items.add(file);
    document.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, [name, base64]);
  await rendered(page, before);
}

const overall = (page) => page.evaluate(() => ({ ...window.__npskit.report.overall, source: window.__npskit.report.source }));

function matchesExpected(got, name) {
  const want = expected(name);
  for (const k of ['n', 'promoters', 'passives', 'detractors', 'nps']) assert.equal(got[k], want.overall[k], `${name}: overall.${k}`);
  assert.deepEqual(got.histogram, want.overall.histogram, `${name}: histogram`);
  assert.deepEqual(got.ci95, want.overall.ci95, `${name}: ci95`);
  assert.equal(got.source.sheet, want.source.sheet, `${name}: sheet`);
}

describe('dashboard: .xlsx workbooks', () => {
  it('a dropped workbook shows the expected numbers; the sheet picker lists its sheets', async () => {
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/`);
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    await drop(page, 'multi_sheet.xlsx');
    const got = await overall(page);
    matchesExpected(got, 'multi_sheet.xlsx');
    // A workbook is read by the core from the Blob (its parts at random offsets), not pushed by the page.
    assert.equal(await page.evaluate(() => window.__npskit.engine.pushed), 0);
    const ref = await analyze(fs.readFileSync(path.join(data, 'multi_sheet.xlsx')));
    assert.equal(got.nps, ref.overall.nps);
    // The picker: a labelled select with every sheet, the one read selected.
    const picker = await page.evaluate(() => {
      const s = document.getElementById('sheet-pick');
      return s && { options: [...s.options].map((o) => o.value), value: s.value, label: s.labels[0]?.textContent.trim(), visible: !s.closest('[hidden]') };
    });
    assert.deepEqual(picker, { options: ['Summary', 'Responses', 'Notes'], value: 'Responses', label: 'Sheet', visible: true });
    // Choosing a sheet without scores: the core's message is shown and the data kept.
    await page.selectOption('#sheet-pick', 'Notes');
    await page.waitForFunction(() => !document.getElementById('error').hidden, null, { timeout: 30000 });
    const message = await page.textContent('#error');
    assert.match(message, /score/);
    assert.equal((await overall(page)).n, ref.overall.n);
    // A one-sheet workbook hides the picker.
    await drop(page, 'typeform.xlsx');
    matchesExpected(await overall(page), 'typeform.xlsx');
    assert.equal(await page.evaluate(() => document.querySelector('.sheet-picker').hidden), true);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('the single-file build reads workbooks from file:// with no network', async () => {
    const file = path.join(root, 'dist/npskit-dashboard.html');
    const { page, errors, requests } = await openPage(dash.browser.context, pathToFileURL(file).href);
    await page.waitForFunction(() => document.body.dataset.engine === 'ready', null, { timeout: 30000 });
    for (const name of ['msforms.xlsx', 'surveymonkey.xlsx', 'mac_1904.xlsx']) {
      await drop(page, name);
      matchesExpected(await overall(page), name);
    }
    assert.deepEqual(requests.filter((u) => !/^(file|blob|data):/.test(u)), [], 'no network requests');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
