// Close the loop: detractors (and passives) with whatever contact columns
// exist, their comment, a "followed up" mark kept in localStorage (by a salted
// hash of the row's identity, never the identity), and a CSV for a CRM holding
// every matching row (fetched page by page). Promoters for review/referral campaigns.
import { h, mount, options } from '../dom.mjs';
import { panelHead, csvButton, notForTallies, notAvailableBody } from '../panel-kit.mjs';
import { followUps } from '../store.mjs';
import { allRows } from '../export-rows.mjs';
import * as f from '../format.mjs';

const PAGE = 25;
const keyOf = (r) => followUps.key(r.id ? 'id:' + r.id : r.email ? 'email:' + r.email : `line:${r.file}:${r.line}`);

export function create(root, app) {
  let who = 'detractor';
  let hideDone = false;
  let offset = 0;
  let seq = 0;
  const list = h('div', { class: 'table-wrap', 'aria-live': 'polite' });
  const query = (extra) => ({ ...app.query(), category: who, ...extra });

  function contactCols() {
    const c = app.info()?.columns ?? {};
    return [['id', c.id], ['email', c.email], ['name', c.name]].filter(([, col]) => col).map(([k, col]) => ({ key: k, label: col }));
  }

  async function load() {
    const my = ++seq;
    // Hiding followed-up rows is a local filter: fetch every matching row and drop them here.
    const res = hideDone ? await allRows(app.engine, query({})) : await app.engine.rows(query({ offset, limit: PAGE }));
    if (my !== seq) return;
    const done = followUps.all();
    let rows = res.rows;
    if (hideDone) rows = rows.filter((r) => !done.has(keyOf(r))).slice(offset, offset + PAGE);
    const cols = contactCols();
    const total = hideDone ? res.rows.filter((r) => !done.has(keyOf(r))).length : res.total;
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
        h('button', { type: 'button', class: 'secondary', disabled: offset === 0, onclick: () => { offset = Math.max(0, offset - PAGE); load(); } }, 'Previous'),
        h('span', { class: 'muted' }, total ? `${offset + 1}–${Math.min(offset + PAGE, total)} of ${f.int(total)}` : ''),
        h('button', { type: 'button', class: 'secondary', disabled: offset + PAGE >= total, onclick: () => { offset += PAGE; load(); } }, 'Next')));
  }

  return {
    render(ctx) {
      offset = 0;
      if (notForTallies(ctx?.report, 'close_the_loop')) return mount(root, ...notAvailableBody('h-loop', 'Close the loop', 'Listing detractors, passives and promoters'));
      const pick = h('select', { id: 'loop-who', 'aria-label': 'Who to contact', onchange: (e) => { who = e.target.value; offset = 0; load(); } },
        options([['detractor', 'Detractors (follow up)'], ['passive', 'Passives (follow up)'], ['promoter', 'Promoters (reviews, referrals)']], who));
      const hide = h('label', null, h('input', { type: 'checkbox', id: 'loop-hide', checked: hideDone, onchange: (e) => { hideDone = e.target.checked; offset = 0; load(); } }), ' hide followed up');
      mount(root,
        panelHead('h-loop', 'Close the loop', pick, hide,
          csvButton(async () => {
            const res = await allRows(app.engine, query({}));
            const done = followUps.all();
            const cols = contactCols();
            return [[...cols.map((c) => c.label), 'score', 'category', 'comment', 'date', 'followed_up'],
              ...res.rows.map((r) => [...cols.map((c) => r[c.key] ?? ''), r.score, r.category, r.comment ?? '', r.date ?? '', done.has(keyOf(r)) ? 'yes' : 'no'])];
          }, () => `npskit-${who}s.csv`, 'Export for CRM')),
        list);
      return load();
    },
  };
}
