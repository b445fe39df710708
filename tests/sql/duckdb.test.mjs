// The generated DuckDB SQL run by DuckDB itself (npm @duckdb/node-api): the
// tallies equal `npskit tally` on the raw file and the report equals `npskit analyze`.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { DuckDBInstance } from '@duckdb/node-api';

import { latestPerPerson, toCsv } from './data.mjs';
import { assertSameAsNpskit, fixture, normalizeTallies, npskit, parseCsv, rawArgs, sqlFor } from './helpers.mjs';

const csvCell = (v) => {
  const s = v == null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
async function queryCsv(conn, sql) {
  const reader = await conn.runAndReadAll(sql);
  const names = reader.columnNames();
  const lines = [names.join(',')];
  for (const row of reader.getRowsJS()) lines.push(row.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

test('DuckDB: tallies and report equal npskit\'s, with and without latest-per-person', { timeout: 120000 }, async () => {
  const fx = fixture(3000, 23);
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    // Typed as a warehouse would hold it: the date a DATE (NULL when missing), the
    // rest text as exported.
    await conn.run(`CREATE TABLE responses AS SELECT "Respondent", TRY_CAST(NULLIF("Submitted", '') AS DATE) AS "Submitted",
      "Likely to recommend", "Country", "Plan" FROM read_csv('${fx.csv}', all_varchar = true, header = true)`);
    assert.equal(Number((await conn.runAndReadAll('SELECT count(*) FROM responses')).getRowsJS()[0][0]), 3000);
    const out = await queryCsv(conn, sqlFor('duckdb'));
    assertSameAsNpskit(out, fx);

    // By week and by day too: each dialect's period truncation against npskit's.
    for (const period of ['week', 'day', 'quarter']) {
      const q = npskit(['sql', '--dialect', 'duckdb', '--table', 'responses', '--score', 'Likely to recommend', '--date', 'Submitted', '--by', 'Country', '--period', period]);
      const ours = parseCsv(npskit(['tally', fx.csv, ...rawArgs, '--by', `${period},Country`]));
      assert.deepEqual(normalizeTallies(parseCsv(await queryCsv(conn, q)), ['Country']), normalizeTallies(ours, ['Country']), period);
    }

    const latest = await queryCsv(conn, sqlFor('duckdb', ['--latest-per', 'Respondent']));
    const isValid = (x) => /^(-0+|0*([0-9]|10))([.,]0+)?$/.test(x.score.trim());
    const kept = latestPerPerson(fx.rows, isValid);
    const keptCsv = join(fx.dir, 'kept.csv');
    writeFileSync(keptCsv, toCsv(kept));
    const expected = parseCsv(npskit(['tally', keptCsv, ...rawArgs, '--by', 'month,Country,Plan']));
    assert.deepEqual(normalizeTallies(parseCsv(latest)), normalizeTallies(expected));
  } finally {
    conn.closeSync?.();
    fx.cleanup();
  }
});
