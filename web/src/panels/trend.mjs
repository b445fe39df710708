// Trend: NPS per day/week/month/quarter with the interval as a band, n per
// point as bars, significant dips flagged, and the user's annotations
// (stored locally) drawn as vertical lines. Clicking a point filters to it.
import { h, mount, table, options } from '../dom.mjs';
import { draw, theme, points as shaped } from '../charts.mjs';
import { panelHead, chartSlot, pngButton, csvButton } from '../panel-kit.mjs';
import { annotations } from '../store.mjs';
import * as f from '../format.mjs';

const PERIODS = [['day', 'Day'], ['week', 'Week'], ['month', 'Month'], ['quarter', 'Quarter']];

/** Last day of the period starting at `start` (YYYY-MM-DD), in UTC date arithmetic. */
export function periodEnd(start, period) {
  const d = new Date(start + 'T00:00:00Z');
  if (period === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (period === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (period === 'month') d.setUTCMonth(d.getUTCMonth() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 3);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** How the trend's significance was decided (the core's method, in plain words). */
export function significanceNote(options = {}, tests) {
  const method = options.multiple_comparisons;
  const together = method === 'holm' ? `the ${tests} comparisons are judged together (Holm method), so that a long series does not raise false alarms`
    : method === 'bh' ? `the ${tests} comparisons are judged together (Benjamini-Hochberg method)` : 'each comparison is judged alone';
  return `Significant: a ${f.level(options.confidence)} test of each period against the one before; ${together}. Periods with fewer than ${options.min_group_for_significance ?? '–'} responses are not judged.`;
}

export function create(root, app) {
  let canvas;
  const chart = chartSlot();
  // The annotation form depends on nothing drawn: built once and moved into each render
  // (a date input is the costliest control to build and lay out, and a note being typed
  // survives a filter click).
  const noteDate = h('input', { type: 'date', id: 'note-date', 'aria-label': 'Annotation date' });
  const noteText = h('input', { type: 'text', id: 'note-text', placeholder: 'e.g. price change', 'aria-label': 'Annotation text', maxlength: 80 });
  const noteForm = h('form', { class: 'row editor no-print', onsubmit: (e) => {
    e.preventDefault();
    if (!noteDate.value || !noteText.value.trim()) return;
    annotations.add({ date: noteDate.value, label: noteText.value.trim() });
    noteDate.value = ''; noteText.value = ''; // added: the form is kept across renders
    app.refreshView();
  } }, h('span', { class: 'muted' }, 'Annotate:'), noteDate, noteText, h('button', { type: 'submit', class: 'secondary' }, 'Add note'));
  return {
    render({ report }) {
      const points = report.trend?.points ?? [];
      const period = report.trend?.period ?? app.state.period;
      const isDip = (p) => p.vs_previous && p.vs_previous.significant && p.vs_previous.diff < 0;
      const notes = annotations.all();

      const periodSelect = h('select', { id: 'period', onchange: (e) => app.update({ period: e.target.value }) }, options(PERIODS, app.state.period));
      const alt = table([
        { label: 'Period', get: (p) => h('button', { type: 'button', class: 'link', 'aria-label': `Filter every view to ${p.period}`, onclick: () => app.update({ from: p.start, to: periodEnd(p.start, period) }) }, p.period) },
        { label: 'n', get: (p) => f.int(p.n), num: true },
        { label: 'NPS', get: (p) => f.nps(p.nps), num: true },
        { label: '95% interval', get: (p) => f.ci(p.ci95) },
        { label: 'vs previous', get: (p) => (p.vs_previous ? f.signed(p.vs_previous.diff) + (p.vs_previous.significant ? ' (significant)' : '') : '–'), num: true },
        { label: 'Flag', get: (p) => (isDip(p) ? 'significant dip' : '') },
      ], points);
      const c = chart(`Line chart of NPS per ${period} with its 95% interval as a band and responses per ${period} as bars`, alt, { tall: true });
      canvas = c.canvas;

      const dips = points.filter(isDip);
      const noteList = h('ul', { class: 'notes' }, notes.map((a, i) => h('li', null, `${a.date}: ${a.label} `,
        h('button', { type: 'button', class: 'link', 'aria-label': `Remove annotation ${a.label}`, onclick: () => { annotations.remove(i); app.refreshView(); } }, 'remove'))));

      mount(root,
        panelHead('h-trend', 'Trend',
          h('label', { for: 'period' }, 'Period '), periodSelect,
          pngButton(() => canvas, 'nps-trend.png'),
          csvButton(() => [['period', 'start', 'n', 'nps', 'ci95_low', 'ci95_high', 'vs_previous', 'significant'],
            ...points.map((p) => [p.period, p.start, p.n, p.nps, p.ci95?.[0], p.ci95?.[1], p.vs_previous?.diff ?? '', p.vs_previous?.significant ?? ''])], `nps-trend-${period}.csv`)),
        points.length ? null : report.columns?.date
          ? h('p', { class: 'muted', 'data-testid': 'trend-empty' }, 'No dated responses match the filters.')
          : h('p', { class: 'muted', 'data-testid': 'trend-empty' }, 'No date column, so no trend. ',
            h('button', { type: 'button', class: 'secondary', onclick: () => app.fix('pick_date') }, 'Choose the date column')),
        points.length ? c.el : null,
        dips.length ? h('p', { class: 'warn', 'data-testid': 'dips' }, `Significant dips: ${dips.map((p) => `${p.period} (${f.signed(p.vs_previous.diff)})`).join(', ')}.`) : null,
        points.length > 2 ? h('p', { class: 'muted', 'data-testid': 'trend-significance' }, significanceNote(report.options, points.length - 1)) : null,
        report.rows?.date_missing ? h('p', { class: 'muted' }, `${f.int(report.rows.date_missing)} responses have no readable date: counted in the headline, not in the trend.`) : null,
        noteForm,
        notes.length ? noteList : null);

      if (!points.length) return; // no chart drawn over nothing
      const t = theme();
      const indexOfDate = (date) => {
        let idx = -1;
        points.forEach((p, i) => { if (p.start <= date) idx = i; });
        if (idx < 0 || date > periodEnd(points[idx].start, period)) return -1;
        return idx;
      };
      const noteAnnotations = {};
      notes.forEach((a, i) => {
        const idx = indexOfDate(a.date);
        if (idx < 0) return;
        noteAnnotations['note' + i] = {
          type: 'line', xMin: idx, xMax: idx, borderColor: t.muted, borderDash: [4, 4], borderWidth: 1.5,
          label: { display: true, content: a.label, position: 'end', backgroundColor: t.panel, color: t.text, borderColor: t.border, borderWidth: 1, font: { size: 11 } },
        };
      });
      draw(canvas, {
        data: {
          labels: points.map((p) => p.period),
          datasets: [
            { type: 'line', label: '95% low', data: shaped(points.map((p) => p.ci95?.[0])), borderWidth: 0, pointRadius: 0, fill: false, yAxisID: 'y' },
            { type: 'line', label: '95% interval', data: shaped(points.map((p) => p.ci95?.[1])), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: t.band, yAxisID: 'y' },
            {
              type: 'line', label: 'NPS', data: shaped(points.map((p) => p.nps)), borderColor: t.accent, backgroundColor: t.accent, borderWidth: 2.5, tension: 0.2,
              pointRadius: points.map((p) => (isDip(p) ? 7 : 3)), pointStyle: points.map((p) => (isDip(p) ? 'triangle' : 'circle')),
              pointBackgroundColor: points.map((p) => (isDip(p) ? t.detractor : t.accent)), yAxisID: 'y',
            },
            { type: 'bar', label: 'Responses (n)', data: shaped(points.map((p) => p.n)), backgroundColor: t.border, yAxisID: 'n', order: 10, barPercentage: 0.6 },
          ],
        },
        options: {
          parsing: false, normalized: true,
          interaction: { mode: 'index', intersect: false },
          onClick: (_, els) => {
            const p = points[els[0]?.index];
            if (p) app.update({ from: p.start, to: periodEnd(p.start, period) });
          },
          plugins: {
            legend: { labels: { filter: (item) => item.text !== '95% low' } },
            tooltip: { callbacks: { label: (i) => (i.dataset.label === 'NPS' ? `NPS ${f.nps(i.parsed.y)} (n ${f.int(points[i.dataIndex].n)}, 95% ${f.ci(points[i.dataIndex].ci95)})` : i.dataset.label === 'Responses (n)' ? `n ${f.int(i.parsed.y)}` : null) } },
            annotation: { annotations: noteAnnotations },
          },
          scales: {
            y: { suggestedMin: -20, suggestedMax: 60, title: { display: true, text: 'NPS' } },
            n: { position: 'right', beginAtZero: true, grid: { display: false }, title: { display: true, text: 'n' }, ticks: { precision: 0 } },
            x: { grid: { display: false } },
          },
        },
      });
    },
  };
}
