// Tiny DOM builder. Every string becomes a Text node (never parsed as HTML):
// imported survey values can hold <script> or onerror payloads, and this is
// the one place that turns data into DOM, so it is the one place to get right.

/** h('td', { class: 'num', onclick: fn }, 'text', childNode, [more]) */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
      else if (k === 'class') el.className = v;
      else if (k === 'dataset') Object.assign(el.dataset, v);
      else if (k === 'value' || k === 'checked' || k === 'selected' || k === 'disabled') el[k] = v;
      else el.setAttribute(k, v === true ? '' : String(v));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

/** Replace an element's children (no innerHTML anywhere in the app). */
export function mount(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

/**
 * A <table> from column specs [{ label, get(row), num, key }] and rows. With
 * `sort: { key, dir }` and `onSort(key)`, columns with a key get a sort button.
 */
export function table(columns, rows, { caption, rowAttrs, sort, onSort } = {}) {
  const head = (c) => {
    if (!onSort || !c.key) return h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label);
    const on = sort?.key === c.key;
    return h('th', { scope: 'col', class: c.num ? 'num' : null, 'aria-sort': on ? (sort.dir > 0 ? 'ascending' : 'descending') : null },
      h('button', { type: 'button', class: 'sort', onclick: () => onSort(c.key) }, c.label, on ? (sort.dir > 0 ? ' ▲' : ' ▼') : ''));
  };
  return h('table', { class: 'data' },
    caption ? h('caption', null, caption) : null,
    h('thead', null, h('tr', null, columns.map(head))),
    h('tbody', null, rows.map((r, i) => h('tr', rowAttrs ? rowAttrs(r, i) : null,
      columns.map((c) => h('td', { class: c.num ? 'num' : null }, c.get(r, i)))))));
}

/** Options for a <select>: [[value, label]] */
export function options(pairs, selected) {
  return pairs.map(([v, l]) => h('option', { value: v, selected: v === selected }, l));
}

/**
 * Lays out one of each form control the panels build (date, number, text, checkbox,
 * select, details, button) off screen, then removes them. A document's first date input
 * sets up the browser's own parts of it (its shadow tree, style and calendar icon):
 * ~20 ms, paid otherwise inside the first file's drawing pass. Run while the user
 * picks a file (main.mjs); nothing stays in the page.
 */
export function warmUpControls() {
  const box = h('div', { 'aria-hidden': 'true', class: 'warm-up' },
    h('input', { type: 'date' }), h('input', { type: 'number' }), h('input', { type: 'text' }), h('input', { type: 'checkbox' }),
    h('select', null, options([['a', 'a'], ['b', 'b']], 'b')), h('details', null, h('summary', null, 'x'), 'y'), h('button', { type: 'button' }, 'b'));
  document.body.append(box);
  box.getBoundingClientRect(); // style and layout now
  box.remove();
}

/** fn when the browser is idle (at most `timeout` ms later); a timer where requestIdleCallback is missing (Safari). */
export function whenIdle(fn, timeout = 1000) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout });
  else setTimeout(fn, 0);
}
