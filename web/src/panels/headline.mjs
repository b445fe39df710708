// Headline: NPS, 95% interval, n, category shares, change vs the previous
// period (from the trend's last point), a plain-language reading, small-n warning.
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
          d.too_small ? 'too few responses to tell.' : d.significant ? h('strong', null, 'a significant change.') : 'within the noise (not significant).');
      }
      const small = o.n > 0 && o.n < f.MIN_N;
      const wide = o.n >= f.MIN_N && o.n < 100;
      mount(root,
        h('h2', { id: 'h-headline', class: 'sr-only' }, 'Headline'),
        h('div', { class: 'headline' },
          h('div', null,
            h('div', { class: 'muted' }, 'Net Promoter Score'),
            h('div', { class: 'score', 'data-testid': 'nps' }, o.n ? f.nps(o.nps) : '–'),
            h('div', { class: 'score-sub' }, '95% interval ', h('span', { 'data-testid': 'ci' }, f.ci(o.ci95)), ' · n = ', h('span', { 'data-testid': 'n' }, f.int(o.n)))),
          h('div', null,
            h('div', { class: 'shares' },
              share('promoter', 'Promoters (9–10)', o.pct.promoters, o.promoters),
              share('passive', 'Passives (7–8)', o.pct.passives, o.passives),
              share('detractor', 'Detractors (0–6)', o.pct.detractors, o.detractors)),
            h('div', { class: 'stackbar', 'aria-hidden': 'true' },
              ['promoter', 'passive', 'detractor'].map((c) => {
                const s = h('span', { class: c });
                s.style.width = (o.pct[c + 's'] || 0) + '%';
                return s;
              })))),
        small ? h('p', { class: 'warn', role: 'note' }, `Only ${o.n} responses: too few to judge the score (at least ${f.MIN_N} needed; the interval is ±${Math.round(o.margin ?? 0)} points).`) : null,
        wide ? h('p', { class: 'warn', role: 'note' }, `With ${o.n} responses the score is only known to within ±${Math.round(o.margin ?? 0)} points.`) : null,
        h('p', { class: 'reading', 'data-testid': 'reading' }, f.reading(o)),
        change);
    },
  };
}

function share(cls, label, p, count) {
  return h('div', { class: 'share ' + cls },
    h('div', { class: 'muted' }, label),
    h('div', { class: 'v', 'data-testid': 'pct-' + cls }, f.pct(p)),
    h('div', { class: 'muted' }, f.int(count) + ' responses'));
}
