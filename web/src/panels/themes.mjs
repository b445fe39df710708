// Themes: what the comments are about, from the core's comment analytics
// (session.comments: docs/comments.md). Themes ranked by impact on the overall
// NPS, with mentions, lift, the mentioners' NPS and interval, significance and
// sentiment mix; distinctive keyphrases; sentiment per category and per segment
// value; theme trends. Clicking a theme or keyphrase filters the comment list
// (view state #theme= / #kp=). The user's theme edits (add, rename, merge,
// remove) live in localStorage and are sent to the core as the `themes` option.
// Renders what it is handed (main.mjs, view.mjs); fetches nothing to draw.
import { h, mount, table, options } from '../dom.mjs';
import { draw, theme as colors, points } from '../charts.mjs';
import { panelHead, chartSlot, pngButton, csvButton, notForTallies, notAvailableBody, showPending, endPending } from '../panel-kit.mjs';
import { commentQuery } from '../state.mjs';
import { userThemes } from '../store.mjs';
import * as f from '../format.mjs';

const TREND_THEMES = 5;
const SEG_MAX = 12;
const SENT = ['negative', 'neutral', 'positive'];
const SENT_LABEL = { negative: 'Negative', neutral: 'Neutral', positive: 'Positive' };

const sigText = (t) => (t.vs_rest?.too_small ? 'too small' : t.vs_rest?.significant ? (t.vs_rest.diff > 0 ? 'higher' : 'lower') : 'no');
const share = (part, all) => (all ? (100 * part) / all : 0);

/** The sentiment mix as a small stacked bar (widths through CSSOM: no style attributes) plus text. */
function mixBar(s) {
  const total = (s?.positive ?? 0) + (s?.neutral ?? 0) + (s?.negative ?? 0);
  const text = SENT.map((k) => `${SENT_LABEL[k]} ${f.pct(share(s?.[k] ?? 0, total))}`).join(', ');
  const bar = h('span', { class: 'mix', 'aria-hidden': 'true' });
  for (const k of SENT) {
    const seg = h('span', { class: 'mix-' + k });
    seg.style.width = share(s?.[k] ?? 0, total).toFixed(1) + '%';
    bar.appendChild(seg);
  }
  return h('span', { class: 'mix-cell', title: text }, bar, h('span', { class: 'sr-only' }, text),
    h('span', { class: 'mix-text', 'aria-hidden': 'true' }, `${Math.round(share(s?.negative ?? 0, total))}% neg`));
}

export function create(root, app) {
  let sort = { key: 'impact', dir: -1 };
  let canvases = {};
  const charts = { cat: chartSlot(), seg: chartSlot(), trend: chartSlot() };
  let status = ''; // the last theme edit, said again after the re-render it causes

  const self = {
    /** The comments section is being computed (main.mjs): say so until render() gets it. */
    pending({ fresh }) {
      if (!fresh) { showPending(root, root, { fresh }); return; }
      const box = h('div');
      mount(root, panelHead('h-themes', 'Themes'), box);
      showPending(root, box, { fresh });
    },
    /** What was last drawn is what the view shows again (a newer render superseded a pending one). */
    idle() { endPending(root); },
    /** ctx.answers.comments: the core's comments section ({ result }, or { error } with the built-in themes' result). */
    render(ctx) {
      endPending(root);
      if (notForTallies(ctx.report, 'comments')) {
        mount(root, ...notAvailableBody('h-themes', 'Themes', 'Comment analytics (themes, keyphrases, sentiment)'));
        return;
      }
      if (!ctx.info?.tallies && !ctx.info?.has_comment) {
        mount(root, panelHead('h-themes', 'Themes'), h('p', { class: 'muted' }, 'No comment column detected: pick one in the column panel to see themes, keyphrases and sentiment.'));
        return;
      }
      const got = ctx.answers.comments;
      if (!got?.result) {
        mount(root, panelHead('h-themes', 'Themes'), h('p', { class: 'warn', role: 'alert', 'data-testid': 'comments-error' }, `Could not analyze the comments: ${got?.error?.message || got?.error || 'no answer'}`));
        return;
      }
      // With a result, an error is the user's theme edits the core refused (the result uses the built-in themes).
      paint(got.result, got.error ? got.error.message || String(got.error) : null);
    },
  };

  function paint(C, error) {
    const s = app.state;
    const byImpact = (t) => Math.abs(t.impact ?? 0);
    const keyOf = { label: (t) => t.label || t.name, mentions: (t) => t.mentions, lift: (t) => t.lift ?? -1, nps: (t) => t.nps ?? -999, diff: (t) => t.vs_rest?.diff ?? 0, impact: byImpact };
    const themes = [...(C?.themes ?? [])].sort((a, b) => {
      const x = keyOf[sort.key](a), y = keyOf[sort.key](b);
      return (typeof x === 'string' ? x.localeCompare(y) : x - y) * sort.dir || b.mentions - a.mentions;
    });
    const onSort = (key) => { sort = { key, dir: sort.key === key ? -sort.dir : key === 'label' ? 1 : -1 }; paint(C, error); };
    const pick = (change) => { app.update(change); document.getElementById('comments')?.scrollIntoView({ block: 'start' }); };
    const active = (t) => s.ctheme === t.name;

    const tbl = table([
      { label: 'Theme', key: 'label', get: (t) => h('button', { type: 'button', class: 'link', 'aria-pressed': String(active(t)), 'data-theme': t.name,
        'aria-label': `Show the comments mentioning ${t.label || t.name}`, onclick: () => pick({ ctheme: active(t) ? null : t.name, ckp: null }) }, t.label || t.name) },
      { label: 'Mentions', key: 'mentions', get: (t) => f.int(t.mentions), num: true },
      { label: '% of comments', get: (t) => f.pct(t.pct_of_comments), num: true },
      { label: 'Lift (detr./prom.)', key: 'lift', get: (t) => (t.lift == null ? '–' : t.lift.toFixed(2) + '×'), num: true },
      // No mentioners: the core's NPS/interval/difference of an empty group mean nothing.
      { label: 'NPS of mentioners', key: 'nps', get: (t) => (t.mentions ? f.nps(t.nps) : '–'), num: true },
      { label: '95% interval', get: (t) => (t.mentions ? f.ci(t.ci95) : '–') },
      { label: 'vs rest', key: 'diff', get: (t) => (t.mentions ? f.signed(t.vs_rest?.diff) : '–'), num: true },
      { label: 'Significant', get: (t) => h('span', { class: 'sig ' + (t.vs_rest?.significant ? (t.vs_rest.diff > 0 ? 'up' : 'down') : '') }, sigText(t)) },
      { label: 'Impact on overall', key: 'impact', get: (t) => f.signed(t.impact), num: true },
      { label: 'Sentiment', get: (t) => mixBar(t.sentiment) },
    ], themes, { sort, onSort, caption: 'Themes, ranked by impact on the overall NPS', rowAttrs: (t) => ({ class: active(t) ? 'active' : null, 'data-row': t.name }) });

    // Keyphrases: what detractors and promoters say, distinctive or not covered by a theme.
    const kp = C?.keyphrases ?? {};
    const phraseList = (title, list, id) => h('div', null, h('h4', { id }, title),
      list?.length ? h('ul', { class: 'phrases', 'aria-labelledby': id }, list.map((k) => h('li', null,
        h('button', { type: 'button', class: 'link', 'aria-pressed': String(s.ckp === k.phrase), 'data-phrase': k.phrase,
          'aria-label': `Show the comments containing ${k.phrase}`, onclick: () => pick({ ckp: s.ckp === k.phrase ? null : k.phrase, ctheme: null }) }, k.phrase),
        h('span', { class: 'muted' }, ` ${f.int(k.n)}${k.theme ? '' : ' · no theme'}`))))
        : h('p', { class: 'muted' }, `None used by at least ${kp.min_count ?? 5} comments.`));

    // Sentiment per category and per segment value.
    const cats = C?.categories ? [['Detractors', C.categories.detractors], ['Passives', C.categories.passives], ['Promoters', C.categories.promoters]] : [];
    const segRows = (s.seg && C?.segments?.[s.seg]) ? C.segments[s.seg].slice(0, SEG_MAX).map((g) => [g.value === '' ? '(blank)' : g.value, g]) : [];
    const sentTable = (rows, label) => table([
      { label, get: ([n]) => n },
      { label: 'Comments', get: ([, g]) => f.int(g.comments), num: true },
      ...SENT.map((k) => ({ label: SENT_LABEL[k], get: ([, g]) => f.pct(g.sentiment?.pct?.[k] ?? share(g.sentiment?.[k] ?? 0, g.comments)), num: true })),
      { label: 'Top themes', get: ([, g]) => (g.top_themes ?? []).map((t) => t.name).join(', ') },
    ], rows);
    const catChart = charts.cat('Stacked bar chart of comment sentiment (negative, neutral, positive) per NPS category', sentTable(cats, 'Category'));
    const segChart = charts.seg(`Stacked bar chart of comment sentiment per ${s.seg ?? 'segment'} value`, sentTable(segRows, s.seg ?? 'Segment'));

    // Trend: share of comments mentioning each of the most mentioned themes, per period.
    const top = [...(C?.themes ?? [])].filter((t) => t.mentions > 0).sort((a, b) => b.mentions - a.mentions).slice(0, TREND_THEMES);
    const periods = [...new Set(top.flatMap((t) => t.trend?.points?.map((p) => p.period) ?? []))].sort();
    const pointOf = (t, period) => t.trend?.points?.find((p) => p.period === period);
    const trendTable = table([{ label: 'Period (% of comments)', get: (p) => p },
      ...top.map((t) => ({ label: t.label || t.name, get: (p) => f.pct(pointOf(t, p)?.pct), num: true }))], periods);
    const trendChart = charts.trend(`Line chart of the share of comments mentioning the ${top.length} most mentioned themes per ${C?.themes?.[0]?.trend?.period ?? s.period}`, trendTable, { tall: true });
    canvases = { cat: catChart.canvas, seg: segChart.canvas, trend: trendChart.canvas };

    mount(root,
      panelHead('h-themes', 'Themes',
        csvButton(() => themeCsv(C), 'nps-themes.csv', 'CSV'),
        pngButton(() => canvases.trend, 'nps-theme-trend.png', 'Trend PNG')),
      error ? h('p', { class: 'warn', role: 'status' }, `Your theme edits could not be applied (${error}); showing the built-in themes. Undo or reset them below.`) : null,
      h('p', { class: 'muted', 'data-testid': 'themes-summary' },
        `${f.int(C?.comments)} of ${f.int(C?.responses)} responses have a comment (${f.pct(C?.pct_with_comment)}). Sentiment: `,
        SENT.map((k) => `${SENT_LABEL[k].toLowerCase()} ${f.pct(C?.sentiment?.pct?.[k])}`).join(', '), '.'),
      h('div', { class: 'table-wrap', 'data-testid': 'theme-table', tabindex: '0', role: 'region', 'aria-label': 'Theme table (scrolls sideways on narrow screens)' }, tbl),
      h('p', { class: 'muted' }, 'Lift: share of commenting detractors who mention the theme over the share of commenting promoters. Impact: points the overall NPS would move if the people who mention it had scored like everyone else (negative: the theme drags the score down). Click a theme to list its comments with the matched words marked.'),
      h('h3', null, 'Keyphrases'),
      h('div', { class: 'two' }, phraseList('Said by detractors', kp.detractor, 'kp-detractor'), phraseList('Said by promoters', kp.promoter, 'kp-promoter')),
      h('h3', null, 'Sentiment'),
      h('div', { class: 'two' },
        h('div', null, h('h4', null, 'By NPS category'), catChart.el),
        h('div', null, h('h4', null, s.seg ? `By ${s.seg}` : 'By segment'),
          s.seg ? segChart.el : h('p', { class: 'muted' }, 'Choose a column in the segments panel.'),
          s.seg && (C?.segments?.[s.seg]?.length ?? 0) > SEG_MAX ? h('p', { class: 'muted' }, `The ${SEG_MAX} values with most comments.`) : null)),
      h('h3', null, 'Theme trends'),
      periods.length ? trendChart.el : h('p', { class: 'muted' }, 'No dated comments.'),
      editor(C, error));

    const t = colors();
    const sentColors = { negative: t.detractor, neutral: t.border, positive: t.promoter };
    const stacked = (canvas, rows) => draw(canvas, {
      type: 'bar',
      data: {
        labels: rows.map(([n]) => n),
        datasets: SENT.map((k) => ({ label: SENT_LABEL[k], data: points(rows.map(([, g]) => g.sentiment?.pct?.[k] ?? share(g.sentiment?.[k] ?? 0, g.comments)), { horizontal: true }), backgroundColor: sentColors[k], barPercentage: 0.7 })),
      },
      options: {
        indexAxis: 'y', parsing: false, normalized: true,
        plugins: { tooltip: { callbacks: { label: (i) => `${i.dataset.label} ${f.pct(i.parsed.x)} (${f.int(rows[i.dataIndex][1].comments)} comments)` } } },
        scales: { x: { stacked: true, max: 100, ticks: { callback: (v) => v + '%' } }, y: { stacked: true, grid: { display: false } } },
      },
    });
    if (cats.length) stacked(canvases.cat, cats);
    if (segRows.length) stacked(canvases.seg, segRows);
    const palette = [t.accent, t.detractor, t.promoter, t.passive, t.muted];
    if (periods.length) {
      draw(canvases.trend, {
        type: 'line',
        data: {
          labels: periods,
          datasets: top.map((th, i) => ({ label: th.label || th.name, data: points(periods.map((p) => pointOf(th, p)?.pct)), borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length], borderWidth: 2, tension: 0.2, pointRadius: 3, spanGaps: true })),
        },
        options: {
          parsing: false, normalized: true,
          interaction: { mode: 'index', intersect: false },
          onClick: (_, els) => { const th = top[els[0]?.datasetIndex]; if (th) pick({ ctheme: th.name, ckp: null }); },
          plugins: { tooltip: { callbacks: { label: (i) => `${i.dataset.label}: ${f.pct(i.parsed.y)} of comments` } } },
          scales: { y: { beginAtZero: true, title: { display: true, text: '% of comments' } }, x: { grid: { display: false } } },
        },
      });
    }
  }

  function themeCsv(C) {
    return [['theme', 'label', 'mentions', 'pct_of_comments', 'detractor_mentions', 'passive_mentions', 'promoter_mentions', 'lift', 'nps', 'ci95_low', 'ci95_high', 'diff_vs_rest', 'significant', 'impact', 'negative', 'neutral', 'positive', 'mean_compound'],
      ...(C?.themes ?? []).slice().sort((a, b) => Math.abs(b.impact ?? 0) - Math.abs(a.impact ?? 0)).map((t) => [t.name, t.label, t.mentions, t.pct_of_comments,
        t.by_category?.detractors, t.by_category?.passives, t.by_category?.promoters, t.lift, t.nps, t.ci95?.[0], t.ci95?.[1],
        t.vs_rest?.diff, t.vs_rest?.significant, t.impact, t.sentiment?.negative, t.sentiment?.neutral, t.sentiment?.positive, t.sentiment?.mean_compound])];
  }

  // Add / rename / merge / remove themes; every edit is appended to the stored list.
  function editor(C, error) {
    const names = (C?.themes ?? []).map((t) => [t.name, t.label && t.label !== t.name ? `${t.label} (${t.name})` : t.name]);
    const edits = userThemes.all();
    // An edit changes the numbers of every comment view: re-render them all (and
    // change the comment list's theme filter with it when that theme went away).
    const changed = (text, stateChange) => {
      status = text;
      if (stateChange) app.update(stateChange); else app.refreshView();
    };
    const field = (id, label, el) => h('div', { class: 'field' }, h('label', { for: id }, label), el);
    const addName = h('input', { type: 'text', id: 'theme-new-name', maxlength: 60, placeholder: 'e.g. Sustainability' });
    const addTerms = h('input', { type: 'text', id: 'theme-new-terms', maxlength: 400, placeholder: 'plastic, eco*, carbon footprint' });
    const renameWhich = h('select', { id: 'theme-rename-which' }, options(names));
    const renameTo = h('input', { type: 'text', id: 'theme-rename-to', maxlength: 60 });
    const mergeFrom = h('select', { id: 'theme-merge-from' }, options(names));
    const mergeInto = h('select', { id: 'theme-merge-into' }, options(names, names[1]?.[0]));
    const removeWhich = h('select', { id: 'theme-remove-which' }, options(names));
    const msg = h('p', { class: 'muted', role: 'status', 'data-testid': 'theme-edit-status' }, status);
    status = '';
    const terms = (text) => text.split(/[,;\n]/).map((x) => x.trim()).filter(Boolean);
    const slug = (label) => label.trim().slice(0, 60);
    const known = (name) => names.some(([n]) => n === name);
    const say = (text) => { msg.textContent = text; };
    return h('details', { class: 'alt editor no-print', open: edits.length > 0 || error ? true : undefined },
      h('summary', null, `Edit themes${edits.length ? ` (${edits.length} change${edits.length > 1 ? 's' : ''})` : ''}`),
      h('p', { class: 'muted' }, 'Your changes are kept in this browser and applied to the built-in themes. Terms: words or phrases; end a word with * to match its prefix (deliver* matches delivery, delivered).'),
      h('form', { class: 'row', 'aria-label': 'Add a theme', onsubmit: (e) => {
        e.preventDefault();
        const name = slug(addName.value), list = terms(addTerms.value);
        if (!name || !list.length) { say('A new theme needs a name and at least one term.'); return; }
        userThemes.add({ name, label: name, terms: list });
        changed(known(name) ? `Added terms to ${name}.` : `Added theme ${name}.`);
      } }, field('theme-new-name', 'New theme', addName), field('theme-new-terms', 'Terms (comma-separated)', addTerms), h('button', { type: 'submit', class: 'secondary' }, 'Add theme')),
      h('form', { class: 'row', 'aria-label': 'Rename a theme', onsubmit: (e) => {
        e.preventDefault();
        const label = renameTo.value.trim().slice(0, 60);
        if (!renameWhich.value || !label) return;
        userThemes.add({ name: renameWhich.value, label });
        changed(`Renamed ${renameWhich.value} to ${label}.`);
      } }, field('theme-rename-which', 'Rename', renameWhich), field('theme-rename-to', 'to', renameTo), h('button', { type: 'submit', class: 'secondary' }, 'Rename')),
      h('form', { class: 'row', 'aria-label': 'Merge two themes', onsubmit: async (e) => {
        e.preventDefault();
        const from = mergeFrom.value, into = mergeInto.value;
        if (!from || !into || from === into) { say('Pick two different themes to merge.'); return; }
        const dict = await app.engine.themes(commentQuery(app.state, userThemes.doc()));
        const fromTerms = dict.themes.find((t) => t.name === from)?.terms ?? [];
        userThemes.add({ name: into, terms: fromTerms }, { name: from, remove: true });
        changed(`Merged ${from} into ${into}.`, app.state.ctheme === from ? { ctheme: into } : null);
      } }, field('theme-merge-from', 'Merge', mergeFrom), field('theme-merge-into', 'into', mergeInto), h('button', { type: 'submit', class: 'secondary' }, 'Merge')),
      h('form', { class: 'row', 'aria-label': 'Remove a theme', onsubmit: (e) => {
        e.preventDefault();
        if (!removeWhich.value) return;
        userThemes.add({ name: removeWhich.value, remove: true });
        changed(`Removed ${removeWhich.value}.`, app.state.ctheme === removeWhich.value ? { ctheme: null } : null);
      } }, field('theme-remove-which', 'Remove', removeWhich), h('button', { type: 'submit', class: 'secondary' }, 'Remove')),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'secondary', disabled: !edits.length, onclick: () => { userThemes.undo(); changed('Undid the last change.', app.state.ctheme ? { ctheme: null } : null); } }, 'Undo last change'),
        h('button', { type: 'button', class: 'secondary', disabled: !edits.length, onclick: () => { userThemes.clear(); changed('Back to the built-in themes.', app.state.ctheme ? { ctheme: null } : null); } }, 'Reset to built-in themes')),
      msg);
  }

  return self;
}
