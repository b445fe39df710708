// CSV exports without a browser: formula neutralisation covers every way a
// spreadsheet starts a formula while numbers from the data stay numbers, and
// allRows() pages through the core's 10,000-row answers to a complete export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { neutralize } from '../../web/src/csv.mjs';
import { allRows, ROWS_PER_PAGE } from '../../web/src/export-rows.mjs';

test('formulas are neutralised, whatever their first character or leading space', () => {
  for (const bad of ['=1+1', '|cmd', '\u00a0=1+1', ' =1', '\u3000+1', '\ufeff=1', '\uff1dSUM(A1)', '\uff0b1', '\uff0d1', '\uff20x',
    '-2+3', '+SUM(A1)', '@cmd', '\tx', '\rx', '\nx', '-', '+', '- 2']) {
    assert.equal(neutralize(bad), "'" + bad, JSON.stringify(bad));
  }
});

test('a cell that is wholly a number stays a number', () => {
  for (const num of ['-2', '-3.5', '+7', '10', '0.5', '.5', '-1e3', '2E-2']) assert.equal(neutralize(num), num, num);
  assert.equal(neutralize(-5), '-5');
  assert.equal(neutralize('plain text'), 'plain text');
});

test('allRows pages until it holds every row, and says so when it cannot', async () => {
  const n = 2 * ROWS_PER_PAGE + 5;
  const calls = [];
  const engine = {
    rows: async (q) => {
      calls.push(q);
      assert.ok(q.limit <= ROWS_PER_PAGE, 'never asks for more than the core answers');
      const rows = [];
      for (let i = q.offset; i < Math.min(n, q.offset + q.limit); i++) rows.push({ line: i });
      return { rows, total: n };
    },
  };
  const { rows, total } = await allRows(engine, { category: 'detractor' });
  assert.equal(total, n);
  assert.equal(rows.length, n);
  assert.deepEqual(rows.map((r) => r.line), [...Array(n).keys()]);
  assert.equal(calls.length, 3);
  assert.ok(calls.every((q) => q.category === 'detractor'));

  const shrinking = { rows: async (q) => ({ rows: q.offset ? [] : [{}], total: 5 }) };
  await assert.rejects(allRows(shrinking, {}), /holds 1 of 5 rows/);
  await assert.rejects(allRows({ rows: async () => ({ error: "query field 'limit' must be ..." }) }, {}), /query field/);
});
