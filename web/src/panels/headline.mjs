// Headline: NPS, 95% interval, n, category shares, change vs the previous
// period (from the trend's last point), a plain-language reading. What npskit is
// unsure of (few responses, columns, unreadable cells) is beside it (readout.mjs).
import { h, mount } from '../dom.mjs';
import * as f from '../format.mjs';

export function create(root) {
  return {
    render({ report }) {
      const o = report.overall;
      const points = report.trend?.points ?? [];
      const last = points[points.length - 1];
      const prev = points[points.length - 2];
      let change = null;
      if (last && prev && last.vs_previous) {
        const d = last.vs_previous;
        const dir = d.diff > 0 ? 'up' : d.diff < 0 ? 'down' : '';
        change = h('p', { class: 'change', 'data-testid': 'change' },
          h('span', { class: 'delta ' + dir }, f.signed(d.diff)), ` in ${last.period} vs ${prev.period} (${f.nps(prev.nps)} → ${f.nps(last.nps)}, n ${f.int(last.n)}): `,
          d.too_small ? 'too few responses to tell.' : d.significant ? h('strong', null, 'a significant change.') : 'within the noise (not significant).',
          points.length > 2 && !d.too_small ? h('span', { class: 'muted' }, ` Judged ${adjustment(report.options?.multiple_comparisons)}.`) : null);
      }
      mount(root,
        h('h2', { id: 'h-headline', class: 'sr-only' }, 'Headline'),
        h('div', { class: 'headline' },
          h('div', null,
            h('div', { class: 'muted' }, 'Net Promoter Score'),
            h('div', { class: 'score', 'data-testid': 'nps' }, o.n ? f.nps(o.nps) : '–'),
            h('div', { class: 'score-sub' }, '95% interval ', h('span', { 'data-testid': 'ci' }, f.ci(o.ci95)), ' · n = ', h('span', { 'data-testid': 'n' }, f.int(o.n)))),
          h('div', null,
            h('div', { class: 'shares' },
              share('promoter', label('Promoters', o, 'promoter'), o.pct.promoters, o.promoters),
              share('passive', label('Passives', o, 'passive'), o.pct.passives, o.passives),
              share('detractor', label('Detractors', o, 'detractor'), o.pct.detractors, o.detractors)),
            h('div', { class: 'stackbar', 'aria-hidden': 'true' },
              ['promoter', 'passive', 'detractor'].map((c) => {
                const s = h('span', { class: c });
                s.style.width = (o.pct[c + 's'] || 0) + '%';
                return s;
              })))),
        h('p', { class: 'reading', 'data-testid': 'reading' }, f.reading(o)),
        change);
    },
  };
}

/** How the trend's tests were judged together (report.options.multiple_comparisons). */
export function adjustment(method) {
  return method === 'holm' ? 'together with the other periods (Holm method)'
    : method === 'bh' ? 'together with the other periods (Benjamini-Hochberg method)' : 'alone, not with the other periods';
}

/** "Promoters (9–10)": the scores as the core assigns them (report.overall.histogram_categories). */
function label(name, overall, category) {
  const range = f.scoreRange(overall.histogram_categories, category);
  return range ? `${name} (${range})` : name;
}

function share(cls, label, p, count) {
  return h('div', { class: 'share ' + cls },
    h('div', { class: 'muted' }, label),
    h('div', { class: 'v', 'data-testid': 'pct-' + cls }, f.pct(p)),
    h('div', { class: 'muted' }, f.int(count) + ' responses'));
}
