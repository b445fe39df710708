// examples/dask/nps_dask.py on a local Dask cluster of worker processes (Debian's
// python3-dask / python3-distributed under /usr/bin/python3): the report from the
// merged partials equals `npskit analyze --comments` on the whole file, comments
// section (themes, sentiment, keyphrases) included.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { test } from 'node:test';

import { comparable, npskit, root } from './helpers.mjs';

const PY = '/usr/bin/python3';
const haveDask = spawnSync(PY, ['-c', 'import dask.distributed'], { encoding: 'utf8' }).status === 0;
const sample = join(root, 'examples/sample/responses.csv');
const columns = ['--score', 'How likely are you to recommend Acme to a friend or colleague?', '--date', 'Submitted At',
  '--comment', 'What is the main reason for your score?'];

test('Dask: partials of 6 parts on 3 worker processes add up to analyze --comments of the whole file',
  { skip: !haveDask && 'python3-dask / python3-distributed not installed (scripts/setup.sh installs them)', timeout: 180000 }, () => {
    const r = spawnSync(PY, [join(root, 'examples/dask/nps_dask.py'), sample, '--by', 'month,Country,Plan', ...columns,
      '--workers', '3', '--parts', '6'], { encoding: 'utf8', timeout: 170000, maxBuffer: 1 << 28 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /6 parts on 3 workers/);
    const fromDask = JSON.parse(r.stdout);
    const whole = JSON.parse(npskit(['analyze', sample, ...columns, '--segment', 'Country', '--segment', 'Plan', '--comments', '--compact']));
    assert.deepEqual(comparable(fromDask), comparable(whole));
    assert.ok(whole.comments.comments > 1000, 'the sample has comments');
    assert.deepEqual(fromDask.comments, whole.comments);
    assert.equal(fromDask.source.files, 1);  // one merged partial
    assert.equal(fromDask.source.format, 'tallies');
  });
