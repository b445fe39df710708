// Segments: pick any column; n, NPS, interval, difference vs the rest,
// significance and impact per value (all from the core's report); a bar chart
// with intervals; click a value (row button or bar) to cross-filter every view;
// compare two values (the core judges the pair: the `compare` answer, view.mjs).
import { h, mount, table, options } from '../dom.mjs';
import { draw, theme, points } from '../charts.mjs';
import { panelHead, chartSlot, pngButton, csvButton } from '../panel-kit.mjs';
import { comparedPair } from '../view.mjs';
import * as f from '../format.mjs';

const CHART_MAX = 15;

export function create(root, app) {
  let canvas;
  const chart = chartSlot();
  let sort = { key: 'n', dir: -1 }; // the core lists by n, descending
  let last = null;
  const self = {
    render(ctx) {
      last = ctx;
      const { report } = ctx;
      const column = app.state.seg;
      const all = app.allColumns();
      const rows = (column && report.segments?.[column]) || [];
      const confidence = report.options?.confidence;
      const minGroup = report.options?.min_group_for_significance;
      const keyOf = { value: (r) => r.value, n: (r) => r.n, nps: (r) => r.nps, diff: (r) => r.vs_rest?.diff ?? 0, impact: (r) => r.impact };
      const sorted = [...rows].sort((a, b) => {
        const x = keyOf[sort.key](a), y = keyOf[sort.key](b);
        return (typeof x === 'string' ? x.localeCompare(y) : x - y) * sort.dir;
      });
      const onSort = (key) => { sort = { key, dir: sort.key === key ? -sort.dir : key === 'value' ? 1 : -1 }; self.render(last); };

      const colSelect = h('select', { id: 'seg-column', onchange: (e) => app.update({ seg: e.target.value || null, cmpA: null, cmpB: null }) },
        options([['', '(choose a column)'], ...all.map((c) => [c, c])], column ?? ''));
      const sigText = (r) => (r.vs_rest?.too_small ? 'too small' : r.vs_rest?.significant ? (r.vs_rest.diff > 0 ? 'higher' : 'lower') : 'no');
      const active = (v) => app.state.where.some((w) => w.column === column && w.op === 'eq' && w.value === v);
      const tbl = table([
        { label: column ?? 'Segment', key: 'value', get: (r) => h('button', { type: 'button', class: 'link', 'aria-pressed': String(active(r.value)), 'aria-label': `Filter every view to ${column} = ${r.value || '(blank)'}`, onclick: () => app.addWhere(column, 'eq', r.value) }, r.value === '' ? '(blank)' : r.value) },
        { label: 'n', key: 'n', get: (r) => f.int(r.n), num: true },
        { label: 'NPS', key: 'nps', get: (r) => f.nps(r.nps), num: true },
        { label: '95% interval', get: (r) => f.ci(r.ci95) },
        { label: 'vs rest', key: 'diff', get: (r) => f.signed(r.vs_rest?.diff), num: true },
        { label: 'Significant', get: (r) => h('span', { class: 'sig ' + (r.vs_rest?.significant ? (r.vs_rest.diff > 0 ? 'up' : 'down') : '') }, sigText(r)) },
        { label: 'Impact on overall', key: 'impact', get: (r) => f.signed(r.impact), num: true },
      ], sorted, { sort, onSort, rowAttrs: (r) => ({ class: active(r.value) ? 'active' : null }), caption: column ? `NPS by ${column}` : undefined });

      const top = sorted.slice(0, CHART_MAX);
      const c = chart(`Bar chart of NPS by ${column}, with 95% intervals`, h('p', { class: 'muted' }, 'The table above holds the same numbers.'));
      canvas = c.canvas;

      // Compare two values side by side.
      const values = rows.map((r) => r.value);
      const pick = comparedPair(rows, app.state); // the pair the core was asked to compare (view.mjs)
      const selA = h('select', { id: 'cmp-a', onchange: (e) => app.update({ cmpA: e.target.value, cmpB: pick.b }) }, options(values.map((v) => [v, v || '(blank)']), pick.a));
      const selB = h('select', { id: 'cmp-b', onchange: (e) => app.update({ cmpA: pick.a, cmpB: e.target.value }) }, options(values.map((v) => [v, v || '(blank)']), pick.b));
      const cmpOut = h('div', { 'aria-live': 'polite' });
      const renderCompare = () => {
        const A = rows.find((r) => r.value === pick.a), B = rows.find((r) => r.value === pick.b);
        const got = ctx.answers.compare;
        if (!A || !B || !got) { mount(cmpOut); return; }
        if (got.error) { mount(cmpOut, h('p', { class: 'warn' }, `Could not compare: ${got.error.message || got.error}`)); return; }
        const res = got.result.compare;
        const card = (r) => h('div', { class: 'compare-card' },
          h('div', { class: 'muted' }, `${column} = ${r.value || '(blank)'}`),
          h('div', { class: 'score' }, f.nps(r.nps)),
          h('div', { class: 'muted' }, `95% ${f.ci(r.ci95)} · n ${f.int(r.n)}`),
          h('div', null, `Promoters ${f.pct((100 * r.promoters) / (r.n || 1))} · Passives ${f.pct((100 * r.passives) / (r.n || 1))} · Detractors ${f.pct((100 * r.detractors) / (r.n || 1))}`));
        mount(cmpOut, h('div', { class: 'compare-grid' }, card(A), card(B)),
          h('p', { 'data-testid': 'compare-result' }, `Difference ${f.signed(res.diff)} points: `,
            res.too_small ? `one group has fewer than ${minGroup} responses, too small to tell.`
              : res.significant ? h('strong', null, `significant at ${f.level(confidence)}.`) : `not significant at ${f.level(confidence)}.`));
      };

      mount(root,
        panelHead('h-segments', 'Segments', h('label', { for: 'seg-column' }, 'Column '), colSelect,
          pngButton(() => canvas, `nps-by-${column}.png`),
          csvButton(() => [[column, 'n', 'nps', 'ci95_low', 'ci95_high', 'diff_vs_rest', 'significant', 'impact'],
            ...rows.map((r) => [r.value, r.n, r.nps, r.ci95?.[0], r.ci95?.[1], r.vs_rest?.diff, r.vs_rest?.significant, r.impact])], `nps-by-${column}.csv`)),
        !column ? h('p', { class: 'muted' }, 'Choose a column to break the score down.') : null,
        column ? h('div', { class: 'table-wrap' }, tbl) : null,
        column && rows.length > CHART_MAX ? h('p', { class: 'muted' }, `The chart shows the first ${CHART_MAX} of ${rows.length} values in table order.`) : null,
        column ? c.el : null,
        h('p', { class: 'muted' }, 'Impact: how many points the overall NPS would move if this segment scored like everyone else. Click a value to filter every view to it.'),
        column && rows.length ? h('p', { class: 'muted', 'data-testid': 'seg-significance' }, significanceNote(report.options, column, rows.length)) : null,
        column && values.length >= 2 ? h('div', { class: 'no-print' }, h('h3', null, 'Compare two segments'),
          h('div', { class: 'row' }, h('label', { for: 'cmp-a' }, 'A'), selA, h('label', { for: 'cmp-b' }, 'B'), selB), cmpOut) : null);
      renderCompare();
      if (!column) return;

      const t = theme();
      const color = (r) => (r.vs_rest?.significant ? (r.vs_rest.diff > 0 ? t.promoter : t.detractor) : t.accent);
      draw(canvas, {
        type: 'bar',
        data: {
          labels: top.map((r) => (r.value === '' ? '(blank)' : r.value)),
          datasets: [
            { label: 'NPS', data: points(top.map((r) => r.nps), { horizontal: true }), parsing: false, normalized: true, backgroundColor: top.map(color), borderRadius: 3, barPercentage: 0.7, grouped: false },
            // [low, high] pairs: floating bars, which Chart.js parses (their held form is internal).
            { label: '95% interval', data: top.map((r) => r.ci95), backgroundColor: t.band, borderColor: t.muted, borderWidth: 1, barPercentage: 0.25, grouped: false },
          ],
        },
        options: {
          indexAxis: 'y',
          onClick: (_, els) => { const r = top[els[0]?.index]; if (r) app.addWhere(column, 'eq', r.value); },
          plugins: { tooltip: { callbacks: { label: (i) => (i.datasetIndex === 0 ? `NPS ${f.nps(i.parsed.x)} (n ${f.int(top[i.dataIndex].n)})` : `95% ${f.ci(i.raw)}`) } } },
          scales: { x: { suggestedMin: -20, suggestedMax: 60 }, y: { grid: { display: false } } },
        },
      });
    },
  };
  return self;
}

/** How the "Significant" column was decided (the core's method, said in plain words). */
export function significanceNote(options = {}, column, values) {
  const method = options.multiple_comparisons;
  const together = method === 'holm' ? `judged together with the other ${values - 1} values of ${column} (Holm method), so that many values do not raise false alarms`
    : method === 'bh' ? `judged together with the other ${values - 1} values of ${column} (Benjamini-Hochberg method)` : 'each judged alone';
  return `Significant: each value against the rest at ${f.level(options.confidence)} confidence, ${together}. Values with fewer than ${options.min_group_for_significance ?? '–'} responses are not judged.`;
}
