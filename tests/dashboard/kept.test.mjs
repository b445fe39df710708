// What a render keeps (web/src/panels/data.mjs, benchmarks.mjs, trend.mjs): parts of a panel that
// depend on neither the filters nor the numbers are built once and moved into each
// render. A filter click keeps the data panel's column form (with a choice the user has
// not applied yet), the industry figure picker and the trend's annotation form (with a
// note being typed); a new session draws the column form afresh.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withDashboard, openPage, rendered } from './helpers.mjs';

const dash = withDashboard();

function csv() {
  const lines = ['id,date,score,Country,Plan'];
  for (let i = 0; i < 600; i++) lines.push(`R${i},2025-0${1 + (i % 6)}-1${i % 9},${(i * 7) % 11},${['DE', 'FR', 'US'][i % 3]},${['Free', 'Pro'][i % 2]}`);
  return lines.join('\n') + '\n';
}

describe('kept across renders', () => {
  it('keeps the column form and the industry picker across a filter click, and draws the form afresh for a new session', async () => {
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/#seg=Country`);
    await page.setInputFiles('#file-input', { name: 'kept.csv', mimeType: 'text/csv', buffer: Buffer.from(csv()) });
    let n = await rendered(page);
    // Mark both elements, and change the form without applying it.
    await page.evaluate(() => { document.querySelector('#data form').dataset.mark = '1'; document.getElementById('bench-pick').dataset.mark = '1'; document.getElementById('note-date').dataset.mark = '1'; });
    await page.selectOption('#col-comment', 'Plan');
    await page.fill('#note-text', 'price change'); // a note being typed
    const before = await page.getByTestId('n').textContent();

    // A filter click redraws the data and benchmarks panels with other numbers...
    await page.getByRole('button', { name: 'Filter every view to Country = DE' }).click();
    n = await rendered(page, n);
    assert.notEqual(await page.getByTestId('n').textContent(), before, 'the numbers changed');
    assert.equal(await page.locator('#data [data-testid=counts]').count(), 1);
    // ...with the same form (the unapplied choice still there) and the same picker.
    assert.equal(await page.locator('#data form[data-mark="1"]').count(), 1, 'the same column form');
    assert.equal(await page.inputValue('#col-comment'), 'Plan', 'the choice not applied yet is kept');
    assert.equal(await page.locator('#benchmarks select#bench-pick[data-mark="1"]').count(), 1, 'the same industry picker');
    assert.equal(await page.locator('#trend input#note-date[data-mark="1"]').count(), 1, 'the same annotation form');
    assert.equal(await page.inputValue('#note-text'), 'price change', 'the note being typed is kept');

    // The note, added: drawn in the list, and the form emptied for the next one.
    await page.fill('#note-date', '2025-03-12');
    await page.getByRole('button', { name: 'Add note' }).click();
    n = await rendered(page, n);
    assert.match(await page.locator('#trend ul.notes').textContent(), /2025-03-12: price change/);
    assert.deepEqual([await page.inputValue('#note-date'), await page.inputValue('#note-text')], ['', '']);

    // Picking a figure draws the picker with it chosen; "Back to detected" opens a new session: a fresh form.
    const label = await page.locator('#bench-pick option').nth(1).textContent();
    await page.selectOption('#bench-pick', { label });
    n = await rendered(page, n);
    assert.equal(await page.locator('#bench-pick option:checked').textContent(), label);
    await page.getByRole('button', { name: 'Back to detected' }).click();
    await rendered(page, n);
    await page.waitForFunction(() => !document.querySelector('#data form[data-mark="1"]'));
    assert.equal(await page.inputValue('#col-comment'), '', 'the detected columns (no comment column), not the unapplied choice');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
