// Benchmarks: published industry figures shipped with the product (web/data/
// industry_nps.csv, every row keeps its source, year, region and URL, shown
// beside the number), the user's own reference values, and an NPS goal with
// the sample size needed to detect the gap (asked of the core: the `sampleSize` answer, view.mjs).
import benchmarks from 'npskit:benchmarks';
import { h, mount, table, options } from '../dom.mjs';
import { draw, theme, points } from '../charts.mjs';
import { panelHead, chartSlot, pngButton } from '../panel-kit.mjs';
import { references, goal, benchmarkPick } from '../store.mjs';
import * as f from '../format.mjs';

const label = (b) => `${b.industry} · ${b.segment} · ${b.region} · ${b.year} · ${b.source}`;

export function create(root, app) {
  let canvas;
  const chart = chartSlot();
  // The industry figure picker lists every published figure (~80 long options) and
  // depends on nothing but the pick: built once per pick, moved into each render.
  let picker = null, pickerFor = null;
  return {
    /** ctx.answers.sampleSize: the core's sample size for the gap to the goal (view.mjs derivedCalls). */
    render({ report, answers }) {
      const o = report.overall;
      const sorted = benchmarks.map((b, i) => ({ ...b, i })).sort((a, b) => a.industry.localeCompare(b.industry) || b.year - a.year);
      const picked = benchmarks[benchmarkPick.get()] ?? null;
      const refs = references.all();
      const g = goal.get();

      const pickedValue = picked ? String(benchmarks.indexOf(picked)) : '';
      if (!picker || pickerFor !== pickedValue || picker.value !== pickedValue) {
        picker = h('select', { id: 'bench-pick', onchange: (e) => { benchmarkPick.set(e.target.value === '' ? null : Number(e.target.value)); app.refreshView(); } },
          options([['', '(choose an industry figure)'], ...sorted.map((b) => [String(b.i), label(b)])], pickedValue));
        pickerFor = pickedValue;
      }
      const sel = picker;

      let pickedView = null;
      if (picked && picked.nps != null) {
        const diff = o.nps - picked.nps;
        const inside = picked.nps >= o.ci95[0] && picked.nps <= o.ci95[1];
        pickedView = h('div', { 'data-testid': 'benchmark' },
          h('p', null, h('strong', null, `${picked.industry} (${picked.segment}, ${picked.region}): ${f.nps(picked.nps)}`),
            picked.low != null && picked.high != null ? ` (range ${f.nps(picked.low)} to ${f.nps(picked.high)})` : '',
            ` · ${picked.statistic} · ${picked.year}`),
          h('p', null, `You: ${f.nps(o.nps)}, ${f.signed(diff)} points vs this figure; `,
            inside ? 'the figure lies inside your 95% interval, so you cannot tell yourself apart from it.' : diff > 0 ? 'you are clearly above it.' : 'you are clearly below it.'),
          h('p', { class: 'source' }, `Source: ${picked.source}, ${picked.year} (${picked.provenance}). `,
            h('a', { href: picked.url, rel: 'noopener noreferrer', target: '_blank' }, picked.url)),
          picked.note ? h('p', { class: 'source' }, picked.note) : null);
      }

      const refName = h('input', { type: 'text', id: 'ref-name', placeholder: 'e.g. Competitor A, 2024', 'aria-label': 'Reference name', maxlength: 60 });
      const refValue = h('input', { type: 'number', id: 'ref-value', min: -100, max: 100, step: 0.1, 'aria-label': 'Reference NPS' });
      const goalInput = h('input', { type: 'number', id: 'goal', min: -100, max: 100, step: 1, value: g ?? '', 'aria-label': 'NPS goal' });

      let goalView = null;
      if (g != null && o.n) {
        const gap = g - o.nps;
        const confidence = report.options?.confidence;
        // Responses per measurement for an interval as narrow as the gap (the core decides: stats_query.hpp).
        const asked = gap !== 0 ? answers.sampleSize : null;
        const need = asked?.result?.sample_size ?? null;
        const needError = asked?.error ? asked.error.message || String(asked.error) : null;
        const pctDone = Math.max(0, Math.min(100, ((o.nps + 100) / (g + 100)) * 100));
        const bar = h('span'); bar.style.width = pctDone + '%';
        goalView = h('div', { 'data-testid': 'goal' },
          h('div', { class: 'goalbar', role: 'progressbar', 'aria-valuemin': -100, 'aria-valuemax': g, 'aria-valuenow': Math.round(o.nps), 'aria-label': 'Progress toward the NPS goal' }, bar),
          h('p', null, gap <= 0 ? `Goal reached: ${f.nps(o.nps)} vs goal ${f.nps(g)}.` : `${f.signed(gap)} points to the goal of ${f.nps(g)}.`,
            need != null ? ` To tell a ${Math.abs(gap).toFixed(1)}-point gap apart with ${f.level(confidence)} confidence you need about ${f.int(need)} responses per measurement (you have ${f.int(o.n)}).` : '',
            needError ? ` (The sample size could not be computed: ${needError}.)` : ''));
      }

      const bars = [
        { name: 'You', nps: o.nps, kind: 'you' },
        ...(picked && picked.nps != null ? [{ name: `${picked.industry} ${picked.year}`, nps: picked.nps, kind: 'bench' }] : []),
        ...refs.map((r) => ({ name: r.name, nps: r.nps, kind: 'ref' })),
        ...(g != null ? [{ name: 'Goal', nps: g, kind: 'goal' }] : []),
      ];
      const alt = table([{ label: 'Reference', get: (r) => r.name }, { label: 'NPS', get: (r) => f.nps(r.nps), num: true }], bars);
      const c = chart('Bar chart comparing your NPS with the chosen benchmark, your references and your goal', alt);
      canvas = c.canvas;

      mount(root,
        panelHead('h-benchmarks', 'Where you stand', pngButton(() => canvas, 'nps-benchmarks.png')),
        h('div', { class: 'two' },
          h('div', null,
            h('div', { class: 'row editor' }, h('label', { for: 'bench-pick' }, 'Industry figure'), sel),
            pickedView,
            h('p', { class: 'source' }, 'Sources survey differently (consumer panels rating brands vs companies surveying their own customers) and the year matters as much as the industry: compare within one source and year. Your own trend matters more than any external figure.'),
            h('h3', { class: refs.length ? null : 'no-print' }, 'Your references'),
            refs.length ? h('ul', null, refs.map((r, i) => h('li', null, `${r.name}: ${f.nps(r.nps)} `,
              h('button', { type: 'button', class: 'link', 'aria-label': `Remove reference ${r.name}`, onclick: () => { references.remove(i); app.refreshView(); } }, 'remove')))) : null,
            h('form', { class: 'row editor', onsubmit: (e) => {
              e.preventDefault();
              const v = Number(refValue.value);
              if (!refName.value.trim() || refValue.value === '' || !(v >= -100 && v <= 100)) return;
              references.add({ name: refName.value.trim(), nps: v });
              app.refreshView();
            } }, refName, refValue, h('button', { type: 'submit', class: 'secondary' }, 'Add reference')),
            h('h3', { class: g != null ? null : 'no-print' }, 'Goal'),
            h('form', { class: 'row editor', onsubmit: (e) => {
              e.preventDefault();
              const v = goalInput.value === '' ? null : Number(goalInput.value);
              goal.set(v != null && v >= -100 && v <= 100 ? v : null);
              app.refreshView();
            } }, h('label', { for: 'goal' }, 'NPS goal'), goalInput, h('button', { type: 'submit', class: 'secondary' }, 'Set goal')),
            goalView),
          c.el));

      const t = theme();
      const colour = { you: t.accent, bench: t.passive, ref: t.muted, goal: t.promoter };
      draw(canvas, {
        type: 'bar',
        data: { labels: bars.map((b) => b.name), datasets: [{ label: 'NPS', data: points(bars.map((b) => b.nps), { horizontal: true }), backgroundColor: bars.map((b) => colour[b.kind]), borderRadius: 3 }] },
        options: { indexAxis: 'y', parsing: false, normalized: true, plugins: { legend: { display: false } }, scales: { x: { suggestedMin: -20, suggestedMax: 80 }, y: { grid: { display: false } } } },
      });
    },
  };
}
