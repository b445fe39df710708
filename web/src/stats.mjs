// Statistics the dashboard needs beyond the core's report: comparing two
// arbitrary segments, the impact of a segment, and sample size for a goal.
// Same adjusted-Wald formulas as the core (DESIGN.md, Rocks 2016). These work
// on tallies the report already carries; the core's API has no call for them.

const Z95 = 1.959963984540054;

/** Adjusted Wald pieces of a tally {n, promoters, detractors}. */
export function adjusted({ n, promoters, detractors }) {
  const n1 = n + 3;
  const p = (promoters + 0.75) / n1;
  const d = (detractors + 0.75) / n1;
  const v = p - d;
  return { n1, nps: v, variance: p + d - v * v };
}

/** Are two independent groups' NPS different? diff in points (a - b). */
export function compare(a, b, z = Z95) {
  const A = adjusted(a), B = adjusted(b);
  const se = Math.sqrt(A.variance / A.n1 + B.variance / B.n1);
  const diff = 100 * (a.n ? (a.promoters - a.detractors) / a.n : 0) - 100 * (b.n ? (b.promoters - b.detractors) / b.n : 0);
  const tooSmall = a.n < 30 || b.n < 30;
  return { diff, zScore: se ? (A.nps - B.nps) / se : 0, significant: !tooSmall && se > 0 && Math.abs(A.nps - B.nps) / se > z, tooSmall };
}

/** Tallies subtract: the rest of the responses = overall - segment. */
export function rest(overall, seg) {
  return {
    n: overall.n - seg.n,
    promoters: overall.promoters - seg.promoters,
    passives: overall.passives - seg.passives,
    detractors: overall.detractors - seg.detractors,
  };
}

const npsOf = (t) => (t.n ? (100 * (t.promoters - t.detractors)) / t.n : 0);

/**
 * Impact: how many points overall NPS would move if this segment scored like
 * the rest (same promoter/detractor shares as everybody else, same n).
 * = (n_seg / n_all) * (NPS_rest - NPS_seg).
 */
export function impact(overall, seg) {
  const r = rest(overall, seg);
  if (!r.n || !overall.n) return 0;
  return (seg.n / overall.n) * (npsOf(r) - npsOf(seg));
}

/**
 * Responses needed so that a gap of `gapPoints` between the current score and a
 * goal is detectable (the 95% margin shrinks to the gap): n = var*z^2/d^2 - 3.
 */
export function sampleSizeForGap(tally, gapPoints, z = Z95) {
  const d = Math.abs(gapPoints) / 100;
  if (!d) return Infinity;
  const { variance } = adjusted(tally);
  return Math.max(1, Math.ceil((Math.max(variance, 0.05) * z * z) / (d * d) - 3));
}
