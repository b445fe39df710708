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

test('the workers\' warm-up export reaches every hot path of the core', async () => {
  // If detection missed a column, the warm-up would leave that path cold (web/src/warmup.mjs).
  const { warmupCsv, warmUp } = await import('../../web/src/warmup.mjs');
  const { analyze } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);
  const r = await analyze(warmupCsv(2000), { comments: true, segments: undefined });
  assert.equal(r.rows.read, 2000);
  assert.equal(r.rows.rejected, 0);
  assert.equal(r.overall.n, 1960, 'every 50th score is blank, the rest are valid');
  assert.equal(r.columns.score, 'How likely are you to recommend us?');
  assert.equal(r.columns.date, 'Submitted At');
  assert.equal(r.columns.comment, 'Why?');
  assert.deepEqual(Object.keys(r.segments).sort(), ['Country', 'Plan']);
  assert.ok(r.trend.points.length >= 12, 'dates spread over many months');
  const labels = r.comments.sentiment;
  assert.ok(labels.positive > 0 && labels.negative > 0, 'both sentiments occur');
  assert.ok(r.comments.themes.filter((t) => t.mentions > 0).length >= 3, 'built-in themes match');
  assert.ok(r.comments.keyphrases.distinct > 0, 'keyphrases found');
  await warmUp('session', { rows: 500 });
  await warmUp('analyze', { rows: 500 });
  // A real request stops it (worker.mjs aborts the signal).
  for (const kind of ['session', 'analyze']) {
    await assert.rejects(warmUp(kind, { rows: 500, signal: AbortSignal.abort() }), (e) => e.name === 'AbortError', kind);
  }
  const stop = new AbortController();
  const running = warmUp('session', { rows: 500, signal: stop.signal });
  setTimeout(() => stop.abort(), 0); // between two of its query steps
  await assert.rejects(running, (e) => e.name === 'AbortError', 'stopped midway');
});
