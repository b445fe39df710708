// The generated PostgreSQL SQL on a real PostgreSQL 15 (Debian's binaries),
// started here on a temporary data directory with a Unix socket only.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { latestPerPerson, toCsv } from './data.mjs';
import { haveBinary, startPostgres } from './engines.mjs';
import { assertSameAsNpskit, fixture, normalizeTallies, npskit, parseCsv, rawArgs, sqlFor } from './helpers.mjs';

const skip = !haveBinary('/usr/lib/postgresql/15/bin/postgres') && 'PostgreSQL 15 not installed (scripts/setup.sh installs it)';

test('PostgreSQL: tallies and report equal npskit\'s, with and without latest-per-person', { skip, timeout: 180000 }, async () => {
  const fx = fixture(3000, 31);
  const pg = await startPostgres();
  try {
    assert.match(pg.run('SHOW server_version;', { csv: true }), /^server_version\n15\./);
    pg.run('CREATE TABLE responses ("Respondent" text, "Submitted" date, "Likely to recommend" text, "Country" text, "Plan" text);');
    // \copy reads the empty unquoted cells as NULL: a missing date, a blank score.
    pg.copyCsv('responses', fx.csv);
    assert.equal(pg.run('SELECT count(*) FROM responses;', { csv: true }), 'count\n3000\n');
    assertSameAsNpskit(pg.run(sqlFor('postgres'), { csv: true }), fx);

    for (const period of ['week', 'day', 'quarter']) {
      const q = npskit(['sql', '--dialect', 'postgres', '--table', 'responses', '--score', 'Likely to recommend', '--date', 'Submitted', '--by', 'Plan', '--period', period]);
      const ours = parseCsv(npskit(['tally', fx.csv, ...rawArgs, '--by', `${period},Plan`]));
      assert.deepEqual(normalizeTallies(parseCsv(pg.run(q, { csv: true })), ['Plan']), normalizeTallies(ours, ['Plan']), period);
    }

    const latest = pg.run(sqlFor('postgres', ['--latest-per', 'Respondent']), { csv: true });
    const isValid = (x) => /^(-0+|0*([0-9]|10))([.,]0+)?$/.test(x.score.trim());
    const kept = latestPerPerson(fx.rows, isValid);
    const keptCsv = join(fx.dir, 'kept.csv');
    writeFileSync(keptCsv, toCsv(kept));
    const expected = parseCsv(npskit(['tally', keptCsv, ...rawArgs, '--by', 'month,Country,Plan']));
    assert.deepEqual(normalizeTallies(parseCsv(latest)), normalizeTallies(expected));
  } finally {
    await pg.stop();
    fx.cleanup();
  }
});
