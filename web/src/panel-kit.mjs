// Shared bits of panel markup: headers with tool buttons, a chart with its
// table alternative (for screen readers and for people who want the numbers),
// and PNG / CSV export buttons.
import { h } from './dom.mjs';
import { pngOf } from './charts.mjs';
import { downloadCSV, safeFileName } from './csv.mjs';

export function panelHead(id, title, ...tools) {
  return h('div', { class: 'panel-head' }, h('h2', { id }, title), h('div', { class: 'tools' }, tools));
}

/** A canvas (aria-hidden image with a label) plus a <details> holding the same numbers as a table. */
export function chartWithTable(label, altTable, { tall = false } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': label });
  const box = h('div', { class: 'chart-box' + (tall ? ' tall' : '') }, canvas);
  // The wrapper scrolls sideways on narrow screens: focusable, so keyboard users can scroll it too.
  const details = h('details', { class: 'alt' }, h('summary', null, 'Show as table'),
    h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Table: ${label}` }, altTable));
  return { canvas, el: h('div', null, box, details) };
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
