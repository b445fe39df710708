// Close the loop: detractors (and passives) with whatever contact columns
// exist, their comment, a "followed up" mark kept in localStorage (by a salted
// hash of the row's identity, never the identity), and a CSV for a CRM holding
// every matching row (fetched page by page). Promoters for review/referral campaigns.
// Its controls change the view state (lwho, lhide, loffset); it fetches nothing to
// draw (the rows come with the rest of a render: view.mjs).
import { h, mount, options } from '../dom.mjs';
import { panelHead, csvButton, notForTallies, notAvailableBody } from '../panel-kit.mjs';
import { followUps } from '../store.mjs';
import { allRows } from '../export-rows.mjs';
import { PAGE } from '../view.mjs';
import * as f from '../format.mjs';

const keyOf = (r) => followUps.key(r.id ? 'id:' + r.id : r.email ? 'email:' + r.email : `line:${r.file}:${r.line}`);

export function create(root, app) {
  let ctx = null;
  const contactCols = () => {
    const c = ctx?.columns ?? {};
    return [['id', c.id], ['email', c.email], ['name', c.name]].filter(([, col]) => col).map(([k, col]) => ({ key: k, label: col }));
  };
  // The controls live across renders; render() updates them and draws the list.
  const pick = h('select', { id: 'loop-who', 'aria-label': 'Who to contact', onchange: (e) => app.update({ lwho: e.target.value, loffset: 0 }) },
    options([['detractor', 'Detractors (follow up)'], ['passive', 'Passives (follow up)'], ['promoter', 'Promoters (reviews, referrals)']], 'detractor'));
  const hideBox = h('input', { type: 'checkbox', id: 'loop-hide', onchange: (e) => app.update({ lhide: e.target.checked, loffset: 0 }) });
  const head = panelHead('h-loop', 'Close the loop', pick, h('label', null, hideBox, ' hide followed up'),
    csvButton(async () => {
      const res = await allRows(app.engine, { ...ctx.calls.loopRows.query });
      const done = followUps.all();
      const cols = contactCols();
      return [[...cols.map((c) => c.label), 'score', 'category', 'comment', 'date', 'followed_up'],
        ...res.rows.map((r) => [...cols.map((c) => r[c.key] ?? ''), r.score, r.category, r.comment ?? '', r.date ?? '', done.has(keyOf(r)) ? 'yes' : 'no'])];
    }, () => `npskit-${app.state.lwho}s.csv`, 'Export for CRM'));
  const list = h('div', { class: 'table-wrap', 'aria-live': 'polite' });

  function drawList(got) {
    if (!got?.result) { mount(list, h('p', { class: 'warn' }, `Could not list the ${app.state.lwho}s: ${got?.error?.message || got?.error || 'no answer'}`)); return; }
    const res = got.result;
    const { lwho: who, lhide: hideDone, loffset: offset } = app.state;
    const done = followUps.all();
    // Hiding followed-up rows is a local filter: the answer holds every matching row (main.mjs).
    const kept = hideDone ? res.rows.filter((r) => !done.has(keyOf(r))) : res.rows;
    const rows = hideDone ? kept.slice(offset, offset + PAGE) : kept;
    const cols = contactCols();
    const total = hideDone ? kept.length : res.total;
    mount(list,
      h('p', { class: 'muted', 'data-testid': 'loop-total' }, `${f.int(res.total)} ${who}s${hideDone ? `, ${f.int(total)} not yet followed up` : ''}`),
      cols.length ? null : h('p', { class: 'warn' }, 'No id, email or name column was found: rows are identified by file and line.'),
      h('table', { class: 'data' },
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, 'Followed up'), h('th', { scope: 'col', class: 'num' }, 'Score'),
          cols.map((c) => h('th', { scope: 'col' }, c.label)), h('th', { scope: 'col' }, 'Comment'), h('th', { scope: 'col' }, 'Date'))),
        h('tbody', null, rows.map((r) => {
          const k = keyOf(r);
          const who = r.name || r.email || r.id || `line ${r.line}`;
          return h('tr', null,
            h('td', null, h('input', { type: 'checkbox', checked: done.has(k), 'aria-label': `Followed up: ${who}`, onchange: (e) => followUps.set(k, e.target.checked) })),
            h('td', { class: 'num' }, h('span', { class: 'badge ' + r.category }, String(r.score))),
            cols.map((c) => h('td', null, r[c.key] ?? '')),
            h('td', { class: 'comment' }, r.comment ?? ''),
            h('td', null, r.date ?? ''));
        }))),
      h('div', { class: 'pager' },
        h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => app.update({ loffset: Math.max(0, offset - PAGE) }) }, 'Previous'),
        h('span', { class: 'muted' }, total ? `${offset + 1}–${Math.min(offset + PAGE, total)} of ${f.int(total)}` : ''),
        h('button', { type: 'button', class: 'secondary', disabled: offset + PAGE >= total, onclick: () => app.update({ loffset: offset + PAGE }) }, 'Next')));
  }

  return {
    /** ctx.answers.loopRows: the core's rows for ctx.calls.loopRows (every matching row when hiding the followed up). */
    render(next) {
      ctx = next;
      if (notForTallies(ctx.report, 'close_the_loop')) { mount(root, ...notAvailableBody('h-loop', 'Close the loop', 'Listing detractors, passives and promoters')); return; }
      pick.value = app.state.lwho;
      hideBox.checked = app.state.lhide;
      drawList(ctx.answers.loopRows);
      if (head.parentNode !== root) mount(root, head, list);
    },
  };
}
