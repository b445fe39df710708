// The render plan (web/src/view.mjs): what one render asks the core and which panels
// a change draws again. Pure module, no browser. The expected sets are written out
// by hand from what each panel shows (not read back from view.mjs's table).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plan, emptyMemo, noteAnswered, noteDrawn, PANELS, AFTER_NUMBERS, comparedPair, derivedCalls } from '../../web/src/view.mjs';

const ALL = ['filters', 'headline', 'readout', 'distribution', 'trend', 'segments', 'benchmarks', 'data', 'themes', 'comments', 'loop'];
const REPORT_PANELS = ['headline', 'readout', 'distribution', 'trend', 'segments', 'benchmarks', 'data', 'themes'];

const fresh = () => ({
  period: 'month', seg: 'Country', from: null, to: null, where: [], latest: false, ctheme: null, ckp: null, csent: null,
  csearch: '', ccat: '', coffset: 0, lwho: 'detractor', lhide: false, loffset: 0,
});
const rows = { tallies: false, hasComment: true };

/** Plans a render of `s`, then records it as drawn and answered (what main.mjs does). */
function render(s, memo, session = rows, opts) {
  const p = plan(s, session, memo, opts);
  for (const key of Object.keys(p.ask)) noteAnswered(memo, p, key);
  for (const id of p.panels) noteDrawn(memo, p, id);
  return p;
}
const sorted = (xs) => [...xs].sort();

test('a new session draws every panel from one request, the numbers asked first', () => {
  const p = render(fresh(), emptyMemo());
  assert.deepEqual(sorted(p.panels), sorted(ALL));
  assert.deepEqual(Object.keys(p.ask), ['report', 'loopRows', 'commentRows', 'comments']);
  assert.deepEqual(Object.values(p.ask).map((c) => c.method), ['report', 'rows', 'rows', 'comments']);
  // Comment analytics never delay the numbers: a request of their own, after the report's.
  assert.deepEqual(AFTER_NUMBERS, ['loopRows', 'commentRows', 'comments']);
  assert.deepEqual(p.ask.report.query.segments, ['Country']);
  assert.equal(p.ask.commentRows.query.limit, 25);
  assert.equal(p.ask.loopRows.query.category, 'detractor');
});

test('a filter change asks every call again and draws every panel that shows filtered data', () => {
  const memo = emptyMemo();
  const s = fresh();
  render(s, memo);
  s.where = [{ column: 'Country', op: 'eq', value: 'DE' }];
  const p = render(s, memo);
  assert.deepEqual(sorted(p.panels), sorted(ALL));
  assert.deepEqual(Object.keys(p.ask), ['report', 'loopRows', 'commentRows', 'comments']);
  for (const call of Object.values(p.ask)) assert.deepEqual(call.query.filters.where, s.where);
});

test('the comment list alone changes when only its theme, search or page changes', () => {
  const memo = emptyMemo();
  const s = fresh();
  render(s, memo);
  s.ctheme = 'delivery';
  let p = render(s, memo);
  assert.deepEqual(sorted(p.panels), ['comments', 'themes'], 'the themes panel marks the chosen theme');
  assert.deepEqual(Object.keys(p.ask), ['commentRows']);
  assert.equal(p.ask.commentRows.query.theme, 'delivery');
  s.coffset = 25;
  p = render(s, memo);
  assert.deepEqual(p.panels, ['comments']);
  assert.deepEqual(Object.keys(p.ask), ['commentRows']);
  assert.equal(p.ask.commentRows.query.offset, 25);
  // A new search lists from the first page again.
  s.csearch = 'late';
  p = render(s, memo);
  assert.equal(s.coffset, 0);
  assert.equal(p.ask.commentRows.query.offset, 0);
  assert.equal(p.ask.commentRows.query.search, 'late');
});

test('the segment column: report panels and the comment list, not the comment analytics', () => {
  const memo = emptyMemo();
  const s = fresh();
  render(s, memo);
  s.seg = 'Plan';
  const p = render(s, memo);
  assert.deepEqual(sorted(p.panels), sorted([...REPORT_PANELS, 'comments']));
  assert.deepEqual(Object.keys(p.ask), ['report', 'commentRows'], 'the comments section does not depend on it');
});

test('close the loop: its own controls redraw it alone; hiding the followed up asks every row', () => {
  const memo = emptyMemo();
  const s = fresh();
  render(s, memo);
  s.lwho = 'promoter';
  let p = render(s, memo);
  assert.deepEqual(p.panels, ['loop']);
  assert.equal(p.ask.loopRows.query.category, 'promoter');
  s.lhide = true;
  p = render(s, memo);
  assert.deepEqual(p.panels, ['loop']);
  assert.deepEqual([p.ask.loopRows.query.offset, p.ask.loopRows.query.limit], [0, 10000]);
  s.loffset = 25; // paged locally: nothing asked
  p = render(s, memo);
  assert.deepEqual(p.panels, ['loop']);
  assert.deepEqual(p.ask, {});
});

test('a full redraw (colour scheme, stored settings) draws everything and asks nothing', () => {
  const memo = emptyMemo();
  const s = fresh();
  render(s, memo);
  const p = render(s, memo, rows, { full: true });
  assert.deepEqual(sorted(p.panels), sorted(ALL));
  assert.deepEqual(p.ask, {});
  assert.deepEqual(render(s, memo).panels, [], 'nothing changed: nothing drawn');
});

test('tallies ask no rows; no comment column asks no comment analytics', () => {
  let p = render(fresh(), emptyMemo(), { tallies: true, hasComment: false });
  assert.deepEqual(Object.keys(p.ask), ['report', 'comments']);
  p = render(fresh(), emptyMemo(), { tallies: false, hasComment: false });
  assert.deepEqual(Object.keys(p.ask), ['report', 'loopRows', 'commentRows']);
});

test('every panel the dashboard has is planned', () => {
  assert.deepEqual(sorted(Object.keys(PANELS)), sorted(ALL));
});

test('the numeric panels (the numbersReady mark) and the panels waiting for comment analytics', () => {
  assert.deepEqual(sorted(Object.keys(PANELS).filter((id) => PANELS[id].numbers)),
    sorted(['headline', 'readout', 'distribution', 'trend', 'segments', 'benchmarks', 'data']));
  assert.deepEqual(Object.fromEntries(Object.keys(PANELS).filter((id) => PANELS[id].comments).map((id) => [id, PANELS[id].comments])),
    { themes: 'comments', comments: 'commentRows' });
});

test('statistics on the report: the compared pair and the goal sample size', () => {
  const seg = (value, p, pa, d) => ({ value, promoters: p, passives: pa, detractors: d, n: p + pa + d });
  const report = {
    options: { confidence: 0.9 },
    overall: { n: 100, nps: 10, histogram: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 45] },
    segments: { Country: [seg('US', 30, 10, 20), seg('DE', 10, 5, 10), seg('FR', 5, 5, 5)] },
  };
  const s = { ...fresh(), cmpA: null, cmpB: null };
  assert.deepEqual(comparedPair(report.segments.Country, s), { a: 'US', b: 'DE' }, 'the first two by default');
  s.cmpB = 'FR';
  assert.deepEqual(comparedPair(report.segments.Country, s), { a: 'US', b: 'FR' });
  s.cmpA = 'gone'; // a value the column no longer lists
  assert.deepEqual(comparedPair(report.segments.Country, s), { a: 'US', b: 'FR' });
  let d = derivedCalls(report, s, { goal: null });
  assert.deepEqual(d.compare, { method: 'stats', query: { confidence: 0.9, compare: { a: { promoters: 30, passives: 10, detractors: 20 }, b: { promoters: 5, passives: 5, detractors: 5 } } } });
  assert.equal(d.sampleSize, null, 'no goal: nothing to ask');
  assert.equal(derivedCalls(report, s, { goal: 10 }).sampleSize, null, 'goal reached exactly: no gap');
  d = derivedCalls(report, s, { goal: 40 });
  assert.deepEqual(d.sampleSize.query, { confidence: 0.9, sampleSize: { margin: 30, expected: { histogram: report.overall.histogram } } });
  assert.equal(derivedCalls(report, { ...s, seg: null }, {}).compare, null, 'no segment column: no compare');
});
