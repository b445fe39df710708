// The 0-10 distribution, each bar coloured by its category.
import { h, mount, table } from '../dom.mjs';
import { draw, theme, points } from '../charts.mjs';
import { panelHead, chartSlot, pngButton, csvButton } from '../panel-kit.mjs';
import * as f from '../format.mjs';

export function create(root) {
  let canvas;
  const chart = chartSlot();
  return {
    render({ report }) {
      const hist = report.overall.histogram ?? new Array(11).fill(0);
      const n = report.overall.n || 1;
      const categories = report.overall.histogram_categories ?? []; // the core's 0-6 / 7-8 / 9-10 rule
      const rows = hist.map((count, score) => ({ score, count, share: (100 * count) / n, category: categories[score] }));
      const alt = table([
        { label: 'Score', get: (r) => r.score, num: true },
        { label: 'Responses', get: (r) => f.int(r.count), num: true },
        { label: 'Share', get: (r) => f.pct(r.share), num: true },
        { label: 'Category', get: (r) => f.CATEGORY[r.category] },
      ], rows);
      const c = chart('Bar chart of responses per score from 0 to 10, coloured by category', alt);
      canvas = c.canvas;
      mount(root,
        panelHead('h-distribution', 'Score distribution',
          pngButton(() => canvas, 'nps-distribution.png'),
          csvButton(() => [['score', 'responses', 'share_pct', 'category'], ...rows.map((r) => [r.score, r.count, +r.share.toFixed(2), r.category])], 'nps-distribution.csv')),
        c.el);
      const t = theme();
      draw(canvas, {
        type: 'bar',
        data: {
          labels: rows.map((r) => String(r.score)),
          datasets: [{ label: 'Responses', data: points(hist), backgroundColor: rows.map((r) => t[r.category]), borderRadius: 3 }],
        },
        options: {
          parsing: false, normalized: true,
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (i) => `${f.int(i.parsed.y)} responses (${f.pct(rows[i.dataIndex].share)})` } } },
          scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } },
        },
      });
    },
  };
}
