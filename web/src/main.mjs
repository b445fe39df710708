// Dashboard entry: wires import -> worker -> panels. A render asks the core one
// request (view.mjs plans it: what to ask, which panels to draw) and hands each
// panel what it renders; panels fetch nothing, and no number is computed here.
import { engine } from './engine.mjs';
import { showSheetPicker } from './sheet-picker.mjs';
import * as importer from './importer.mjs';
import { state, update, onChange, loadFromHash, toQuery, commentQuery, addWhere, removeWhere } from './state.mjs';
import { columnChoice, userThemes, goal } from './store.mjs';
import { PANELS, AFTER_NUMBERS, plan, derivedCalls, emptyMemo, noteAnswered, noteDrawn } from './view.mjs';
import { allRows } from './export-rows.mjs';
import { applyDefaults, batchCharts, lastBatch, warmUpCharts, chartsWaiting, whenNoneWaiting, chartSummary, chartTestHooks } from './charts.mjs';
import { bytes, int } from './format.mjs';
import { warmUpControls, whenIdle } from './dom.mjs';
import { rehearse, rehearsalInfo, reveal } from './rehearsal.mjs';
import * as filters from './panels/filters.mjs';
import * as headline from './panels/headline.mjs';
import * as readout from './panels/readout.mjs';
import { pickColumn } from './picker.mjs';
import * as distribution from './panels/distribution.mjs';
import * as trend from './panels/trend.mjs';
import * as segments from './panels/segments.mjs';
import * as benchmarks from './panels/benchmarks.mjs';
import * as comments from './panels/comments.mjs';
import * as themes from './panels/themes.mjs';
import * as loop from './panels/loop.mjs';
import * as data from './panels/data.mjs';

const $ = (id) => document.getElementById(id);
const names = (cols) => (cols ?? []).map((c) => (typeof c === 'string' ? c : c.name));

let files = [];        // [{ name, data: Blob }]: kept so a column change can re-open them
let info = null;       // session.info()
let columns = null;    // the session's column roles, as the core merged them (report.columns)
let answers = {};      // key -> { result } | { error }: the core's answers the panels were drawn from
let memo = emptyMemo(); // what was drawn and answered (view.mjs plan)
let layout = null;     // header layout of the first file (for remembered column choices)
let importStart = 0;

// Test and benchmark hook: read-only view of what the page shows, plus timings.
// chartsWaiting: charts off screen not drawn yet (charts.mjs draws them when near the
// viewport or idle); chart(canvas): what a chart shows; charts.hold: tests keep them waiting.
// holdRehearsal: tests hold the first-draw rehearsal half-way (set before the page loads: __npskitTest).
// derivedWithReport: the statistics answered in the report's own request (no round trip to the page), by key.
const hook = (window.__npskit = { timings: [], report: null, info: null, renders: 0, derivedWithReport: [], engine: engine.stats,
  chartsWaiting, chart: chartSummary, charts: chartTestHooks, holdRehearsal: Boolean(window.__npskitTest?.holdRehearsal), rehearsalStage: () => null });

const app = {
  engine, state, update, addWhere, removeWhere,
  query: () => toQuery(state),
  info: () => info,
  allColumns: () => [...new Set(((info ?? rehearsalInfo())?.files ?? []).flatMap((f) => names(f.columns)))],
  /** Draws every panel again (a locally stored setting or the colour scheme changed). */
  refreshView: () => { memo.drawn = {}; return refresh(); },
  reopen: (choice) => {
    if (layout) { if (choice) columnChoice.set(layout, choice); else columnChoice.clear(layout); }
    return open(choice ?? {}, files);
  },
  /**
   * A notice's one-click fix (report.notices[].fix): open the column picker (showing
   * `message`, the notice's words, on top), or show the rejected rows.
   */
  fix: (fix, message = null) => {
    if (fix === 'show_rejections') return showRejections();
    const role = { pick_score: 'score', pick_date: 'date', pick_comment: 'comment' }[fix];
    if (role) return pickFor(role, message);
  },
};

// The column picker for `role` over the loaded files' first file; a choice re-opens
// the files with it (and is remembered for this header layout, like the data panel's form).
async function pickFor(role, message = null) {
  if (!files.length) return;
  let inspection;
  try {
    inspection = await engine.inspect(files[0], choiceOptions(currentChoice));
  } catch (e) { showError(e); return; }
  const current = columns?.[role] ?? null;
  const name = await pickColumn({ role, inspection, current, message, file: files[0].name });
  if (name === null || name === (current ?? '')) return;
  return app.reopen({ ...(currentChoice ?? {}), [role]: name });
}

// "See the rejected rows": the data panel's list, opened and scrolled to.
function showRejections() {
  const box = document.getElementById('rejected-rows');
  if (!box) return;
  box.open = true;
  box.scrollIntoView({ block: 'start' });
  box.querySelector('summary')?.focus();
}

// No file could be used: when the core says no column holds scores, it still lists the
// columns and first records (inspect): the user picks the score column, then the files
// are opened with it. Other failures (not a table at all) keep the error message alone.
async function offerScorePicker(list) {
  let inspection;
  try {
    inspection = await engine.inspect(list[0]);
  } catch { return; }
  if (!(inspection.notices ?? []).some((n) => n.code === 'no_score_column')) return;
  const headers = names(inspection.columns);
  const saved = columnChoice.get(headers); // picked before for files with these headers
  if (saved?.score) return open(saved, list, { remembered: headers });
  const name = await pickColumn({ role: 'score', inspection, message: inspection.error ?? null, file: list[0].name });
  if (!name) return;
  const choice = { score: name };
  columnChoice.set(headers, choice);
  return open(choice, list);
}

const modules = { filters, headline, readout, distribution, trend, segments, benchmarks, data, themes, comments, loop };
const panels = Object.fromEntries(Object.keys(PANELS).map((id) => [id, modules[id].create($(id), app)]));

function showError(e) {
  const box = $('error');
  if (!e) { box.hidden = true; return; }
  box.textContent = e.name === 'AbortError' ? 'Import cancelled.' : `Could not read the data: ${e.message || e}`;
  box.hidden = false;
}

function progress(on, p) {
  $('progress').hidden = !on;
  if (!on) return;
  const bar = $('progress-bar');
  if (p?.totalBytes) { bar.max = p.totalBytes; bar.value = p.bytes; } else bar.removeAttribute('value');
  $('progress-label').textContent = p
    ? `Reading ${p.file ? p.file + ': ' : ''}${bytes(p.bytes)}${p.totalBytes ? ' of ' + bytes(p.totalBytes) : ''}${p.rows != null ? ` · ${int(p.rows)} rows` : ''}`
    : 'Starting…';
}

async function importFiles(list, { append = false } = {}) {
  importStart = performance.now();
  rehearsal?.cancel(); // the first-draw rehearsal gives the page back at once
  hook.phases = {};
  return open(null, append ? [...files, ...list] : list);
}

let currentChoice = null; // the column roles the loaded session was opened with
let openJob = null; // the last engine.open job (a preview's session settles later: whenSessionOpen)

/** The core's options for a column choice: '' means "no such column", a missing key auto-detects. */
function choiceOptions(choice) {
  const options = {};
  // '' tells the core "no such column" (e.g. no comment column); a missing key means auto-detect.
  for (const k of ['score', 'date', 'comment', 'id', 'sheet']) if (typeof choice?.[k] === 'string') options[k] = choice[k];
  if (Array.isArray(choice?.segments)) options.segments = choice.segments;
  return options;
}

/**
 * Parse `list` in the worker and show it. choice: column roles to force
 * (null = as detected, then a choice remembered for this header layout is applied).
 * The loaded files, layout and dashboard change only when the new parse succeeds.
 */
async function open(choice, list = files, { remembered = null } = {}) {
  showError(null);
  progress(true);
  if (choice === null) {
    // A column choice remembered for this header layout goes to the core with the
    // parse, so the file is parsed once: its header is read first (inspect stops
    // once the columns are known), and only when some choice is remembered at all.
    const headers = columnChoice.any() ? await headersOf(list[0]) : null;
    const saved = headers && columnChoice.get(headers);
    if (saved) { choice = saved; remembered = headers; }
  }
  const options = choiceOptions(choice);
  // A column change on the same files keeps the sheet picked (sheet-picker.mjs).
  if (choice && choice.sheet === undefined && list === files && currentChoice?.sheet) options.sheet = currentChoice.sheet;
  // The themes panel's first query, computed alongside the parse (engine.mjs).
  const job = engine.open(list, options, (p) => progress(true, p), commentQuery(state, userThemes.doc()), toQuery(state));
  openJob = job;
  $('btn-cancel').onclick = () => job.cancel();
  let next;
  try {
    next = await job.promise;
  } catch (e) {
    progress(false);
    if (remembered && e.name !== 'AbortError') return forgetChoice(remembered, list);
    showError(e);
    importStart = 0;
    // A cancel that had to stop the worker lost the loaded session too: load it again.
    if (e.terminated && info) open(currentChoice, files);
    return;
  }
  progress(false);
  if (next.fileErrors?.length) showError({ message: next.fileErrors.map((f) => `${f.file}: ${f.error}`).join('; ') });
  if (next.kept) { // no file was usable: the worker kept the previous session
    if (remembered) return forgetChoice(remembered, list);
    importStart = 0;
    if (!choice?.score) return offerScorePicker(list);
    return;
  }
  const nextLayout = names(next.files?.[0]?.columns);
  const before = { info, files, layout, currentChoice };
  if (next.preview) whenSessionOpen(job, before);
  info = next;
  columns = null;
  answers = {};
  memo = emptyMemo();
  files = list;
  layout = nextLayout;
  currentChoice = choice;
  hook.info = info;
  showSheetPicker(info, app.reopen);
  if (importStart) hook.phases.open = performance.now() - importStart;
  const all = app.allColumns();
  if (!state.seg || !all.includes(state.seg)) state.seg = info.segments?.[0]?.name ?? null;
  keepKnownFilters();
  rehearsal?.cancel();
  $('empty').hidden = true;
  reveal($('dashboard'));
  $('btn-print').disabled = false;
  $('btn-add').hidden = false;
  update({}); // writes the hash and triggers a refresh
}

/**
 * A file shown from the helper's preview (engine.mjs, numbers first) while core built its
 * session: once the session is open its own info is used, and a render that differs from
 * the preview (never expected: the core calls a preview exact only when it is) draws
 * everything again. A session that fails after the preview was shown brings back what was
 * loaded before, with the error: the numbers of a file nothing can be asked of are not left.
 */
function whenSessionOpen(job, before) {
  job.session.then(({ info: real, previewDiffered }) => {
    if (openJob !== job) return; // another file was opened since
    progress(false);
    if (importStart) hook.phases.session = performance.now() - importStart;
    if (real.kept) throw Object.assign(new Error(real.fileErrors?.map((f) => `${f.file}: ${f.error}`).join('; ') || 'the file could not be opened'), { name: 'OpenError' });
    // The same info as drawn (previewDiffered compares it) stays the same object: panels
    // keep what they drew for it (data.mjs: a column form being filled in).
    if (previewDiffered || real.fileErrors?.length) info = real;
    hook.info = info;
    if (real.fileErrors?.length) showError({ message: real.fileErrors.map((f) => `${f.file}: ${f.error}`).join('; ') });
    if (previewDiffered) { // every panel again, from the session, and said
      showError({ message: 'The first numbers shown came from a quick first read and differed from the full read: they have been redrawn from it.' });
      answers = {};
      memo = emptyMemo();
      update({});
    }
  }).catch((e) => {
    if (openJob !== job) return;
    progress(false);
    ({ info, files, layout, currentChoice } = before);
    hook.info = info;
    answers = {};
    memo = emptyMemo();
    showError(e);
    if (info) update({});
    else { $('dashboard').hidden = true; $('empty').hidden = false; }
  });
}

/** The column names of a file's header (null when the core cannot read it as a table). */
async function headersOf(file) {
  try {
    return names((await engine.inspect(file)).columns);
  } catch {
    return null;
  }
}

// A remembered column choice the core refuses (e.g. it names a column this file no
// longer has): forget it and show the detected columns instead of no dashboard.
async function forgetChoice(headerLayout, list) {
  columnChoice.clear(headerLayout);
  await open({}, list); // {}: as detected, without looking up a remembered choice
  if (!info || files !== list) return;
  const box = $('error');
  box.textContent = 'The column choice remembered for this file layout no longer fits it: showing the detected columns.';
  box.hidden = false;
}

// Filters (from the URL hash, or left from other files) on columns the data lacks are dropped.
function keepKnownFilters() {
  if (!info) return;
  const all = app.allColumns();
  state.where = state.where.filter((w) => all.includes(w.column));
}

/**
 * Runs fn once the browser has painted the frame holding what was drawn before this
 * call: a frame callback runs just before that frame's layout and paint, and a task
 * posted from it runs after them (the "numbers painted" mark: the marks taken when the
 * drawing JS ends leave out the layout and paint that follow).
 */
function afterPaint(fn) {
  requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => { channel.port1.close(); fn(); };
    channel.port2.postMessage(null);
  });
}

let refreshing = 0;
let rehearsal = null; // the first draw rehearsed at page load (rehearsal.mjs), while it runs

// The answers that carry comment analytics, and the panels that wait for them (view.mjs).
const COMMENT_PANELS = Object.keys(PANELS).filter((id) => PANELS[id].comments);
const COMMENT_KEYS = new Set(COMMENT_PANELS.map((id) => PANELS[id].comments));

/**
 * One render: the calls view.mjs plans go to the core; each panel is drawn as soon as
 * the answers it renders are in, from `answers`. The numbers never wait for comment
 * analytics: the worker answers in order, the report first, and the comments section
 * is a later request, sent once the report is in and its statistics (derivedCalls)
 * are asked. Meanwhile the comment panels say "Analyzing comments…". A newer refresh
 * supersedes this one (its late answers are dropped). Marks on the hook (lastRender):
 * `numbersReady` (every planned numeric panel drawn), `numbersPainted` (the frame
 * holding them painted), `chartsWaiting` / `chartsDrawn` (charts off screen then, and
 * when the last was drawn: charts.mjs) and `complete` (every panel).
 */
async function refresh() {
  if (!info) return;
  const my = ++refreshing;
  const current = () => my === refreshing;
  const started = performance.now();
  const p = plan(state, { tallies: Boolean(info.tallies), hasComment: Boolean(info.has_comment), themes: userThemes.doc() }, memo);
  const after = {}; // calls that never delay the numbers (view.mjs AFTER_NUMBERS)
  const first = { ...p.ask };
  for (const key of AFTER_NUMBERS) if (first[key]) { after[key] = first[key]; delete first[key]; }
  const waiting = new Set(Object.keys(p.ask));
  let reportFailed = null; // the report's error, shown by showError; the panels keep the last good report
  let derived = null; // statistics on the report's tallies (view.mjs derivedCalls), once the report is in
  // Core's session answers them in the report's request when a panel drawn now shows them.
  const derive = first.report && engine.derivesWithReport() && p.panels.some((id) => PANELS[id].derived)
    ? { view: { seg: state.seg, cmpA: state.cmpA, cmpB: state.cmpB }, goal: goal.get() } : null;
  let derivedAsk = null; // the statistics waited for from that request
  let afterSent = false;
  let todo = p.panels;
  const late = []; // requests sent while answers arrive (statistics, comments, fallbacks, more rows)
  const timing = {};
  const marks = { start: started, numbersReady: null, numbersPainted: null, chartsWaiting: null, chartsDrawn: null, complete: null };
  hook.panelTimes = timing;
  hook.lastRender = marks;
  const noteNumbers = () => {
    if (marks.numbersReady != null || todo.some((id) => PANELS[id].numbers)) return;
    marks.numbersReady = performance.now();
    engine.numbersShown(); // the helper's comment pass may take a core now (engine.mjs)
    marks.chartsWaiting = chartsWaiting(); // off screen, drawn after the numbers (charts.mjs)
    afterPaint(() => { marks.numbersPainted = performance.now(); });
    whenNoneWaiting().then(() => { marks.chartsDrawn = performance.now(); });
  };
  noteNumbers(); // a render that draws no numeric panel (a page of comments) has them at once

  // The comment panels say what they wait for (not a blank panel, not the last file's comments).
  const commentsExpected = info.tallies || info.has_comment;
  for (const id of COMMENT_PANELS) {
    if (commentsExpected && todo.includes(id) && p.ask[PANELS[id].comments]) panels[id].pending({ fresh: memo.drawn[id] === undefined });
    else if (!todo.includes(id)) panels[id].idle(); // e.g. a filter undone before its comments came: the last drawn ones are current
  }

  const draw = (ids) => {
    todo = todo.filter((id) => !ids.includes(id));
    const ctx = { report: answers.report?.result ?? null, info, columns, state, answers, calls: p.calls };
    const start = performance.now();
    let inPanels = 0;
    batchCharts(() => {
      for (const id of ids) {
        const t = performance.now();
        try {
          panels[id].render(ctx);
        } catch (e) { console.error(`panel ${id}`, e); }
        timing[id] = (timing[id] ?? 0) + performance.now() - t;
        inPanels += performance.now() - t;
        noteDrawn(memo, p, id);
      }
    });
    timing.charts = (timing.charts ?? 0) + performance.now() - start - inPanels; // drawn at the end of the batch
    if (lastBatch.drawn + lastBatch.waiting) { // of which: the page's layout (positions read), the charts in view drawn
      timing.chartsLayout = (timing.chartsLayout ?? 0) + lastBatch.layoutMs;
      timing.chartsDraw = (timing.chartsDraw ?? 0) + lastBatch.drawMs;
      lastBatch.drawn = lastBatch.waiting = 0;
    }
    noteNumbers();
  };

  // Draws the planned panels whose answers are all in (and the report, if one was asked).
  const drawReady = () => {
    if (!current() || waiting.has('report') || reportFailed) return;
    startDerived();
    sendAfter();
    let ready = todo.filter((id) => PANELS[id].data.every((k) => !waiting.has(k)) && (PANELS[id].derived ?? []).every((k) => derived && !waiting.has(k)));
    // The numeric panels are drawn together, once the statistics on the report are in too
    // (a round trip to an idle worker): one pass, one layout. Drawn apart, the first
    // frame's layout and paint held the statistics' answer back by ~0.25 s; so does any
    // panel drawn meanwhile (the filter bar's first frame: ~40 ms), hence `withNumbers`.
    if (todo.some((id) => PANELS[id].numbers && !ready.includes(id))) ready = ready.filter((id) => !PANELS[id].numbers && !PANELS[id].withNumbers);
    if (ready.length) draw(ready);
  };

  // The comment panels still waiting when the render failed show the failure, never a busy state forever.
  const failComments = (error) => {
    if (!current()) return;
    for (const id of COMMENT_PANELS) {
      const key = PANELS[id].comments;
      if (todo.includes(id) && waiting.has(key)) { answers[key] = { error }; waiting.delete(key); }
    }
    const stuck = todo.filter((id) => PANELS[id].comments && PANELS[id].data.every((k) => !waiting.has(k)));
    if (stuck.length) draw(stuck);
  };

  // Statistics on the report's own tallies, when a panel drawn now shows them. Core's
  // session answers them with the report, in the same request (`derive`, worker.mjs);
  // otherwise, or if that answer is missing, they are asked once the report is in.
  const startDerived = () => {
    if (derived || !answers.report?.result || !todo.some((id) => PANELS[id].derived)) return;
    derived = derivedCalls(answers.report.result, state, { goal: goal.get() });
    const ask = {};
    for (const [key, call] of Object.entries(derived)) {
      if (!call) { answers[key] = null; delete memo.answered[key]; } // nothing to ask: the panel shows no result
      else if (memo.answered[key] !== JSON.stringify(call)) { ask[key] = call; waiting.add(key); }
    }
    if (derive) derivedAsk = ask; // on its way with the report
    else askDerived(ask);
  };
  const askDerived = (ask) => {
    if (Object.keys(ask).length) late.push(engine.view(ask, (key, a) => answered(key, a, derived[key])));
  };

  // The comment analytics, asked after the numbers' requests (so the worker computes them last).
  const sendAfter = () => {
    if (afterSent || !Object.keys(after).length) return;
    afterSent = true;
    late.push(engine.view(after, (key, a) => { const w = onAnswer(key, a); if (w) late.push(w); }));
  };

  const answered = (key, a, call = p.calls[key]) => {
    if (!current()) return;
    if (a.call) { // a statistic core's session derived from the report (derive)
      if (!derivedAsk || !Object.hasOwn(derivedAsk, key) || !waiting.has(key)) return; // not waited for: answered before
      if (JSON.stringify(a.call) !== JSON.stringify(derivedAsk[key])) return; // asked once the request is over
      call = derived[key];
      hook.derivedWithReport.push(key);
    }
    waiting.delete(key);
    if (importStart) hook.phases[`answer.${key}`] = performance.now() - importStart; // where an import's time goes (bench)
    if (key === 'report' && a.error) { reportFailed = a.error; showError(a.error); engine.numbersShown(); sendAfter(); return; }
    answers[key] = a;
    if (call === p.calls[key]) noteAnswered(memo, p, key);
    else memo.answered[key] = JSON.stringify(call);
    if (key === 'report') {
      columns ??= a.result.columns;
      hook.report = a.result;
      hook.info = { ...info, columns };
      if (importStart) hook.phases.report = performance.now() - importStart;
    }
    drawReady();
  };

  const onAnswer = (key, a) => {
    // Tests: hold the comment analytics until the test releases them (or fails them with a message).
    if (hook.holdComments && COMMENT_KEYS.has(key)) {
      return hook.holdComments.then((fail) => onAnswer2(key, fail ? { error: new Error(String(fail)) } : a));
    }
    return onAnswer2(key, a);
  };
  const onAnswer2 = (key, a) => {
    // A theme edit the core refuses must not hide the panel: the built-in themes, with the edit's error.
    if (key === 'comments' && a.error && p.calls.comments.query.themes) {
      const builtIn = { ...p.calls.comments, query: commentQuery(state) };
      let fallback = null;
      return engine.view({ comments: builtIn }, (_, b) => { fallback = b; })
        .then(() => answered(key, { result: fallback?.result ?? null, error: a.error }), () => answered(key, a));
    }
    // "Hide followed up" filters every matching row here: page past the first answer.
    if (key === 'loopRows' && state.lhide && a.result && a.result.rows.length < a.result.total) {
      return allRows(engine, p.calls.loopRows.query).then((all) => answered(key, { result: all }), (error) => answered(key, { error }));
    }
    answered(key, a);
  };

  try {
    drawReady(); // panels that need no new answer
    if (!first.report) sendAfter(); // no numbers to wait for
    if (Object.keys(first).length) {
      await engine.view(first, (key, a) => { const w = onAnswer(key, a); if (w) late.push(w); }, { derive });
      // A statistic the request did not answer as waited for (never, in practice): asked now.
      if (derivedAsk && current()) askDerived(Object.fromEntries(Object.entries(derivedAsk).filter(([k]) => waiting.has(k))));
    }
    while (late.length) await late.shift();
  } catch (e) {
    engine.numbersShown();
    if (current()) { showError(e); failComments(e); }
    return;
  }
  if (!current()) return;
  if (reportFailed) { failComments(reportFailed); return; }
  noteNumbers();
  marks.complete = performance.now();
  for (const k in timing) timing[k] = Math.round(timing[k]);
  hook.renders++;
  document.body.dataset.renders = String(hook.renders);
  if (importStart) {
    hook.phases.render = marks.complete - importStart;
    hook.phases.numbersReady = marks.numbersReady - importStart;
    for (const k in hook.phases) hook.phases[k] = Math.round(hook.phases[k]);
    const entry = { ms: marks.complete - importStart, numbersReady: marks.numbersReady - importStart, numbersPainted: null, chartsDrawn: null,
      rows: answers.report?.result?.rows?.read, phases: hook.phases, panels: { ...timing } };
    hook.timings.push(entry);
    // The numbers' frame is painted by the time a later frame is (afterPaint runs in order).
    const imported = importStart;
    afterPaint(() => { entry.numbersPainted = marks.numbersPainted - imported; });
    whenNoneWaiting().then(() => { entry.chartsDrawn = marks.chartsDrawn - imported; });
    importStart = 0;
  }
}

function boot() {
  applyDefaults();
  loadFromHash();
  onChange(() => refresh());
  // A new URL is a new view: every panel is drawn again.
  window.addEventListener('hashchange', () => { loadFromHash(); keepKnownFilters(); memo.drawn = {}; update({}); });
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => { applyDefaults(); app.refreshView(); });
  $('btn-print').addEventListener('click', () => window.print());
  importer.wire({ onFiles: importFiles, onError: showError });
  hook.importFiles = importFiles; // benchmark: same path as a drop
  // Compile and warm up the wasm while the user picks a file; data-engine tells tests and the benchmark.
  engine.start().then(() => { document.body.dataset.engine = 'ready'; }, showError);
  importer.fromQuery().then((list) => list && importFiles(list), showError);
  // Chart.js's code, run once while the user picks a file (charts.mjs); given up once a
  // file is being read. data-charts tells tests and the benchmark (warm or cold).
  // The form controls' first layout too (dom.mjs), first.
  whenIdle(() => { if (!info && !importStart) warmUpControls(); });
  // Then the numeric panels' first draw, rehearsed into the hidden dashboard (rehearsal.mjs).
  const busy = () => Boolean(info || importStart);
  warmUpCharts({ stop: busy }).then((done) => {
    if (!done) return false;
    const ids = Object.keys(PANELS).filter((id) => PANELS[id].numbers || PANELS[id].withNumbers);
    rehearsal = rehearse({ root: $('dashboard'), panels, ids, state, stop: busy, held: () => hook.holdRehearsal });
    hook.rehearsalStage = rehearsal.stage;
    return rehearsal.done;
  }).then((done) => { rehearsal = null; document.body.dataset.charts = done ? 'warm' : 'cold'; });
  document.body.dataset.boot = '1';
}

boot();
