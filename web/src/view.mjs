// What a render needs, and what a change re-renders: the one place that decides both.
//
// A render asks the core ONE request (engine.view): a few named calls to the
// session (the report, the comments section, a page of comments, a page of people
// to follow up). Statistics on the report's own tallies (compare two segment
// values, the sample size for the goal) follow in a second request once the report
// is in (derivedCalls). Each panel names the answers it renders and the view state
// it shows beyond them; a panel is drawn again only when one of those changed since
// it was last drawn, and a call is asked only when its query changed since it was
// last answered. Panels fetch nothing: main.mjs hands them what this plans.
import { toQuery, commentQuery } from './state.mjs';
import { ROWS_PER_PAGE } from './export-rows.mjs';
export { comparedPair, derivedCalls } from './derived.mjs';

export const PAGE = 25; // rows per page in the comment list and the close-the-loop list

/**
 * Per panel (in drawing order): `data`, the answers it renders; `derived`, the
 * statistics asked once the report is in (derivedCalls); `state`, the view state it
 * shows beyond them. Every panel also reads the report it was handed, so
 * each waits for the report of a render that asks for one.
 */
export const PANELS = {
  filters: { data: [], state: ['from', 'to', 'where', 'latest'], withNumbers: true },
  headline: { data: ['report'], state: [], numbers: true },
  readout: { data: ['report'], state: [], numbers: true },
  distribution: { data: ['report'], state: [], numbers: true },
  trend: { data: ['report'], state: ['period'], numbers: true },
  segments: { data: ['report'], derived: ['compare'], state: ['seg', 'where', 'cmpA', 'cmpB'], numbers: true },
  benchmarks: { data: ['report'], derived: ['sampleSize'], state: [], numbers: true },
  data: { data: ['report'], state: [], numbers: true },
  loop: { data: ['loopRows'], state: ['lwho', 'lhide', 'loffset'] },
  themes: { data: ['report', 'comments'], state: ['seg', 'period', 'ctheme', 'ckp'], comments: 'comments' },
  comments: { data: ['commentRows'], state: ['seg', 'ctheme', 'ckp', 'csent', 'csearch', 'ccat'], comments: 'commentRows' },
};
// `numbers`: a numeric panel; a render's "numbers ready" mark is when every planned
// one is drawn (main.mjs). `withNumbers`: drawn in the numeric panels' pass when one
// is planned (one layout; drawn apart, its frame held the statistics' answer back).
// `comments`: the answer holding comment analytics (sentiment, themes, keyphrases);
// the panel shows "Analyzing comments…" until it is in.

/**
 * Calls that never delay the numbers: sent in their own request once the report is
 * answered and the statistics on it (derivedCalls) are asked, so the worker, which
 * answers requests in the order they come, computes them after both (the segments and
 * benchmarks panels wait for those statistics). In ASK_ORDER within that request.
 */
export const AFTER_NUMBERS = ['loopRows', 'commentRows', 'comments'];

/**
 * The session calls a render of state `s` needs: { key: { method, query } }.
 * session: { tallies, hasComment } from session.info() (tallies list no rows; no
 * comment column: no comment analytics to compute). themes: the user's theme edits.
 */
export function callsFor(s, { tallies = false, hasComment = false, themes } = {}) {
  const base = toQuery(s);
  const calls = { report: { method: 'report', query: base } };
  const commentThemes = commentQuery(s, themes).themes;
  if (tallies || hasComment) calls.comments = { method: 'comments', query: commentQuery(s, themes) };
  if (tallies) return calls;
  calls.commentRows = { method: 'rows', query: {
    ...base, themes: commentThemes, withComment: true, category: s.ccat || undefined, search: s.csearch || undefined,
    theme: s.ctheme || undefined, keyphrase: s.ckp || undefined, sentiment: s.csent || undefined, insights: true,
    offset: s.coffset, limit: PAGE,
  } };
  // "Hide followed up" is a local filter (follow-ups live in this browser): it needs
  // every matching row, paged locally (main.mjs pages past the first ROWS_PER_PAGE).
  calls.loopRows = { method: 'rows', query: {
    ...base, segments: undefined, category: s.lwho,
    offset: s.lhide ? 0 : s.loffset, limit: s.lhide ? ROWS_PER_PAGE : PAGE,
  } };
  return calls;
}

// The worker answers in this order: the numbers first, the slow comment analytics last
// (a page of comments asks the analyzer for 25 rows only; `comments` analyzes every one).
const ASK_ORDER = ['report', 'loopRows', 'commentRows', 'comments'];

// A list shows its first page again when what it lists changed (not when only its page did).
const LISTS = { commentRows: 'coffset', loopRows: 'loffset' };
const unpaged = (call) => JSON.stringify({ ...call?.query, offset: undefined });

const signature = (id, calls, s) => JSON.stringify([
  PANELS[id].data.map((k) => (calls[k] ? JSON.stringify(calls[k]) : null)), PANELS[id].state.map((k) => s[k] ?? null)]);

/**
 * The plan of one render. memo: { drawn: { panel: signature }, answered: { key: call
 * JSON }, listed: { key: unpaged query } } from the renders before (empty after a new
 * session); full: draw every panel (a new session, a new URL, a colour scheme or a
 * locally stored setting changed). May reset a list's page in `s` (see LISTS).
 * Returns { calls, ask: the calls to send, panels: ids to draw, signatures }.
 */
export function plan(s, session, memo, { full = false } = {}) {
  let calls = callsFor(s, session);
  let reset = false;
  for (const [key, page] of Object.entries(LISTS)) {
    if (calls[key] && memo.listed[key] !== undefined && memo.listed[key] !== unpaged(calls[key]) && s[page]) { s[page] = 0; reset = true; }
  }
  if (reset) calls = callsFor(s, session);
  const signatures = {};
  const panels = [];
  for (const id of Object.keys(PANELS)) {
    signatures[id] = signature(id, calls, s);
    if (full || memo.drawn[id] !== signatures[id]) panels.push(id);
  }
  const wanted = new Set(panels.flatMap((id) => PANELS[id].data));
  const ask = {};
  for (const key of ASK_ORDER) {
    if (wanted.has(key) && calls[key] && memo.answered[key] !== JSON.stringify(calls[key])) ask[key] = calls[key];
  }
  return { calls, ask, panels, signatures };
}

/** Records in memo that the call `key` of plan `p` was answered. */
export function noteAnswered(memo, p, key) {
  memo.answered[key] = JSON.stringify(p.calls[key]);
  if (LISTS[key]) memo.listed[key] = unpaged(p.calls[key]);
}

/** Records in memo that panel `id` was drawn as plan `p` says. */
export function noteDrawn(memo, p, id) { memo.drawn[id] = p.signatures[id]; }

export const emptyMemo = () => ({ drawn: {}, answered: {}, listed: {} });
