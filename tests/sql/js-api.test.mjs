// The JS API reads tallies as the CLI does (the same core, compiled to wasm):
// analyze() recognizes one tallies file by its header, analyzeTallies() adds
// several, a raw export is refused there, and a dashboard session refuses tallies
// (read as rows they would give wrong numbers).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { analyze, analyzeTallies, openSession } from '../../js/index.mjs';
import { fixture, npskit, rawArgs } from './helpers.mjs';

test('JS analyze() and analyzeTallies() give the CLI\'s report from tallies', async () => {
  const fx = fixture(2000, 5);
  try {
    const all = npskit(['tally', fx.csv, ...rawArgs, '--by', 'month,Country']);
    const [header, ...lines] = all.trimEnd().split('\n');
    const half = Math.floor(lines.length / 2);
    const a = `${header}\n${lines.slice(0, half).join('\n')}\n`;
    const b = JSON.stringify(lines.slice(half).map((l) => {
      const cells = l.split(',');  // no quoted cells in this data
      return Object.fromEntries(header.split(',').map((h, i) => [h, cells[i]]));
    }));
    const cli = JSON.parse(npskit(['analyze', '-', '--compact'], all));
    assert.equal(cli.source.format, 'tallies');
    const one = await analyze(new TextEncoder().encode(all));
    assert.deepEqual(one, cli);
    const two = await analyzeTallies([new TextEncoder().encode(a), new TextEncoder().encode(b)]);
    assert.deepEqual(two.overall, cli.overall);
    assert.deepEqual(two.segments, cli.segments);
    assert.deepEqual(two.trend, cli.trend);
    assert.equal(two.source.files, 2);

    await assert.rejects(analyzeTallies([new TextEncoder().encode(a), readFileSync(fx.csv)]), /only tallies files add up|not a tallies file/);
    await assert.rejects(analyzeTallies([readFileSync(fx.csv)]), /not a tallies file/);

    // A session (the dashboard) reads tallies too: two parts add up to the CLI's report;
    // what needs the responses says so; a raw export in the same session is refused.
    const session = await openSession([{ name: 'a.csv', data: new TextEncoder().encode(a) },
      { name: 'b.json', data: new TextEncoder().encode(b) }, { name: 'raw.csv', data: readFileSync(fx.csv) }]);
    try {
      assert.deepEqual(session.fileErrors.map((e) => e.file), ['raw.csv']);
      assert.match(session.fileErrors[0].error, /cannot be analyzed together/);
      const report = session.report({});
      assert.deepEqual(report.overall, cli.overall);
      assert.deepEqual(report.segments, cli.segments);
      assert.deepEqual(report.trend, cli.trend);
      assert.equal(session.info().tallies.files, 2);
      assert.match(session.rows({}).not_available, /not available for tallies/);
      assert.throws(() => session.report({ latestPerPerson: true }), /not available for tallies/);
      const de = JSON.parse(npskit(['analyze', '-', '--where', 'Country=DE', '--compact'], all));
      assert.ok(de.overall.n > 0 && de.overall.n < cli.overall.n, 'the filter keeps some groups');
      assert.deepEqual(session.report({ filters: { where: [{ column: 'Country', op: 'eq', value: 'DE' }] } }).overall, de.overall);
    } finally {
      session.close?.();
    }
  } finally {
    fx.cleanup();
  }
});
