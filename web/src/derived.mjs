// The statistics a render asks of the core on the report's own tallies, once the
// report is in: the one place that decides which (view.mjs re-exports it for the
// page; the core worker runs it too, to answer them in the report's own request:
// worker.mjs `derive`). Pure: the report and three fields of the view state in.

/**
 * The two segment values compared (segments panel): the ones picked (view state
 * cmpA, cmpB) while the column lists them, else its first two. Rows: report.segments[seg].
 */
export function comparedPair(rows, s) {
  const values = (rows ?? []).map((r) => r.value);
  const a = values.includes(s.cmpA) ? s.cmpA : values[0] ?? null;
  const b = values.includes(s.cmpB) ? s.cmpB : values[1] ?? null;
  return { a, b };
}

/**
 * The statistics a render asks of the core on the report's tallies (stats calls):
 * `compare`, the two compared segment values; `sampleSize`, responses needed to tell
 * the gap to the goal apart (goal: the user's NPS goal, or null). A call is null
 * when there is nothing to ask (its panel then shows no result).
 */
export function derivedCalls(report, s, { goal = null } = {}) {
  const confidence = report.options?.confidence;
  const rows = (s.seg && report.segments?.[s.seg]) || [];
  const { a, b } = comparedPair(rows, s);
  const A = rows.find((r) => r.value === a), B = rows.find((r) => r.value === b);
  const tally = (r) => ({ promoters: r.promoters, passives: r.passives, detractors: r.detractors });
  const o = report.overall;
  const gap = goal != null && o.n ? goal - o.nps : 0;
  return {
    compare: A && B ? { method: 'stats', query: { confidence, compare: { a: tally(A), b: tally(B) } } } : null,
    sampleSize: gap !== 0 ? { method: 'stats', query: { confidence, sampleSize: { margin: Math.min(Math.abs(gap), 200), expected: { histogram: o.histogram } } } } : null,
  };
}
