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

    const session = await openSession([{ name: 'tallies.csv', data: new TextEncoder().encode(all) }]);
    try {
      assert.equal(session.fileErrors.length, 1);
      const info = session.info();
      assert.match(info.files[0].error ?? '', /tallies file/);
      assert.equal(info.rows, 0);
    } finally {
      session.close?.();
    }
  } finally {
    fx.cleanup();
  }
});
