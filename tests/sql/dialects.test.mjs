// BigQuery, Snowflake, Spark SQL and Redshift cannot run here: their generated
// queries are compared with reviewed golden files (tests/sql/golden; regenerate
// with UPDATE_GOLDEN=1 and review the diff), and every one is parsed by
// node-sql-parser in its dialect, whose tree must show the tallies columns.
// DuckDB, PostgreSQL and ClickHouse queries run on real engines (their own tests).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import sqlParser from 'node-sql-parser';

import { npskit, root } from './helpers.mjs';

const { Parser } = sqlParser;
const parserDialect = { bigquery: 'BigQuery', snowflake: 'Snowflake', spark: 'Hive', redshift: 'Redshift' };
// node-sql-parser's Hive grammar (used for Spark SQL) reads db.table, not catalog.db.table.
const tableOf = { bigquery: 'my-project.survey.responses', snowflake: 'ANALYTICS.SURVEY.RESPONSES', spark: 'survey.responses', redshift: 'survey.responses' };
const variants = {
  month: ['--by', 'Country,Plan'],
  'latest-per': ['--by', 'Country,Plan', '--latest-per', 'Respondent ID'],
  week: ['--by', 'Plan', '--period', 'week'],
  quarter: ['--by', 'Country', '--period', 'quarter'],
  day: ['--by', 'Country', '--period', 'day'],
};
const goldenDir = join(root, 'tests/sql/golden');
const segmentsOf = (args) => args[args.indexOf('--by') + 1].split(',');

for (const dialect of Object.keys(parserDialect)) {
  for (const [name, args] of Object.entries(variants)) {
    test(`${dialect} ${name}: equals its golden file and parses as ${parserDialect[dialect]}`, () => {
      const sql = npskit(['sql', '--dialect', dialect, '--table', tableOf[dialect], '--score', 'Likely to recommend',
        '--date', 'Submitted At', ...args]);
      const golden = join(goldenDir, `${dialect}-${name}.sql`);
      if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) {
        assert.ok(process.env.UPDATE_GOLDEN === '1', `missing golden ${golden}: run with UPDATE_GOLDEN=1 and review it`);
        writeFileSync(golden, sql);
      }
      assert.equal(sql, readFileSync(golden, 'utf8'));

      let ast = new Parser().astify(sql, { database: parserDialect[dialect] });
      if (Array.isArray(ast)) ast = ast[0];
      assert.equal(ast.type, 'select');
      const names = ast.columns.map((c) => (typeof c.as === 'string' ? c.as : c.as?.value));
      const counts = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 'blank', 'rejected'];
      assert.deepEqual(names, ['npskit_tallies', 'period_unit', 'period', ...segmentsOf(args), ...counts]);
      // Two GROUP BYs: a pre-count per score code and raw group (so the score's
      // expression runs once a row), then one output row per period and segment value.
      const groupBys = [...sql.matchAll(/GROUP BY ([^\n]+)/g)].map((m) => m[1]);
      const segs = segmentsOf(args).map((_, i) => `, g${i + 1}`).join('');
      assert.deepEqual(groupBys, [`sc, p0${segs.replace(/g/g, 'c')}`, `g0${segs}`]);
      if (name === 'latest-per') assert.match(sql, /ROW_NUMBER\(\) OVER \(PARTITION BY/);
    });
  }
}

test('ClickHouse SQL uses only what ClickHouse 18.16 has (no window functions, no trim, no CTE subqueries)', () => {
  for (const args of Object.values(variants)) {
    const sql = npskit(['sql', '--dialect', 'clickhouse', '--table', 'db.responses', '--score', 's', '--date', 'd', ...args]);
    assert.doesNotMatch(sql, /OVER \(|trimBoth|\btrim\(|WITH \w+ AS \(/i);
  }
});

test('npskit sql refuses unusable options with a message naming them', () => {
  const run = (...a) => spawnSync(join(root, 'build/native/bin/npskit'), ['sql', ...a], { encoding: 'utf8' });
  const cases = [
    [['--table', 't', '--score', 's'], /--dialect/],
    [['--dialect', 'oracle', '--table', 't', '--score', 's'], /--dialect must be/],
    [['--dialect', 'duckdb', '--score', 's'], /--table is required/],
    [['--dialect', 'duckdb', '--table', 't', '--date', 'd'], /--score is required/],
    [['--dialect', 'duckdb', '--table', 't', '--score', 's', '--period', 'month'], /--date is required/],
    [['--dialect', 'duckdb', '--table', 't', '--score', 's', '--date', 'd', '--by', 'period'], /reserves/],
    [['--dialect', 'duckdb', '--table', 't', '--score', 's', '--date', 'd', '--by', 'a,a'], /twice/],
    [['--dialect', 'duckdb', '--table', 't', '--score', 's', '--date', 'd', '--period', 'year'], /--period must be/],
  ];
  for (const [args, message] of cases) {
    const r = run(...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.match(r.stderr, message);
  }
});

