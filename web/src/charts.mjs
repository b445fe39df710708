// Chart.js setup: only the pieces the dashboard uses (tree-shaken), colours
// from the CSS custom properties (so dark mode and print follow), PNG export.
import {
  Chart, BarController, LineController, ScatterController, BarElement, LineElement, PointElement,
  CategoryScale, LinearScale, Tooltip, Legend, Filler,
} from 'chart.js';
import annotationPlugin from 'chartjs-plugin-annotation';
import { whenIdle } from './dom.mjs';

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

/** The last batch's costs (benchmark phase marks): ms reading positions (the page's layout), ms drawing the charts in view, how many. */
export const lastBatch = { layoutMs: 0, drawMs: 0, drawn: 0, waiting: 0 };

/**
 * Runs fn (which builds panels and calls draw) and draws its charts at the end:
 * a new chart reads its canvas's computed size, which forces the browser to lay out
 * the page, so building all DOM first lays it out once instead of once per chart
 * (a chart updated in place reads no size at all). Charts off screen then wait
 * (see `later` below).
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
      // Every read first (one layout for the whole batch), then the drawing.
      const t0 = performance.now();
      const onScreen = queue.map(([canvas]) => nearViewport(canvas));
      const t1 = performance.now();
      queue.forEach(([canvas, config], i) => (onScreen[i] ? now(canvas, config) : later(canvas, config)));
      Object.assign(lastBatch, { layoutMs: t1 - t0, drawMs: performance.now() - t1, drawn: onScreen.filter(Boolean).length, waiting: onScreen.filter((x) => !x).length });
    }
  }
}

/**
 * Runs fn (which builds panels and calls draw) and returns its charts, [[canvas,
 * config]], without drawing them: the first-draw rehearsal (rehearsal.mjs) draws them
 * one per idle period with `drawNow`.
 */
export function collectCharts(fn) {
  if (pending) throw new Error('collectCharts inside a batch');
  pending = [];
  try {
    fn();
    return pending;
  } finally {
    pending = null;
  }
}

/** Draws `config` on a canvas now, whatever its position (creates the chart, or updates it in place). */
export function drawNow(canvas, config) { now(canvas, config); }

/**
 * Draws `config` on a canvas (at the end of a batch, if one is running). A chart of
 * the same type already on the canvas (panel-kit chartSlot) is updated in place,
 * without animation: building a chart costs far more than drawing new data.
 */
export function draw(canvas, config) {
  if (pending) pending.push([canvas, config]);
  else now(canvas, config);
}

// Charts of a batch that are off screen (below the fold) wait: they are drawn when
// they come within half a screen of the viewport, in the browser's idle time
// (one per idle period, so input is never held up long), before printing, and before
// their PNG is taken (pngOf), whichever comes first. So the first frame holds only
// what can be seen; what waits is a picture of numbers its panel already shows as
// text (every chart has its table), and is never shown stale: a newer config replaces
// a waiting one, a chart drawn now drops its waiting one, and a canvas that still holds
// the last render's chart is hidden until it is drawn (a fast scroll may show an empty
// box for a frame, never the old numbers).
const waiting = new Map(); // canvas -> config
let watcher = null;
let idleQueued = false;
const idle = (fn) => whenIdle(fn, 500);

/** Tests: `hold` keeps waiting charts waiting (no idle or scroll drawing; PNG and print still draw). */
export const chartTestHooks = { hold: false };

// A chart is drawn with the numbers when at least this share of its height is in view;
// one showing less (its top edge at the bottom of the screen) is drawn by the observer's
// first call, a frame later (its box is empty meanwhile): a first screen of 1360 x 900
// shows 26 of the trend chart's 340 px, and drawing it held the numbers back ~8 ms.
const SEEN_SHARE = 0.25;

function nearViewport(canvas) {
  if (!canvas.isConnected) return true; // nothing to wait for: drawn as before
  const r = canvas.getBoundingClientRect();
  if (r.width === 0 && r.height === 0) return true; // not rendered (a hidden panel): no position to wait on
  const seen = Math.min(r.bottom, innerHeight) - Math.max(r.top, 0);
  return seen > 0 && seen >= Math.min(r.height, innerHeight) * SEEN_SHARE;
}

function later(canvas, config) {
  watcher ??= new IntersectionObserver((entries) => {
    if (chartTestHooks.hold) return;
    for (const e of entries) if (e.isIntersecting) drawWaiting(e.target);
  }, { rootMargin: '50% 0px' });
  waiting.set(canvas, config);
  if (Chart.getChart(canvas)) canvas.style.visibility = 'hidden';
  watcher.observe(canvas);
  if (!idleQueued) { idleQueued = true; idle(drawOneWaiting); }
}

function drawOneWaiting() {
  idleQueued = false;
  if (chartTestHooks.hold) { idleQueued = true; setTimeout(() => idle(drawOneWaiting), 50); return; }
  const canvas = waiting.keys().next().value;
  if (!canvas) return;
  drawWaiting(canvas);
  if (waiting.size) { idleQueued = true; idle(drawOneWaiting); }
}

function drawWaiting(canvas) {
  const config = waiting.get(canvas);
  if (config) now(canvas, config);
}

/** Draws every chart still waiting (before printing; tests). */
export function drawAllWaiting() {
  for (const canvas of [...waiting.keys()]) drawWaiting(canvas);
}
addEventListener('beforeprint', drawAllWaiting);

/** How many charts wait to be drawn (test and benchmark hook). */
export const chartsWaiting = () => waiting.size;

let noneWaiting = []; // resolvers of whenNoneWaiting()
/** Resolves once no chart waits (at once if none does): the marks' "every chart drawn". */
export function whenNoneWaiting() {
  return waiting.size ? new Promise((resolve) => noneWaiting.push(resolve)) : Promise.resolve();
}

/**
 * What a canvas's chart shows (test hook): its instance id (the same across renders
 * when it is updated in place), type, labels and each dataset's values (y, or x for
 * horizontal bars; [low, high] for floating bars). null: no chart on it (yet), or the
 * one on it is hidden, waiting to be drawn with the last render's data.
 */
export function chartSummary(canvas) {
  const chart = canvas && !waiting.has(canvas) && Chart.getChart(canvas);
  if (!chart) return null;
  const horizontal = chart.options.indexAxis === 'y';
  const value = (p) => (p && typeof p === 'object' && !Array.isArray(p) ? (horizontal ? p.x : p.y) : p);
  return {
    id: chart.id, type: chart.config.type ?? null, labels: [...(chart.data.labels ?? [])],
    datasets: chart.data.datasets.map((d) => ({ label: d.label, values: d.data.map(value) })),
  };
}

function now(canvas, config) {
  const waited = waiting.delete(canvas);
  if (waited) { watcher.unobserve(canvas); canvas.style.visibility = ''; }
  try { create(canvas, config); } catch (e) { console.error('chart', e); } // one bad chart must not stop the others
  if (waited && !waiting.size) { const done = noneWaiting; noneWaiting = []; done.forEach((resolve) => resolve()); }
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

/**
 * Chart.js's code has not run when the first file's numbers arrive: its first charts
 * are built by the interpreter, with each function compiled on first call (about two
 * thirds of a 100k-row import's drawing time, measured in docs/dashboard.md
 * "Benchmark"). This draws the kinds of chart the numeric panels draw (vertical bars;
 * horizontal bars with floating interval bars; lines with a filled band, bars on a
 * second axis and an annotation) once, on a canvas outside the page, while the user
 * picks a file: one chart per idle period, so a drop is never held up by more than
 * one. Nothing it draws is shown or kept. Resolves once every kind was drawn, or
 * when `stop()` says to give up (a file is being read: its charts are real work).
 */
export function warmUpCharts({ stop = () => false } = {}) {
  const kinds = warmUpConfigs();
  return new Promise((resolve) => {
    const next = () => {
      const config = kinds.shift();
      if (!config || stop()) { resolve(!config); return; }
      try {
        const canvas = document.createElement('canvas');
        canvas.width = 640; canvas.height = 320;
        const chart = new Chart(canvas, config);
        // An update in place too: how every later render draws (create() above).
        chart.data = config.data;
        chart.update('none');
        chart.destroy();
      } catch (e) { console.error('chart warm-up', e); } // only a slower first draw: never worth failing the page
      whenIdle(next);
    };
    whenIdle(next);
  });
}

function warmUpConfigs() {
  const t = theme();
  const labels = Array.from({ length: 11 }, (_, i) => String(i));
  const values = labels.map((_, i) => 50 + ((i * 37) % 50));
  // Off the page: a fixed size, no resize observers, no device pixel ratio lookups.
  const fixed = { responsive: false, devicePixelRatio: 1, parsing: false, normalized: true };
  return [
    { type: 'bar', data: { labels, datasets: [{ label: 'n', data: points(values), backgroundColor: labels.map(() => t.accent), borderRadius: 3 }] },
      options: { ...fixed, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { grid: { display: false } } } } },
    { type: 'bar', data: { labels, datasets: [
      { label: 'NPS', data: points(values, { horizontal: true }), backgroundColor: t.accent, borderRadius: 3, barPercentage: 0.7, grouped: false },
      { label: '95%', data: values.map((v) => [v - 5, v + 5]), parsing: true, backgroundColor: t.band, borderColor: t.muted, borderWidth: 1, barPercentage: 0.25, grouped: false }] },
    options: { ...fixed, parsing: undefined, indexAxis: 'y', scales: { x: { suggestedMin: -20, suggestedMax: 60 }, y: { grid: { display: false } } } } },
    { data: { labels, datasets: [
      { type: 'line', label: 'low', data: points(values.map((v) => v - 5)), borderWidth: 0, pointRadius: 0, fill: false, yAxisID: 'y' },
      { type: 'line', label: 'high', data: points(values.map((v) => v + 5)), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: t.band, yAxisID: 'y' },
      { type: 'line', label: 'NPS', data: points(values), borderColor: t.accent, borderWidth: 2.5, tension: 0.2, pointRadius: labels.map((_, i) => (i === 3 ? 7 : 3)), pointStyle: labels.map((_, i) => (i === 3 ? 'triangle' : 'circle')), yAxisID: 'y' },
      { type: 'bar', label: 'n', data: points(values), backgroundColor: t.border, yAxisID: 'n', order: 10, barPercentage: 0.6 }] },
    options: { ...fixed, interaction: { mode: 'index', intersect: false },
      plugins: { annotation: { annotations: { note: { type: 'line', xMin: 2, xMax: 2, borderColor: t.muted, borderDash: [4, 4], label: { display: true, content: 'note', position: 'end' } } } } },
      scales: { y: { suggestedMin: -20, suggestedMax: 60, title: { display: true, text: 'NPS' } }, n: { position: 'right', beginAtZero: true, grid: { display: false }, title: { display: true, text: 'n' } }, x: { grid: { display: false } } } } },
  ];
}

export function pngOf(canvas) {
  drawWaiting(canvas);
  return Chart.getChart(canvas)?.toBase64Image('image/png', 1);
}

export { Chart };
