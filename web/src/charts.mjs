// Chart.js setup: only the pieces the dashboard uses (tree-shaken), colours
// from the CSS custom properties (so dark mode and print follow), PNG export.
import {
  Chart, BarController, LineController, ScatterController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend, Filler,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';

Chart.register(BarController, LineController, ScatterController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend, Filler, annotationPlugin);

/** Paints the panel colour behind the chart so exported PNGs are not transparent. */
const background = {
  id: 'npskitBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = theme().panel;
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};
Chart.register(background);

// Read once per colour scheme: each read after DOM changes forces a style
// recalculation, and every chart draw asks (about 35 ms on a first render).
let cachedTheme = null;
// Print swaps the custom properties (dashboard.css @media print).
addEventListener('beforeprint', () => { cachedTheme = null; });
addEventListener('afterprint', () => { cachedTheme = null; });

export function theme() {
  cachedTheme ??= readTheme();
  return cachedTheme;
}

function readTheme() {
  const cs = getComputedStyle(document.documentElement);
  const v = (name) => cs.getPropertyValue(name).trim();
  return {
    text: v('--text'), muted: v('--muted'), border: v('--border'), panel: v('--panel'), accent: v('--accent'),
    band: v('--band'), promoter: v('--promoter'), passive: v('--passive'), detractor: v('--detractor'),
  };
}

/** Chart.js defaults from the current colour scheme (at boot and when it changes). */
export function applyDefaults() {
  cachedTheme = null;
  const t = theme();
  Chart.defaults.color = t.muted;
  Chart.defaults.borderColor = t.border;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.animation = false; // instant redraws on every filter click; also keeps tests deterministic
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.responsive = true;
}

let pending = null; // charts waiting for the end of a batch

/**
 * Runs fn (which builds panels and calls draw) and draws its charts at the end:
 * a new chart reads its canvas's computed size, which forces the browser to lay out
 * the page, so building all DOM first lays it out once instead of once per chart
 * (a chart updated in place reads no size at all).
 */
export function batchCharts(fn) {
  const outer = pending === null;
  if (outer) pending = [];
  try {
    return fn();
  } finally {
    if (outer) {
      const queue = pending;
      pending = null;
      for (const [canvas, config] of queue) {
        try { create(canvas, config); } catch (e) { console.error('chart', e); } // one bad chart must not stop the others
      }
    }
  }
}

/**
 * Draws `config` on a canvas (at the end of a batch, if one is running). A chart of
 * the same type already on the canvas (panel-kit chartSlot) is updated in place,
 * without animation: building a chart costs far more than drawing new data.
 */
export function draw(canvas, config) {
  if (pending) pending.push([canvas, config]);
  else create(canvas, config);
}

function create(canvas, config) {
  const chart = Chart.getChart(canvas);
  if (chart && chart.config.type === config.type) {
    chart.data = config.data;
    chart.options = config.options;
    chart.update('none');
    return;
  }
  chart?.destroy();
  new Chart(canvas, config); // eslint-disable-line no-new -- Chart.js registers it on the canvas
}

/**
 * Data shaped as Chart.js holds it, for `parsing: false` (no parsing pass): points
 * {x, y} on a category axis are indexes; a missing value is NaN (a gap, never 0).
 * `horizontal`: the categories are on the y axis (indexAxis: 'y').
 */
export function points(values, { horizontal = false } = {}) {
  return values.map((v, i) => {
    const value = v == null ? NaN : v;
    return horizontal ? { x: value, y: i } : { x: i, y: value };
  });
}

export function pngOf(canvas) {
  return Chart.getChart(canvas)?.toBase64Image('image/png', 1);
}

export { Chart };
