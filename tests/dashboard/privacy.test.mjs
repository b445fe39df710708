// Privacy at rest and complete exports (issue 12, sections 3 and 5), in real
// Chromium: after importing a file whose every text value carries a marker,
// marking follow-ups, hiding followed-up rows and exporting, no imported value
// is found in localStorage, sessionStorage or IndexedDB (follow-ups are kept by
// a salted hash), and "Export for CRM" and the comments CSV hold every matching
// row although there are more than the core's 10,000 rows per call.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { root, startServer, launch, openPage, rendered, renders } from './helpers.mjs';

const MARK = 'PRIVX';
const ROWS = 12_000; // all detractors with a comment: over the 10,000 rows one rows() call returns

function privateCsv() {
  const lines = [`respondent_id,email,full_name,plan,How likely are you to recommend us?,What is the main reason?,date`];
  for (let i = 0; i < ROWS; i++) {
    lines.push([`${MARK}id${i}`, `${MARK.toLowerCase()}.person${i}@example.org`, `${MARK} Name ${i}`, `${MARK}plan${i % 3}`,
      String(i % 7), `${MARK} slow delivery and support ${i}`, `2025-0${1 + (i % 9)}-1${i % 10}`].join(','));
  }
  return lines.join('\n') + '\n';
}

/** Every key and value of localStorage, sessionStorage and every IndexedDB store, as one string. */
function storageText(page) {
  return page.evaluate(async () => {
    const parts = [];
    for (const store of [localStorage, sessionStorage])
      for (let i = 0; i < store.length; i++) parts.push(store.key(i), store.getItem(store.key(i)));
    for (const { name } of (await indexedDB.databases?.()) ?? []) {
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = rej; });
      for (const storeName of db.objectStoreNames) {
        const all = await new Promise((res) => { const r = db.transaction(storeName).objectStore(storeName).getAll(); r.onsuccess = () => res(r.result); });
        parts.push(name, storeName, JSON.stringify(all));
      }
      db.close();
    }
    return parts.join('\n');
  });
}

let srv, browser;
const DASH = () => `${srv.base}/dist/dashboard/`;

before(async () => {
  execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
  srv = await startServer();
  browser = await launch();
});
after(async () => { await browser?.close(); await srv?.close(); });

describe('dashboard privacy and exports', () => {
  it('keeps no imported value in storage, and exports every row', async () => {
    const { page, errors } = await openPage(browser.context, DASH());
    const before = await renders(page);
    await page.setInputFiles('#file-input', [{ name: 'private.csv', mimeType: 'text/plain', buffer: Buffer.from(privateCsv()) }]);
    await rendered(page, before);

    // Control: the scanner does see a value placed in storage.
    await page.evaluate((m) => sessionStorage.setItem('probe', m), MARK);
    assert.ok((await storageText(page)).includes(MARK), 'the storage scan reads sessionStorage');
    await page.evaluate(() => sessionStorage.removeItem('probe'));

    // Mark three follow-ups; the marks survive a reload of the panel (hide followed up).
    const boxes = page.locator('input[aria-label^="Followed up:"]');
    await boxes.first().waitFor();
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await page.check('#loop-hide');
    await page.waitForFunction(() => /not yet followed up/.test(document.querySelector('[data-testid=loop-total]')?.textContent ?? ''));
    const total = await page.textContent('[data-testid=loop-total]');
    assert.match(total.replace(/[,\u202f\u00a0 ]/g, ''), /12000detractors11997notyetfollowedup/);

    // Export for CRM: every detractor, three marked as followed up.
    let [dl] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', { name: /download table as CSV \(npskit-detractors\.csv\)/i }).click()]);
    let csv = fs.readFileSync(await dl.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(csv.length, ROWS + 1, 'Export for CRM holds every detractor');
    assert.equal(csv.filter((l) => l.endsWith(',yes')).length, 3);
    // The comments CSV: every comment.
    [dl] = await Promise.all([page.waitForEvent('download'),
      page.getByRole('button', { name: /download table as CSV \(nps-comments\.csv\)/i }).click()]);
    csv = fs.readFileSync(await dl.path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
    assert.equal(csv.length, ROWS + 1, 'the comments CSV holds every comment');

    const stored = await storageText(page);
    assert.ok(/"h:[0-9a-f]{16}"/.test(stored), 'follow-ups are stored, as hashes');
    assert.ok(!stored.toUpperCase().includes(MARK), `no imported value in storage:\n${stored.slice(0, 2000)}`);
    assert.ok(!/@example\.org/.test(stored), 'no e-mail address in storage');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
