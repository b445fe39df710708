// Number and text formatting shared by the panels: one place decides how an
// NPS, a share or an interval looks.

const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

export const int = (n) => (n == null ? '–' : nf0.format(n));
export const nps = (v) => (v == null || Number.isNaN(v) ? '–' : (v > 0 ? '+' : v < 0 ? '−' : '') + nf1.format(Math.abs(v)));
export const pct = (v) => (v == null ? '–' : nf1.format(v) + '%');
export const signed = (v) => (v == null ? '–' : (v > 0 ? '+' : v < 0 ? '−' : '±') + nf1.format(Math.abs(v)));
export const ci = (c) => (c ? `${nps(c[0])} to ${nps(c[1])}` : '–');
export const bytes = (b) => (b >= 1e9 ? (b / 1e9).toFixed(2) + ' GB' : b >= 1e6 ? (b / 1e6).toFixed(1) + ' MB' : b >= 1e3 ? (b / 1e3).toFixed(0) + ' kB' : b + ' B');

/** A plain-language reading of a score and its interval, for people who do not read CIs. */
export function reading(overall) {
  const { n, nps: v, ci: c } = overall;
  if (!n) return 'No valid responses match the current filters.';
  if (overall.too_small) return `Only ${n} responses: too few to judge. The true score could be anywhere from ${nps(c[0])} to ${nps(c[1])}.`;
  const band = v >= 70 ? 'exceptional' : v >= 50 ? 'excellent' : v >= 30 ? 'good' : v >= 0 ? 'positive but modest' : 'negative: more detractors than promoters';
  const p = overall.pct;
  const lead = p.promoters >= p.detractors
    ? `${Math.round(p.promoters)}% of respondents would recommend you and ${Math.round(p.detractors)}% would not.`
    : `More respondents are unhappy (${Math.round(p.detractors)}%) than enthusiastic (${Math.round(p.promoters)}%).`;
  return `The score is ${band}. ${lead} With 95% confidence the true NPS lies between ${nps(overall.ci95[0])} and ${nps(overall.ci95[1])} (±${nf1.format(overall.margin ?? (c[1] - c[0]) / 2)}).`;
}

// Labels only: which score is in which category is the core's to say (report.overall.histogram_categories,
// and each row's `category`).
export const CATEGORY = { detractor: 'Detractor', passive: 'Passive', promoter: 'Promoter' };

/** The scores of `category` as the core assigns them ("9–10"), from report.overall.histogram_categories; null if not given. */
export function scoreRange(categories, category) {
  const scores = (categories ?? []).flatMap((c, score) => (c === category ? [score] : []));
  if (!scores.length) return null;
  const lo = scores[0], hi = scores[scores.length - 1];
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

/** "95%" for a confidence of 0.95 (report.options.confidence). */
export const level = (confidence) => `${+(100 * (confidence ?? 0.95)).toFixed(1)}%`;
