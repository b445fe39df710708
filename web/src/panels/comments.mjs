// Comments: searchable, filtered by category and sentiment here, by theme or
// keyphrase from the themes panel (view state: #theme= / #kp=), and by
// segment/period through the global filters; the score beside each comment and
// the matched words marked. Pages of 25 rows come from the worker
// (session.rows), so 1M comments never reach the DOM.
import { h, mount, options } from '../dom.mjs';
import { panelHead, csvButton, notAvailableBody } from '../panel-kit.mjs';
import { commentQuery } from '../state.mjs';
import { userThemes } from '../store.mjs';
import { allRows } from '../export-rows.mjs';
import { highlighted } from '../highlight.mjs';
import * as f from '../format.mjs';

const PAGE = 25;
const SENTIMENT = { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' };

export function create(root, app) {
  let search = '';
  let category = '';
  let offset = 0;
  let timer = null;
  let seq = 0;
  const list = h('div', { class: 'table-wrap', 'aria-live': 'polite' });
  const query = (extra) => {
    const s = app.state;
    return {
      ...app.query(), themes: commentQuery(s, userThemes.doc()).themes,
      withComment: true, category: category || undefined, search: search || undefined,
      theme: s.ctheme || undefined, keyphrase: s.ckp || undefined, sentiment: s.csent || undefined, insights: true, ...extra,
    };
  };
  // The words to mark: the chosen theme's matches, or the keyphrase's.
  const marks = (r) => {
    const ins = r.insights;
    if (!ins) return [];
    if (app.state.ckp) return ins.keyphrase_spans ?? [];
    if (app.state.ctheme) return ins.spans.filter((s) => s.theme === app.state.ctheme);
    return [];
  };

  async function load() {
    const my = ++seq;
    let res;
    try {
      res = await app.engine.rows(query({ offset, limit: PAGE }));
    } catch (e) {
      if (my === seq) mount(list, h('p', { class: 'warn' }, `Could not list comments: ${e.message || e}`));
      return;
    }
    if (my !== seq) return; // a newer request superseded this one
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
        h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); load(); } }, 'Previous'),
        h('span', { class: 'muted' }, res.total ? `${offset + 1}–${Math.min(offset + PAGE, res.total)} of ${f.int(res.total)}` : ''),
        h('button', { type: 'button', class: 'secondary', disabled: offset + PAGE >= res.total, onclick: () => { offset += PAGE; load(); } }, 'Next')));
  }

  return {
    render(ctx) {
      offset = 0;
      // Tallies list no response (even when they carry comment counts for the themes panel).
      if (ctx?.info?.tallies) return mount(root, ...notAvailableBody('h-comments', 'Comments', 'Reading the comments'));
      const s = app.state;
      const box = h('input', { type: 'search', id: 'comment-search', value: search, placeholder: 'Search comments', 'aria-label': 'Search comments',
        oninput: (e) => { clearTimeout(timer); timer = setTimeout(() => { search = e.target.value; offset = 0; load(); }, 200); } });
      const cat = h('select', { id: 'comment-category', 'aria-label': 'Category', onchange: (e) => { category = e.target.value; offset = 0; load(); } },
        options([['', 'All categories'], ['detractor', 'Detractors'], ['passive', 'Passives'], ['promoter', 'Promoters']], category));
      const senti = h('select', { id: 'comment-sentiment', 'aria-label': 'Sentiment', onchange: (e) => app.update({ csent: e.target.value || null }) },
        options([['', 'Any sentiment'], ['negative', 'Negative'], ['neutral', 'Neutral'], ['positive', 'Positive']], s.csent ?? ''));
      const chips = [];
      if (s.ctheme) chips.push(['Theme', s.ctheme, { ctheme: null }]);
      if (s.ckp) chips.push(['Keyphrase', `“${s.ckp}”`, { ckp: null }]);
      mount(root,
        panelHead('h-comments', 'Comments', box, cat, senti,
          csvButton(async () => {
            const res = await allRows(app.engine, query({ insights: false }));
            return [['score', 'category', 'date', 'comment', 'id', 'email'], ...res.rows.map((r) => [r.score, r.category, r.date ?? '', r.comment ?? '', r.id ?? '', r.email ?? ''])];
          }, 'nps-comments.csv')),
        app.info()?.columns?.comment ? null : h('p', { class: 'muted' }, 'No comment column detected: pick one in the column panel.'),
        chips.length ? h('div', { class: 'chips', 'data-testid': 'comment-filters' }, h('span', { class: 'muted' }, 'Showing only:'),
          chips.map(([kind, value, clear]) => h('span', { class: 'chip' }, `${kind}: ${value}`,
            h('button', { type: 'button', 'aria-label': `Remove ${kind.toLowerCase()} filter ${value}`, onclick: () => app.update(clear) }, '×')))) : null,
        h('p', { class: 'muted' }, 'Segment and period follow the filters at the top (click a segment, or a point of the trend); pick a theme or keyphrase in the themes panel.'),
        list);
      return load();
    },
  };
}
