// The generated ClickHouse SQL on a real two-shard cluster: two clickhouse-server
// processes on loopback, a MergeTree table on each holding half of the rows, a
// Distributed table over both, and the query run through the Distributed table.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { latestPerPerson, toCsv } from './data.mjs';
import { assertSameAsNpskit, fixture, normalizeTallies, npskit, oracleHistogram, parseCsv, rawArgs, sqlFor } from './helpers.mjs';
import { haveClickHouse, startClickHouseCluster } from './engines.mjs';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const tsvCell = (v) => v.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n');
const tsv = (rows) => rows.map((x) => [x.Respondent, x.Submitted === '' ? '\\N' : x.Submitted, x.score, x.Country, x.Plan].map((v, i) => (i === 1 ? v : tsvCell(v))).join('\t')).join('\n') + '\n';

test('ClickHouse, two shards through a Distributed table: tallies and report equal npskit\'s', { skip: !haveClickHouse() && 'clickhouse-server not installed (scripts/setup.sh installs it)', timeout: 240000 }, async () => {
  const fx = fixture(3000, 11);
  const ch = await startClickHouseCluster(2);
  try {
    const version = ch.version();
    assert.match(version, /^\d+\.\d+/);
    ch.runAll('CREATE TABLE responses_local (`Respondent` String, `Submitted` Nullable(Date), `Likely to recommend` String, `Country` String, `Plan` String) ENGINE = MergeTree() ORDER BY tuple()');
    ch.runAll('CREATE TABLE responses AS responses_local ENGINE = Distributed(npskit, default, responses_local, rand())');
    // Half the rows on each shard, written to the shards' own tables.
    const halves = [fx.rows.filter((_, i) => i % 2 === 0), fx.rows.filter((_, i) => i % 2 === 1)];
    halves.forEach((half, shard) => ch.run('INSERT INTO responses_local FORMAT TabSeparated', tsv(half), shard));
    const perShard = [0, 1].map((s) => Number(ch.run('SELECT count() FROM responses_local', undefined, s)));
    assert.deepEqual(perShard, [1500, 1500]);
    assert.equal(Number(ch.run('SELECT count() FROM responses')), 3000);

    const sql = sqlFor('clickhouse');
    const out = ch.run(`${sql} FORMAT CSVWithNames`);
    assertSameAsNpskit(out, fx);

    // The same through JSON output (FORMAT JSON: {"meta":..,"data":[..]}): npskit reads it as is.
    const json = ch.run(`${sql} FORMAT JSON`);
    const jsonFile = join(fx.dir, 'ch.json');
    writeFileSync(jsonFile, json);
    const csvFile = join(fx.dir, 'ch.csv');
    writeFileSync(csvFile, out);
    assert.deepEqual(JSON.parse(npskit(['analyze', jsonFile, '--compact'])).overall, JSON.parse(npskit(['analyze', csvFile, '--compact'])).overall);

    // Latest response per person (argMax per person: ClickHouse 18.16 has no window functions).
    const latest = ch.run(`${sqlFor('clickhouse', ['--latest-per', 'Respondent'])} FORMAT CSVWithNames`);
    const isValid = (x) => { const t = x.score.trim(); return t !== '' && /^(-0+|0*([0-9]|10))([.,]0+)?$/.test(t); };
    const kept = latestPerPerson(fx.rows, isValid);
    assert.ok(kept.length < fx.rows.length - 100, 'the data has repeat respondents');
    const keptCsv = join(fx.dir, 'kept.csv');
    writeFileSync(keptCsv, toCsv(kept));
    const expected = parseCsv(npskit(['tally', keptCsv, ...rawArgs, '--by', 'month,Country,Plan']));
    assert.deepEqual(normalizeTallies(parseCsv(latest)), normalizeTallies(expected));
    assert.equal(parseCsv(latest).reduce((a, r) => a + Number(r.s10), 0), oracleHistogram(kept).h[10]);
    console.log(`# ClickHouse ${version}, 2 shards`);
  } finally {
    await ch.stop();
    fx.cleanup();
  }
});
