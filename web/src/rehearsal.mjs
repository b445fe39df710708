// The first draw, rehearsed at page load. A page's first drawing of the numeric panels
// costs three to four times a later one (docs/dashboard.md "Benchmark": ~100-170 ms
// against ~35-45 ms for the same file dropped again): the panels' code runs for the
// first time, the browser styles and lays out each kind of element for the first time
// (fonts, the controls' parts, tables), and each Chart.js chart is built rather than
// updated. So while the user picks a file, the numeric panels are drawn once, into the
// real (hidden) dashboard, from a report the core computed at build time over the
// workers' synthetic warm-up export (web/rehearsal-data.mjs): the DOM in one idle
// period, then one chart per idle period. Then the panels are emptied. The charts stay
// on their canvases (panel-kit chartSlot keeps them, detached), so the first file's
// render updates them in place, as every later render does; a canvas that shows no
// chart of the new data is never put back in the page (its panel mounts it only when
// it draws on it), and one drawn later is hidden until then (charts.mjs).
//
// Nothing of it can be seen or reached: the dashboard is `inert`, `aria-hidden`,
// invisible and takes no room (`.rehearsal` in dashboard.css) meanwhile. A file being
// read stops it at once (`cancel()`, from main.mjs before the dashboard is shown).
import data from 'npskit:rehearsal';
import { collectCharts, drawNow } from './charts.mjs';
import { h, whenIdle } from './dom.mjs';

const PARKING = 'chart-parking';
let drawing = false; // a rehearsal's panels are being drawn (synchronously): rehearsalInfo()

/** Shows the dashboard a rehearsal left laid out but invisible (or hidden: `hidden`). */
export function reveal(root) {
  root.classList.remove('rehearsal');
  root.removeAttribute('inert');
  root.removeAttribute('aria-hidden');
  root.hidden = false;
}

/** The session info the rehearsal's panels read (app.allColumns) while they are drawn; else null. */
export const rehearsalInfo = () => (drawing ? data.info : null);

/**
 * Rehearses the drawing of `ids` (panels: { id: { render } }, drawn into the section
 * of the same id inside `root`). `state`: the view state the panels read; its segment
 * column is the rehearsal data's for the length of the synchronous render (a user's
 * own, from the URL, is put back before anything else runs). Returns { done: Promise
 * (true once rehearsed, false when stopped), cancel(), stage() }. `held()`: tests
 * hold it once the panels are drawn (its charts wait), to drop a file in the middle.
 */
export function rehearse({ root, panels, ids, state, stop = () => false, held = () => false }) {
  let finished = false;
  let stage = 'waiting'; // -> 'charts' (the panels drawn, charts to draw) -> 'done' | 'stopped'
  let resolveDone;
  const done = new Promise((resolve) => { resolveDone = resolve; });
  const wasHidden = root.hidden;

  const end = (ok) => {
    if (finished) return;
    finished = true;
    // The charts' boxes wait in a hidden box of the document, never detached: Chart.js
    // shrinks a chart whose canvas leaves the document to 0 x 0, and resizes and draws
    // it again, in full, when it comes back (its attach / detach observers). From here,
    // the first render moves each box into its panel in one task, as every render does.
    const parking = document.getElementById(PARKING) ?? document.body.appendChild(h('div', { id: PARKING, hidden: true, inert: true, 'aria-hidden': 'true' }));
    for (const canvas of root.querySelectorAll('canvas')) parking.append(canvas.parentNode);
    for (const id of ids) document.getElementById(id)?.replaceChildren();
    // Stays laid out (invisible, inert) until a file is shown: un-hiding a display:none
    // dashboard restyled and laid out every part of it inside the first draw.
    if (!wasHidden) reveal(root);
    stage = ok ? 'done' : 'stopped';
    resolveDone(ok);
  };

  let queue = [];
  const drawOne = () => {
    if (finished) return;
    if (stop()) { end(false); return; }
    if (held()) { setTimeout(() => whenIdle(drawOne), 50); return; } // tests: a drop in the middle
    const next = queue.shift();
    if (!next) { end(true); return; }
    try {
      drawNow(...next);
      drawNow(...next); // and once updated in place: how the first file's render draws it
    } catch (e) { console.error('rehearsal chart', e); }
    whenIdle(drawOne);
  };

  const drawPanels = () => {
    if (finished) return;
    if (stop()) { end(false); return; }
    root.classList.add('rehearsal');
    root.setAttribute('inert', '');
    root.setAttribute('aria-hidden', 'true');
    root.hidden = false;
    const ctx = { report: data.report, info: data.info, columns: data.report.columns, state, answers: { report: { result: data.report }, ...data.answers }, calls: {} };
    const seg = state.seg;
    state.seg = data.segment;
    drawing = true;
    try {
      queue = collectCharts(() => {
        for (const id of ids) {
          try { panels[id].render(ctx); } catch (e) { console.error(`rehearsal ${id}`, e); } // only a slower first draw
        }
      });
    } finally {
      state.seg = seg;
      drawing = false;
    }
    root.getBoundingClientRect(); // style and layout, now
    stage = 'charts';
    whenIdle(drawOne);
  };

  whenIdle(drawPanels);
  return { done, cancel: () => end(false), stage: () => stage };
}
