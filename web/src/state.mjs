// View state: period, segment column, filters, hygiene switches. It lives in
// the URL hash (shareable, back/forward work) and never holds imported rows.

const listeners = new Set();

export const state = {
  period: 'month',
  seg: null,          // segment column shown in the segments panel
  from: null,         // date range filter (YYYY-MM-DD)
  to: null,
  where: [],          // [{ column, op: 'eq' | 'ne', value }]: cross-filters and exclusions
  latest: false,      // latest response per person
  ctheme: null,       // comment list: only comments mentioning this theme (name)
  ckp: null,          // comment list: only comments containing this keyphrase
  csent: null,        // comment list: only this sentiment (positive | neutral | negative)
  // Not in the URL (the lists' own controls, as they were before a reload):
  csearch: '',        // comment list: search text
  ccat: '',           // comment list: only this category ('' = all)
  coffset: 0,         // comment list: first row shown
  lwho: 'detractor',  // close the loop: who to contact (detractor | passive | promoter)
  lhide: false,       // close the loop: hide the people followed up
  loffset: 0,         // close the loop: first row shown
  cmpA: null,         // segments: the two values compared (null: the column's first two)
  cmpB: null,
};

const SENTIMENTS = ['positive', 'neutral', 'negative'];

export function toHash(s = state) {
  const p = new URLSearchParams();
  if (s.period !== 'month') p.set('period', s.period);
  if (s.seg) p.set('seg', s.seg);
  if (s.from) p.set('from', s.from);
  if (s.to) p.set('to', s.to);
  if (s.where.length) p.set('where', JSON.stringify(s.where));
  if (s.latest) p.set('latest', '1');
  if (s.ctheme) p.set('theme', s.ctheme);
  if (s.ckp) p.set('kp', s.ckp);
  if (s.csent) p.set('sent', s.csent);
  return p.toString();
}

export function fromHash(hash) {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  let where = [];
  try {
    const w = JSON.parse(p.get('where') || '[]');
    if (Array.isArray(w)) where = w.filter((x) => x && typeof x.column === 'string' && (x.op === 'eq' || x.op === 'ne')).map((x) => ({ column: x.column, op: x.op, value: String(x.value ?? '') }));
  } catch { /* a hand-edited hash: ignore the bad part */ }
  const period = ['day', 'week', 'month', 'quarter'].includes(p.get('period')) ? p.get('period') : 'month';
  const date = (v) => (/^\d{4}-\d{2}-\d{2}$/.test(v || '') ? v : null);
  const text = (v) => (v ? v.slice(0, 200) : null);
  const out = { period, seg: p.get('seg') || null, from: date(p.get('from')), to: date(p.get('to')), where, latest: p.get('latest') === '1' };
  // The comment list's filters: only when set (loadFromHash resets them first).
  if (text(p.get('theme'))) out.ctheme = text(p.get('theme'));
  if (text(p.get('kp'))) out.ckp = text(p.get('kp'));
  if (SENTIMENTS.includes(p.get('sent'))) out.csent = p.get('sent');
  return out;
}

/** Merge a change, write the hash (without adding a reload), notify panels. */
export function update(change) {
  Object.assign(state, change);
  const h = toHash();
  if (location.hash.replace(/^#/, '') !== h) history.replaceState(null, '', h ? '#' + h : location.pathname + location.search);
  for (const fn of listeners) fn(state);
}

export function onChange(fn) { listeners.add(fn); }

export function loadFromHash() { Object.assign(state, { ctheme: null, ckp: null, csent: null }, fromHash(location.hash)); }

/** The query the core understands (docs/js-api.md, session.report). */
export function toQuery(s = state) {
  return {
    period: s.period,
    segments: s.seg ? [s.seg] : undefined,
    filters: { from: s.from, to: s.to, where: s.where },
    latestPerPerson: s.latest || undefined,
  };
}

/** The query for session.comments / the comment list: filters only, plus the user's themes. */
export function commentQuery(s = state, themes) {
  return {
    period: s.period,
    filters: { from: s.from, to: s.to, where: s.where },
    latestPerPerson: s.latest || undefined,
    themes: themes?.themes?.length ? themes : undefined,
  };
}

export function addWhere(column, op, value) {
  const where = state.where.filter((w) => !(w.column === column && w.op === 'eq' && op === 'eq'));
  if (!where.some((w) => w.column === column && w.op === op && w.value === value)) where.push({ column, op, value });
  update({ where });
}
export function removeWhere(i) { update({ where: state.where.filter((_, j) => j !== i) }); }
