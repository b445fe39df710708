// Beside the headline: what npskit read and what it is unsure of. The columns
// taken as score / date / comment (each with a button to change it), rows used /
// blank / rejected, every notice of the report in the core's words with its
// one-click fix, and the rows that carry a warning. Renders the report; decides
// nothing (the core decides every notice: report.notices).
import { h, mount, table } from '../dom.mjs';
import * as f from '../format.mjs';

// What each fix of a notice does, and its button's words.
const FIX_LABEL = {
  pick_score: 'Choose the score column',
  pick_date: 'Choose the date column',
  pick_comment: 'Choose the comment column',
  show_rejections: 'See the rejected rows',
};

export function create(root, app) {
  return {
    render({ report }) {
      const cols = report.columns ?? {};
      const rows = report.rows ?? {};
      const notices = report.notices ?? [];
      // Tallies (the core says so: report.not_available) name no column to pick and list no rejected row.
      const tallies = report.source?.format === 'tallies' ? report.source : null;

      const fixButton = (fix, name, message) => (FIX_LABEL[fix] && !tallies
        ? h('button', { type: 'button', class: 'secondary fix', dataset: { fix }, 'aria-label': name ? `${FIX_LABEL[fix]} (now: ${name})` : null, onclick: () => app.fix(fix, message) }, FIX_LABEL[fix])
        : null);
      const change = (role, fix) => h('button', { type: 'button', class: 'link', 'aria-label': `Change the ${role} column`, onclick: () => app.fix(fix) }, 'change');

      // How many of the used responses have a date the core could read.
      const valid = rows.valid ?? 0;
      const dated = valid - (rows.date_missing ?? 0);
      const dateDetail = cols.date && valid
        ? ` · ${f.int(dated)} of ${f.int(valid)} responses dated${rows.date_unreadable ? `, ${f.int(rows.date_unreadable)} unreadable` : ''}${rows.date_missing - (rows.date_unreadable ?? 0) > 0 ? `, ${f.int(rows.date_missing - (rows.date_unreadable ?? 0))} empty` : ''}`
        : '';

      const used = [
        [f.int(valid), valid === 1 ? 'response used' : 'responses used'],
        [f.int(rows.blank_score ?? 0), 'blank scores (unanswered)'],
        [f.int(rows.rejected ?? 0), 'rejected'],
        rows.filtered_out ? [f.int(rows.filtered_out), 'excluded by filters'] : null,
        rows.duplicates ? [f.int(rows.duplicates), 'duplicates counted once'] : null,
      ].filter(Boolean);

      mount(root,
        h('h2', { id: 'h-readout' }, 'What was read'),
        tallies ? h('p', { 'data-testid': 'readout-tallies' },
          `Tallies: ${f.int(tallies.files)} ${tallies.files === 1 ? 'file' : 'files'} added up, ${f.int(tallies.groups)} groups by ${[tallies.period_unit, ...(cols.segments ?? [])].join(', ')}. `,
          h('span', { class: 'muted' }, 'They hold counts, not responses: comments, close the loop, rejected rows and latest per person are not available.')) :
        h('dl', { class: 'readout-columns', 'data-testid': 'readout-columns' },
          h('div', null, h('dt', null, 'Score'), h('dd', { 'data-testid': 'col-score' }, cols.score ?? '–', ' ', change('score', 'pick_score'))),
          h('div', null, h('dt', null, 'Date'), h('dd', { 'data-testid': 'col-date' }, cols.date ?? 'none', dateDetail, ' ', change('date', 'pick_date'))),
          h('div', null, h('dt', null, 'Comment'), h('dd', { 'data-testid': 'col-comment' }, cols.comment ?? 'none', ' ', change('comment', 'pick_comment')))),
        h('p', { class: 'readout-rows', 'data-testid': 'readout-rows' },
          used.map(([v, label], i) => [i ? ' · ' : '', h('strong', null, v), ' ', label]),
          // The rejected_rows notice carries this button when the core emits it; never twice.
          rows.rejected && !notices.some((n) => n.fix === 'show_rejections') ? [' ', fixButton('show_rejections')] : null),
        notices.length
          ? h('ul', { class: 'notices', 'data-testid': 'notices', 'aria-label': 'Notices' }, notices.map((n) =>
            h('li', { class: 'notice ' + (n.severity === 'warning' ? 'warn' : 'info'), dataset: { code: n.code } },
              h('span', { class: 'sr-only' }, n.severity === 'warning' ? 'Warning: ' : 'Note: '),
              h('span', null, n.message), ' ', fixButton(n.fix, roleColumn(cols, n.fix), n.message))))
          : null,
        warningsView(report));
    },
  };
}

const roleColumn = (cols, fix) => (fix === 'pick_score' ? cols.score : fix === 'pick_date' ? cols.date : fix === 'pick_comment' ? cols.comment : null);

/** Rows kept but carrying a warning (e.g. a date that could not be read), summarised per column and reason. */
function warningsView(report) {
  const list = report.warnings ?? [];
  if (!list.length) return null;
  const groups = new Map();
  for (const w of list) {
    const key = `${w.column ?? ''}\u0000${w.reason}`;
    if (!groups.has(key)) groups.set(key, { column: w.column, reason: w.reason, rows: [] });
    groups.get(key).rows.push(w);
  }
  const unreadable = report.rows?.date_unreadable ?? 0;
  return h('div', { class: 'row-warnings', 'data-testid': 'row-warnings' }, [...groups.values()].map((g) => {
    // The list may be capped: the core's count says how many there are in all.
    const total = g.column === report.columns?.date && unreadable >= g.rows.length ? unreadable : g.rows.length;
    return h('details', { class: 'alt' },
      h('summary', null, `${f.int(total)} ${total === 1 ? 'row' : 'rows'} · “${g.column}”: ${g.reason}`),
      total > g.rows.length ? h('p', { class: 'muted' }, `The first ${f.int(g.rows.length)} are listed.`) : null,
      h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Rows: ${g.column} ${g.reason}` },
        table([{ label: 'Line', get: (r) => r.line, num: true }, { label: 'Value', get: (r) => r.value ?? '' }], g.rows)));
  }));
}
