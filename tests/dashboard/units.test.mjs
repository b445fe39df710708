// Unit tests of the dashboard's pure modules (no browser): CSV neutralization,
// view-state hash parsing, and the statistics the dashboard asks of the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './helpers.mjs';
import { neutralize, toCSV } from '../../web/src/csv.mjs';
import { fromHash, toHash } from '../../web/src/state.mjs';
import { layoutKey } from '../../web/src/store.mjs';
import { scoreRange } from '../../web/src/format.mjs';

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

test('the statistics the dashboard asks of the core (stats) agree with its report', async () => {
  const { analyze, stats } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);
  const r = await analyze(fs.readFileSync(path.join(root, 'examples/sample/responses.csv')));
  const tally = (t) => ({ promoters: t.promoters, passives: t.passives, detractors: t.detractors });
  let judged = 0;
  for (const [col, values] of Object.entries(r.segments)) {
    for (const seg of values) {
      const rest = { promoters: r.overall.promoters - seg.promoters, passives: r.overall.passives - seg.passives, detractors: r.overall.detractors - seg.detractors };
      const { compare: c } = await stats({ compare: { a: tally(seg), b: rest } });
      // The same test as the report's vs_rest, judged alone (the report judges a column's values together).
      assert.equal(c.diff, seg.vs_rest.diff, `${col}=${seg.value}: diff`);
      assert.equal(c.z, seg.vs_rest.z, `${col}=${seg.value}: z`);
      assert.equal(c.p, seg.vs_rest.p, `${col}=${seg.value}: p`);
      assert.equal(c.too_small, seg.vs_rest.too_small);
      assert.equal(c.significant, !c.too_small && c.p < 0.05, `${col}=${seg.value}: alone, significant means p < 0.05`);
      if (!c.too_small) { judged++; assert.ok(seg.vs_rest.p_adjusted >= c.p, 'the family adjustment never lowers p'); }
    }
  }
  assert.ok(judged > 10);
  // Sample size: equal to the report's for the same margin and variance; a smaller margin needs more.
  const need = async (margin) => (await stats({ sampleSize: { margin, expected: { histogram: r.overall.histogram } } })).sample_size;
  assert.equal(await need(5), r.overall.sample_size_for_margin['5']);
  assert.ok(await need(5) > await need(10));
  await assert.rejects(stats({ sampleSize: { margin: 0 } }), /sampleSize\.margin/);
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

test('the category labels name the scores as the core assigns them', async () => {
  const { analyze } = await import(pathToFileURL(path.join(root, 'js/index.mjs')).href);
  const r = await analyze(fs.readFileSync(path.join(root, 'examples/sample/responses.csv')));
  // NPS: 0-6 detractors, 7-8 passives, 9-10 promoters (Reichheld), written out here.
  assert.equal(scoreRange(r.overall.histogram_categories, 'detractor'), '0–6');
  assert.equal(scoreRange(r.overall.histogram_categories, 'passive'), '7–8');
  assert.equal(scoreRange(r.overall.histogram_categories, 'promoter'), '9–10');
  assert.equal(scoreRange(['detractor', 'promoter'], 'promoter'), '1');
  assert.equal(scoreRange(undefined, 'promoter'), null, 'no categories given: no range shown');
});
