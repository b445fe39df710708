// Shared bits of panel markup: headers with tool buttons, a chart with its
// table alternative (for screen readers and for people who want the numbers),
// and PNG / CSV export buttons.
import { h, mount } from './dom.mjs';
import { pngOf } from './charts.mjs';
import { downloadCSV, safeFileName } from './csv.mjs';

export function panelHead(id, title, ...tools) {
  return h('div', { class: 'panel-head' }, h('h2', { id }, title), h('div', { class: 'tools' }, tools));
}

/** A canvas (aria-hidden image with a label) plus a <details> holding the same numbers as a table. */
export function chartWithTable(label, altTable, opts) {
  return chartSlot()(label, altTable, opts);
}

/**
 * A chart that lives across renders: each call returns the same canvas (in the same
 * box) with a fresh table alternative, so draw() updates the chart already on it
 * instead of building a new one (charts.mjs).
 */
export function chartSlot() {
  let canvas = null, box = null;
  return (label, altTable, { tall = false } = {}) => {
    canvas ??= h('canvas', { role: 'img' });
    box ??= h('div', null, canvas);
    canvas.setAttribute('aria-label', label);
    box.className = 'chart-box' + (tall ? ' tall' : '');
    return { canvas, el: h('div', null, box, details(label, altTable)) };
  };
}

function details(label, altTable) {
  // The wrapper scrolls sideways on narrow screens: focusable, so keyboard users can scroll it too.
  return h('details', { class: 'alt' }, h('summary', null, 'Show as table'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Table: ${label}` }, altTable));
}

export function pngButton(getCanvas, filename, label = 'PNG') {
  return h('button', {
    type: 'button', class: 'secondary', 'aria-label': `${label}: download chart as PNG (${filename})`,
    onclick: () => {
      const url = pngOf(getCanvas());
      if (!url) return;
      const a = h('a', { href: url, download: safeFileName(filename) });
      document.body.appendChild(a); a.click(); a.remove();
    },
  }, label);
}

export function csvButton(getRows, filename, label = 'CSV') {
  return h('button', {
    type: 'button', class: 'secondary', 'aria-label': `${label}: download table as CSV (${typeof filename === 'function' ? filename() : filename})`,
    onclick: async () => downloadCSV(typeof filename === 'function' ? filename() : filename, await getRows()),
  }, label);
}

/**
 * Tallies files hold counts per group, not responses: what needs the responses is
 * not shown as empty or zero. The core decides which features are missing
 * (report.not_available.features, src/core/report/tallies_report.cpp); null when
 * `feature` is available.
 */
export function notForTallies(report, feature) {
  const na = report?.not_available;
  return na && (na.features ?? []).includes(feature) ? na : null;
}

export const TALLIES_NOTE = 'Not available for tallies files: they hold counts, not responses.';

/** The panel's whole body when its feature is missing for tallies: the title, why, and what to do. */
export function notAvailableBody(headId, title, what) {
  return [panelHead(headId, title),
    h('p', { class: 'muted', 'data-testid': 'not-available' }, `${TALLIES_NOTE} ${what} needs the individual responses: open the raw export for it.`)];
}

export const ANALYZING = 'Analyzing comments…';

/**
 * Comment analytics still running for this panel: the panel is aria-busy and says so
 * in a status line (first in `box`). `fresh`: nothing of this data was drawn yet, so
 * the line is all the box shows; otherwise what was drawn stays below it until the
 * answer replaces it.
 */
export function showPending(panel, box, { fresh }) {
  panel.setAttribute('aria-busy', 'true');
  const note = h('p', { class: 'muted pending', role: 'status', 'data-testid': 'analyzing' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ANALYZING);
  if (fresh) { mount(box, note); return; }
  box.querySelector(':scope > [data-testid=analyzing]')?.remove();
  const head = box.querySelector(':scope > .panel-head');
  if (head) head.after(note); else box.prepend(note);
}

/** The answer is in (or failed), or what the panel shows is current again: no longer busy. */
export function endPending(panel) {
  panel.removeAttribute('aria-busy');
  for (const note of panel.querySelectorAll('[data-testid=analyzing]')) note.remove();
}
