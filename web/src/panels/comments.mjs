// Comments: searchable, filtered by category and sentiment here, by theme or
// keyphrase from the themes panel (view state: #theme= / #kp=), and by
// segment/period through the global filters; the score beside each comment and
// the matched words marked. Pages of 25 rows (session.rows, asked with the rest of
// a render: view.mjs), so 1M comments never reach the DOM. Its controls change the
// view state (csearch, ccat, coffset); it fetches nothing to draw.
import { h, mount, options } from '../dom.mjs';
import { panelHead, csvButton, notAvailableBody, showPending, endPending } from '../panel-kit.mjs';
import { PAGE } from '../view.mjs';
import { allRows } from '../export-rows.mjs';
import { highlighted } from '../highlight.mjs';
import * as f from '../format.mjs';

const SENTIMENT = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

export function create(root, app) {
  let timer = null;
  // The controls live across renders (typing in the search box keeps its focus while
  // the list below is drawn again); render() updates them and draws the list.
  let ctx = null;
  const box = h('input', { type: 'search', id: 'comment-search', placeholder: 'Search comments', 'aria-label': 'Search comments',
    oninput: (e) => { clearTimeout(timer); timer = setTimeout(() => app.update({ csearch: e.target.value, coffset: 0 }), 200); } });
  const cat = h('select', { id: 'comment-category', 'aria-label': 'Category', onchange: (e) => app.update({ ccat: e.target.value, coffset: 0 }) },
    options([['', 'All categories'], ['detractor', 'Detractors'], ['passive', 'Passives'], ['promoter', 'Promoters']], ''));
  const senti = h('select', { id: 'comment-sentiment', 'aria-label': 'Sentiment', onchange: (e) => app.update({ csent: e.target.value || null }) },
    options([['', 'Any sentiment'], ['negative', 'Negative'], ['neutral', 'Neutral'], ['positive', 'Positive']], ''));
  const head = panelHead('h-comments', 'Comments', box, cat, senti,
    csvButton(async () => {
      const res = await allRows(app.engine, { ...ctx.calls.commentRows.query, insights: false });
      return [['score', 'category', 'date', 'comment', 'id', 'email'], ...res.rows.map((r) => [r.score, r.category, r.date ?? '', r.comment ?? '', r.id ?? '', r.email ?? ''])];
    }, 'nps-comments.csv'));
  const noColumn = h('p', { class: 'muted' }, 'No comment column detected: pick one in the column panel.');
  const chipsBox = h('div');
  const help = h('p', { class: 'muted' }, 'Segment and period follow the filters at the top (click a segment, or a point of the trend); pick a theme or keyphrase in the themes panel.');
  const list = h('div', { class: 'table-wrap', 'aria-live': 'polite' });

  // The words to mark: the chosen theme's matches, or the keyphrase's.
  const marks = (r) => {
    const ins = r.insights;
    if (!ins) return [];
    if (app.state.ckp) return ins.keyphrase_spans ?? [];
    if (app.state.ctheme) return ins.spans.filter((s) => s.theme === app.state.ctheme);
    return [];
  };

  function drawList(got, offset) {
    if (!got?.result) { mount(list, h('p', { class: 'warn', role: 'alert', 'data-testid': 'comments-error' }, `Could not list comments: ${got?.error?.message || got?.error || 'no answer'}`)); return; }
    const res = got.result;
    const segCols = app.state.seg ? [app.state.seg] : [];
    mount(list,
      h('p', { class: 'muted', 'data-testid': 'comments-total' }, `${f.int(res.total)} comments`),
      h('table', { class: 'data' },
        h('thead', null, h('tr', null, h('th', { scope: 'col', class: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Comment'), h('th', { scope: 'col' }, 'Sentiment'), h('th', { scope: 'col' }, 'Date'), segCols.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', null, res.rows.map((r) => h('tr', null,
          h('td', { class: 'num' }, h('span', { class: 'badge ' + r.category, title: f.CATEGORY[r.category] }, String(r.score))),
          h('td', { class: 'comment' }, highlighted(r.comment ?? '', marks(r))),
          h('td', null, r.insights?.sentiment ? h('span', { class: 'senti ' + r.insights.sentiment.label }, SENTIMENT[r.insights.sentiment.label]) : ''),
          h('td', null, r.date ?? ''),
          segCols.map((c) => h('td', null, r.segments?.[c] ?? '')))))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => app.update({ coffset: Math.max(0, offset - PAGE) }) }, 'Previous'),
        h('span', { class: 'muted' }, res.total ? `${offset + 1}–${Math.min(offset + PAGE, res.total)} of ${f.int(res.total)}` : ''),
        h('button', { type: 'button', class: 'secondary', disabled: offset + PAGE >= res.total, onclick: () => app.update({ coffset: offset + PAGE }) }, 'Next')));
  }

  return {
    /** The page of comments (with each one's sentiment and themes) is being computed (main.mjs). */
    pending({ fresh }) {
      if (head.parentNode !== root) mount(root, head, noColumn, chipsBox, help, list);
      showPending(root, list, { fresh });
    },
    /** What was last drawn is what the view shows again (a newer render superseded a pending one). */
    idle() { endPending(root); },
    /** ctx.answers.commentRows: the core's page of comments for ctx.calls.commentRows. */
    render(next) {
      ctx = next;
      endPending(root);
      // Tallies list no response (even when they carry comment counts for the themes panel).
      if (ctx.info?.tallies) { mount(root, ...notAvailableBody('h-comments', 'Comments', 'Reading the comments')); return; }
      const s = app.state;
      if (document.activeElement !== box) box.value = s.csearch;
      cat.value = s.ccat;
      senti.value = s.csent ?? '';
      noColumn.hidden = Boolean(ctx.info?.has_comment);
      const chips = [];
      if (s.ctheme) chips.push(['Theme', s.ctheme, { ctheme: null }]);
      if (s.ckp) chips.push(['Keyphrase', `“${s.ckp}”`, { ckp: null }]);
      mount(chipsBox, chips.length ? h('div', { class: 'chips', 'data-testid': 'comment-filters' }, h('span', { class: 'muted' }, 'Showing only:'),
        chips.map(([kind, value, clear]) => h('span', { class: 'chip' }, `${kind}: ${value}`,
          h('button', { type: 'button', 'aria-label': `Remove ${kind.toLowerCase()} filter ${value}`, onclick: () => app.update(clear) }, '×')))) : null);
      drawList(ctx.answers.commentRows, ctx.calls.commentRows.query.offset);
      // Mounted once (and again if something emptied the panel): the controls keep their focus.
      if (head.parentNode !== root) mount(root, head, noColumn, chipsBox, help, list);
    },
  };
}
