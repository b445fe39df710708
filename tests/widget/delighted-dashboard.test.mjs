// Issue 13, section 3, end to end: a site moving from Delighted keeps its
// delighted.survey({ properties: { Plan } }) call; the answers reach the real
// collector as {"attributes": {"Plan": ...}}; the collector's NDJSON (read with
// its token) and an old Delighted CSV export (column "Plan") open together in the
// dashboard, and the Plan segment holds both files' answers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { harness, listen, root, waitFor } from './helpers.mjs';
import { createCollector } from '../../examples/collector/server.mjs';
import { rendered, renders, startServer } from '../dashboard/helpers.mjs';

const { s, browser } = harness();
const TOKEN = 'delighted-dashboard-read-token';
let collector, endpoint, file, dashboard;

before(async () => {
  file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-dl-dash-')), 'responses.ndjson');
  collector = createCollector({ file, readToken: TOKEN });
  endpoint = `http://127.0.0.1:${await listen(collector)}/responses`;
  dashboard = await startServer(); // no CSP header: the dashboard as a user serves it
});
after(async () => {
  collector?.closeAllConnections();
  await new Promise((r) => (collector ? collector.close(r) : r()));
  await dashboard?.close();
});

// One visitor (a fresh browser profile) answering Delighted's snippet.
async function answer(plan, score, email) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const snippet = { email, properties: { Plan: plan }, minTimeOnPage: 0, sampleFactor: 1 };
  const dl = '/dist/widget/delighted.js?' + new URLSearchParams({ endpoint, survey: 'dl-dashboard' });
  await page.goto(`${s.web}/tests/widget/pages/delighted.html?` + new URLSearchParams({ snippet: JSON.stringify(snippet), dl }));
  await page.getByRole('radio', { name: `${score} out of 10` }).click();
  await page.getByRole('button', { name: 'Send' }).click();
  await waitFor(() => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(email));
  await context.close();
}

test('the Plan segment holds a Delighted CSV export and the collector\'s answers together', async () => {
  const sent = [['Pro', 9, 'a@example.com'], ['Pro', 3, 'b@example.com'], ['Startup', 10, 'c@example.com']];
  for (const [plan, score, email] of sent) await answer(plan, score, email);

  // The NDJSON as its owner downloads it: only with the read token.
  const url = endpoint.replace(/\/responses$/, '/responses.ndjson');
  assert.equal((await fetch(url)).status, 401);
  const ndjson = await (await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } })).text();
  const records = ndjson.split('\n').filter(Boolean).map((l) => JSON.parse(l));
  assert.deepEqual(records.map((r) => [r.attributes.Plan, r.score]), sent.map(([p, sc]) => [p, sc]));

  const csv = fs.readFileSync(path.join(root, 'tests/data/delighted.csv'));
  // n per Plan in the export, as its generator counted it (independent of the core).
  const exported = JSON.parse(fs.readFileSync(path.join(root, 'tests/data/expected/delighted.csv.json'), 'utf8')).segments.Plan;
  const want = Object.fromEntries(exported.map((v) => [v.value, v.n]));
  for (const [plan] of sent) want[plan] = (want[plan] ?? 0) + 1;

  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${dashboard.base}/dist/dashboard/`);
  let r = await renders(page);
  await page.setInputFiles('#file-input', [
    { name: 'delighted-export.csv', mimeType: 'text/csv', buffer: csv },
    { name: 'responses.ndjson', mimeType: 'application/x-ndjson', buffer: Buffer.from(ndjson) },
  ]);
  r = await rendered(page, r);
  assert.ok((await page.evaluate(() => window.__npskit.info.columns.segments)).includes('Plan'));
  if ((await page.inputValue('#seg-column')) !== 'Plan') {
    await page.selectOption('#seg-column', 'Plan');
    await rendered(page, r);
  }
  const report = await page.evaluate(() => window.__npskit.report);
  const got = Object.fromEntries(report.segments.Plan.map((v) => [v.value, v.n]));
  assert.deepEqual(got, want);
  assert.equal(report.overall.n, exported.reduce((a, v) => a + v.n, 0) + sent.length);
  // The table shows the value only the new answers have.
  assert.ok((await page.locator('#segments tbody').textContent()).includes('Startup'));
  assert.deepEqual(errors, []);
  await context.close();
});
