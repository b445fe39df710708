// Unit tests of the dashboard's pure modules (no browser): CSV neutralization,
// view-state hash parsing, and the statistics the dashboard adds to the report.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';
import { neutralize, toCSV } from '../../web/src/csv.mjs';
import { fromHash, toHash } from '../../web/src/state.mjs';
import { compare, impact, sampleSizeForGap } from '../../web/src/stats.mjs';
import { layoutKey } from '../../web/src/store.mjs';

test('CSV cells that a spreadsheet would run are neutralized', () => {
  for (const bad of ['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '=HYPERLINK("http://x","y")']) {
    assert.equal(neutralize(bad), "'" + bad);
  }
  assert.equal(neutralize(-5), '-5', 'numbers stay numbers');
  assert.equal(neutralize('plain text'), 'plain text');
  assert.equal(neutralize(null), '');
  assert.equal(toCSV([['a', 'b'], ['x,y', 'say "hi"'], ['line\nbreak', '=cmd']]),
    'a,b\r\n"x,y","say ""hi"""\r\n"line\nbreak",\'=cmd\r\n');
});

test('the URL hash holds view state only and survives hand edits', () => {
  const s = { period: 'week', seg: 'Plan', from: '2025-01-01', to: null, where: [{ column: 'Country', op: 'eq', value: 'DE' }], latest: true };
  assert.deepEqual(fromHash('#' + toHash(s)), s);
  const bad = fromHash('#period=year&from=yesterday&where=' + encodeURIComponent('[{"column":"x","op":"drop"},{"column":"c","op":"ne","value":1}]'));
  assert.equal(bad.period, 'month');
  assert.equal(bad.from, null);
  assert.deepEqual(bad.where, [{ column: 'c', op: 'ne', value: '1' }]);
  assert.deepEqual(fromHash('#where=%7Bnot json').where, []);
});

test('segment statistics agree with the core report', async () => {
  const { analyze } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);
  const r = await analyze(fs.readFileSync(path.join(root, 'examples/sample/responses.csv')));
  for (const [col, values] of Object.entries(r.segments)) {
    for (const seg of values) {
      const rest = { n: r.overall.n - seg.n, promoters: r.overall.promoters - seg.promoters, detractors: r.overall.detractors - seg.detractors };
      const c = compare(seg, rest);
      assert.equal(c.significant, seg.vs_rest.significant, `${col}=${seg.value}: significance`);
      assert.ok(Math.abs(c.diff - seg.vs_rest.diff) < 0.011, `${col}=${seg.value}: diff ${c.diff} vs ${seg.vs_rest.diff}`);
      if (seg.impact != null) assert.ok(Math.abs(impact(r.overall, seg) - seg.impact) < 0.011, `${col}=${seg.value}: impact`);
    }
  }
  // Sample size: a smaller gap needs more responses.
  assert.ok(sampleSizeForGap(r.overall, 5) > sampleSizeForGap(r.overall, 10));
  assert.equal(sampleSizeForGap(r.overall, 0), Infinity);
});

test('a header layout key ignores column order', () => {
  assert.equal(layoutKey(['a', 'b', 'c']), layoutKey(['c', 'a', 'b']));
  assert.notEqual(layoutKey(['a', 'b']), layoutKey(['a', 'b', 'c']));
});
