// The column picker: a modal dialog that lists a file's columns (with a few of
// their values and what the core detected) and previews its first records, to
// choose the column for one role. Props in (the core's inspection), the choice
// out: pickColumn() resolves with the column name, '' for "none", or null when
// cancelled. It decides nothing about the data itself.
import { h, mount } from './dom.mjs';

const ROLES = {
  score: {
    title: 'Choose the score column',
    help: 'The column with the 0–10 answers to “How likely are you to recommend us…?”.',
    none: null,
  },
  date: {
    title: 'Choose the date column',
    help: 'The column that says when each response was given (submitted or completed time). Without one there is no trend.',
    none: 'No date column',
  },
  comment: {
    title: 'Choose the comment column',
    help: 'The free-text answer (“Why?”) read for themes and comments.',
    none: 'No comment column',
  },
};

const SAMPLES = 4; // values shown beside each column name

/** Up to SAMPLES distinct non-empty values of `name` in the inspection's records. */
function samplesOf(records, name) {
  const out = [];
  for (const r of records) {
    const v = r.fields?.[name];
    if (v == null || v === '' || out.includes(v)) continue;
    out.push(v.length > 40 ? v.slice(0, 39) + '…' : v);
    if (out.length === SAMPLES) break;
  }
  return out;
}

/**
 * Opens the picker. inspection: the core's inspect() answer (columns, records);
 * current: the column now used for `role` (preselected); message: why it opened
 * (the core's words), shown on top; file: the file's name.
 */
export function pickColumn({ role, inspection, current = null, message = null, file = null }) {
  const spec = ROLES[role];
  if (!spec) throw new Error(`no picker for the role ${role}`);
  const dialog = document.getElementById('column-picker');
  const columns = inspection?.columns ?? [];
  const records = inspection?.records ?? [];
  let chosen = current ?? (spec.none ? '' : null);

  const preview = h('table', { class: 'data preview' },
    h('caption', null, `First ${records.length} records${file ? ' of ' + file : ''}`),
    h('thead', null, h('tr', null, columns.map((c) => h('th', { scope: 'col', dataset: { col: c.name } }, c.name)))),
    h('tbody', null, records.map((r) => h('tr', null, columns.map((c) => h('td', { dataset: { col: c.name } }, r.fields?.[c.name] ?? ''))))));
  const mark = () => {
    for (const cell of preview.querySelectorAll('[data-col]')) cell.classList.toggle('picked', cell.dataset.col === chosen);
    use.disabled = chosen === null;
  };

  const option = (value, label, detail) => h('label', { class: 'pick-option' },
    h('input', { type: 'radio', name: 'picked-column', value, checked: value === chosen, onchange: () => { chosen = value; mark(); } }),
    h('span', null, h('span', { class: 'pick-name' }, label), detail ? h('span', { class: 'muted' }, ' ', detail) : null));
  const list = h('fieldset', { class: 'pick-list' }, h('legend', null, 'Columns'),
    spec.none ? option('', spec.none, null) : null,
    columns.map((c) => {
      const values = samplesOf(records, c.name);
      const detected = c.role && c.role !== 'ignored' ? `taken as ${c.role}` : null;
      return option(c.name, c.name, [values.length ? `e.g. ${values.join(' · ')}` : '(empty in the first records)', detected].filter(Boolean).join(' · '));
    }));

  const use = h('button', { type: 'submit', value: 'use', id: 'picker-use' }, 'Use this column');
  mount(dialog,
    h('form', { method: 'dialog', class: 'picker' },
      h('h2', { id: 'picker-title' }, spec.title),
      message ? h('p', { class: 'warn', role: 'note' }, message) : null,
      h('p', { class: 'muted' }, spec.help, ' Your choice is remembered for files with these headers.'),
      list,
      records.length ? h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Preview of the first records' }, preview) : null,
      h('div', { class: 'row end' },
        h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, 'Cancel'),
        use)));
  mark();

  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'use' && chosen !== null ? chosen : null), { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    (dialog.querySelector('input[name=picked-column]:checked') ?? dialog.querySelector('input[name=picked-column]'))?.focus();
  });
}
