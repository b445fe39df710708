// The filter bar: date range, active cross-filters and exclusions as chips,
// "latest response per person", and an exclude form for test traffic.
import { h, mount, options } from '../dom.mjs';

export function create(root, app) {
  return {
    render({ info, columns }) {
      const s = app.state;
      const cols = columns ?? {};
      const all = app.allColumns();
      const from = h('input', { type: 'date', id: 'f-from', value: s.from ?? '', onchange: (e) => app.update({ from: e.target.value || null }) });
      const to = h('input', { type: 'date', id: 'f-to', value: s.to ?? '', onchange: (e) => app.update({ to: e.target.value || null }) });
      const exCol = h('select', { id: 'ex-col', 'aria-label': 'Column to exclude by' }, options(all.map((c) => [c, c]), cols.email ?? cols.id ?? all[0]));
      const exVal = h('input', { type: 'text', id: 'ex-val', placeholder: 'value, e.g. test@example.com', 'aria-label': 'Value to exclude' });
      const canLatest = Boolean(info.has_person); // the core's: some file has an id or e-mail column
      const summary = [s.from || s.to ? `${s.from ?? 'start'} to ${s.to ?? 'end'}` : 'all dates',
        ...s.where.map((w) => `${w.column} ${w.op === 'eq' ? '=' : '≠'} ${w.value}`), s.latest ? 'latest response per person' : null].filter(Boolean).join(' · ');
      mount(root,
        h('p', { class: 'print-only' }, `Filters: ${summary}. Files: ${(info.files ?? []).map((x) => x.name).join(', ')}.`),
        h('div', { class: 'field' }, h('label', { for: 'f-from' }, 'From'), from),
        h('div', { class: 'field' }, h('label', { for: 'f-to' }, 'To'), to),
        h('div', { class: 'field' }, h('span', { class: 'muted' }, 'Filters'),
          h('div', { class: 'chips', 'data-testid': 'chips' },
            s.where.length ? s.where.map((w, i) => h('span', { class: 'chip' }, `${w.column} ${w.op === 'eq' ? '=' : '≠'} ${w.value || '(blank)'}`,
              h('button', { type: 'button', 'aria-label': `Remove filter ${w.column} ${w.op === 'eq' ? 'equals' : 'not'} ${w.value}`, onclick: () => app.removeWhere(i) }, '×')))
              : h('span', { class: 'muted' }, 'none (click a segment to filter)'),
            s.where.length || s.from || s.to ? h('button', { type: 'button', class: 'link', onclick: () => app.update({ where: [], from: null, to: null }) }, 'Clear all') : null)),
        h('div', { class: 'field' }, h('span', { class: 'muted' }, 'Data hygiene'),
          h('label', { title: info.tallies ? 'Not available for tallies files: they hold counts, not responses' : canLatest ? '' : 'Needs an id or email column' },
            h('input', { type: 'checkbox', id: 'f-latest', checked: s.latest, disabled: !canLatest, onchange: (e) => app.update({ latest: e.target.checked }) }),
            ' latest response per person'),
          info.tallies ? h('span', { class: 'muted', 'data-testid': 'latest-not-available' }, 'not available for tallies files: they hold counts, not responses') : null),
        h('form', { class: 'field editor', onsubmit: (e) => { e.preventDefault(); if (exCol.value) app.addWhere(exCol.value, 'ne', exVal.value); } },
          h('span', { class: 'muted' }, 'Exclude rows (test traffic)'),
          h('div', { class: 'row' }, exCol, exVal, h('button', { type: 'submit', class: 'secondary' }, 'Exclude'))));
    },
  };
}
