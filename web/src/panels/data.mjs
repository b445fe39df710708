// The data panel: which files were read and how, what each column was taken
// for (and a form to change it, remembered per header layout), row counts
// (blank scores apart from rejections), and the rejected rows with reasons.
import { h, mount, table, options } from '../dom.mjs';
import { panelHead, csvButton, notForTallies, TALLIES_NOTE } from '../panel-kit.mjs';
import * as f from '../format.mjs';

const DELIMITER = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

export function create(root, app) {
  let rejectedOpen = false; // the rejected rows list stays open across re-renders once opened
  // The column form and the detection table depend on the session and its columns, not
  // on the filters: kept across the renders of a session (a filter click redraws this
  // panel), so they are not built again, and a choice not yet applied is not lost.
  let form = null, formFor = null, detection = null, detectionFor = null;
  return {
    render({ report, info, columns }) {
      const cols = columns ?? {};
      const all = app.allColumns();
      const rows = report.rows ?? {};
      const infoRows = info.rows ?? {};
      const rej = report.rejections ?? [];
      const tallies = info.tallies ?? null; // the core read tallies files: counts per group, no rows

      // A new session (a file opened, a column choice applied or undone) draws the form afresh.
      const formKey = JSON.stringify([all, cols.score, cols.date, cols.comment, cols.id, cols.segments]);
      if (formFor?.info !== info || formFor.key !== formKey) { form = columnForm(app, all, cols); formFor = { info, key: formKey }; }

      const files = info.files ?? [];
      const counts = [
        ['Records read', rows.read ?? infoRows.read],
        ['Valid scores', rows.valid],
        ['Blank score (unanswered)', rows.blank_score],
        ['Rejected', rows.rejected],
        ['Duplicates (same id, counted once)', infoRows.duplicates ?? rows.duplicates],
        ['Excluded by filters', rows.filtered_out],
        ['Valid but undated', rows.date_missing],
      ].filter(([, v]) => v != null);

      mount(root,
        panelHead('h-data', 'Data and columns'),
        table([{ label: 'File', get: (x) => x.name }, { label: 'Format', get: (x) => [x.source?.format?.toUpperCase(), x.source?.encoding, DELIMITER[x.source?.delimiter] ?? x.source?.delimiter, x.source?.header_rows > 1 ? `${x.source.header_rows} header rows` : null].filter(Boolean).join(' · ') },
          { label: tallies ? 'Tallies lines' : 'Records', get: (x) => f.int(x.rows?.read ?? x.rows ?? x.tallies_lines), num: true }], files, { caption: 'Files' }),
        tallies ? h('p', { class: 'muted', 'data-testid': 'tallies-summary' },
          `Tallies files (docs/scale.md): ${f.int(tallies.groups)} groups by ${[tallies.period_unit, ...(cols.segments ?? [])].join(', ')}, added up; the counts below are responses.`) : null,
        h('h3', null, 'Counts'),
        h('dl', { class: 'counts', 'data-testid': 'counts' }, counts.map(([k, v]) => h('div', null, h('dt', { class: 'muted' }, k), h('dd', null, f.int(v))))),
        h('h3', null, 'Columns'),
        detectionFor === info.files ? detection : (detectionFor = info.files, detection = detected(files)),
        tallies ? null : form, // tallies name no score, date or comment column to pick
        h('div', { class: 'panel-head' }, h('h3', null, `Rejected rows (${f.int(rows.rejected ?? 0)})`),
          rej.length ? csvButton(() => [['line', 'column', 'value', 'reason'], ...rej.map((r) => [r.line, r.column, r.value, r.reason])], 'npskit-rejected-rows.csv') : null),
        notForTallies(report, 'rejections') ? h('p', { class: 'muted', 'data-testid': 'not-available' },
          `${TALLIES_NOTE} The list of rejected rows needs the individual responses: open the raw export for it.`)
        : rej.length ? h('details', { id: 'rejected-rows', class: 'alt', open: rejectedOpen, ontoggle: (e) => { rejectedOpen = e.target.open; } },
          h('summary', null, `Show the rejected rows and why (${f.int(rej.length)} listed)`),
          rows.rejected > rej.length ? h('p', { class: 'muted' }, `The first ${f.int(rej.length)} are listed.`) : null,
          h('div', { class: 'table-wrap' }, table([
            { label: 'Line', get: (r) => r.line, num: true }, { label: 'Column', get: (r) => r.column ?? '' },
            { label: 'Value', get: (r) => r.value ?? '' }, { label: 'Reason', get: (r) => r.reason }], rej)))
          : h('p', { class: 'muted' }, 'No rows were rejected.'));
    },
  };
}

/** What the core detected per column, and why (the core's own words). */
function detected(files) {
  const rows = files.flatMap((file) => (file.columns ?? []).filter((c) => typeof c === 'object').map((c) => ({ file: file.name, ...c })));
  if (!rows.length) return null;
  return h('details', { class: 'alt' }, h('summary', null, 'What was detected, and why'),
    h('div', { class: 'table-wrap' }, table([
      ...(files.length > 1 ? [{ label: 'File', get: (r) => r.file }] : []),
      { label: 'Column', get: (r) => r.name }, { label: 'Taken as', get: (r) => r.role ?? 'ignored' }, { label: 'Why', get: (r) => r.why ?? '' }], rows)));
}

/** The form that changes what each column is taken for (applied by re-opening the files with the choice). */
function columnForm(app, all, cols) {
  const roleSelect = (role, label, allowNone) => h('div', { class: 'field' },
    h('label', { for: 'col-' + role }, label),
    h('select', { id: 'col-' + role, name: role }, options([...(allowNone ? [['', '(none)']] : []), ...all.map((c) => [c, c])], cols[role] ?? '')));
  const segSet = new Set(cols.segments ?? []);
  return h('form', { class: 'editor', onsubmit: (e) => {
    e.preventDefault();
    const fd = new FormData(e.target);
    const choice = {};
    for (const role of ['score', 'date', 'comment', 'id']) choice[role] = String(fd.get(role) ?? ''); // '' = none
    choice.segments = fd.getAll('segments');
    app.reopen(choice);
  } },
    h('div', { class: 'columns-form' },
      roleSelect('score', 'Score (0–10)', false),
      roleSelect('date', 'Date', true),
      roleSelect('comment', 'Comment', true),
      roleSelect('id', 'Respondent id / email', true)),
    h('fieldset', null, h('legend', null, 'Segment columns'),
      h('div', { class: 'seg-list' }, all.map((c, i) => h('label', null, h('input', { type: 'checkbox', name: 'segments', value: c, checked: segSet.has(c), id: 'seg-' + i }), ' ', c)))),
    h('div', { class: 'row' },
      h('button', { type: 'submit' }, 'Apply columns'),
      h('button', { type: 'button', class: 'secondary', onclick: () => app.reopen(null) }, 'Back to detected'),
      h('span', { class: 'muted' }, 'Your choice is remembered for files with these headers.')));
}
