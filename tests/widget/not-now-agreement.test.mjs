// The loader's quick "not now" (widget/src/loader/not-now.js) against the core's
// eligibility (src/core/survey/eligibility.cpp, through the wasm build the widget
// ships, dist/core/survey.{mjs,wasm}). The core decides; the loader may only
// skip asking it when the core would not show the survey anyway. Enumerated over
// configs x page facts x browser history x visitors x times:
//   1. worthAsking() false (no trigger can be met yet) => the core does not show,
//      and reports no error in a trigger's type or value: a trigger that cannot
//      fire must not hide its own error from the site owner. (Other config errors,
//      an unknown field included, are reported when the core first runs: a
//      trigger met, npskit.show(), npskit.validate(); docs/widget.md.)
//   2. The loader is exact where it can be (triggerMode "any", or one trigger;
//      nothing else in the way): it asks exactly when the core shows. So the
//      check cannot pass by always asking.
//   3. A stored verdict (written by the survey runtime from a core decision,
//      read by storedVerdict()) that the loader acts on at a later time, URL and
//      page state => the core, asked then, does not show either.
// The allowed direction of conservatism: the loader asks the core when the
// core then says no (triggerMode "all" with some triggers met, sampling, URL
// and fatigue rules on a first visit); never the other way round.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { root } from './helpers.mjs';
import { storedVerdict, verdictKey, worthAsking } from '../../widget/src/loader/not-now.js';
import { fromJson, toJson } from '../../widget/src/loader/plain.js';
import { bind } from '../../widget/src/survey/borrowed.js';
import { blockUntil, historyOf } from '../../widget/src/survey/state/history.js';

const DAY = 86400000;
const T0 = Date.parse('2025-03-01T10:00:00Z');
let core;

// The core as the survey runtime calls it (survey/core/load.js): one JSON call per op.
before(async () => {
  const dist = path.join(root, 'dist/core');
  if (!fs.existsSync(path.join(dist, 'survey.wasm'))) throw new Error('dist/core/survey.wasm missing: run bash scripts/build-wasm.sh');
  const M = await (await import(path.join(dist, 'survey.mjs'))).default({ wasmBinary: fs.readFileSync(path.join(dist, 'survey.wasm')) });
  const put = (s) => {
    const n = M.lengthBytesUTF8(s) + 1;
    const p = M._malloc(n);
    M.stringToUTF8(s, p, n);
    return p;
  };
  core = (op, request) => {
    const a = put(op);
    const b = put(toJson(request));
    try {
      return fromJson(M.UTF8ToString(M._npskit_call(a, b)));
    } finally {
      M._free(a);
      M._free(b);
    }
  };
});

// What the runtime asks (survey/runtime.js prepare + decide): validate (once per
// config, as the runtime does), then decide.
const validated = new Map();
function coreDecides(config, pageFacts, history, user, now, href) {
  const key = toJson(config);
  if (!validated.has(key)) validated.set(key, core('validate', { config }));
  const v = validated.get(key);
  if (!v.ok) return { show: false, errors: v.errors };
  const cfg = v.config;
  const url = new URL(href);
  const regex = cfg.url.map((r) => {
    if (r.match !== 'regex') return null;
    try {
      return new RegExp(r.value).test(href);
    } catch (e) {
      return false;
    }
  });
  const d = core('decide', {
    config: cfg, history, user, now, manual: false,
    facts: { path: url.pathname, href, regex, seconds: (now - pageFacts.start) / 1000, scroll: pageFacts.scroll,
      exitIntent: pageFacts.exitIntent, clicked: pageFacts.clicked, events: pageFacts.events, pageViews: pageFacts.pageViews, otherTab: false },
  });
  assert.equal(d.ok, true, 'decide refused a validated config: ' + JSON.stringify(d));
  return d;
}

const product = (...lists) => lists.reduce((acc, list) => acc.flatMap((a) => list.map((x) => [...a, x])), [[]]);

// Triggers of every type, with parameters inside, at and outside the core's limits,
// of the wrong type, missing (the core's default applies), and malformed entries.
const long = (ch, n) => ch.repeat(n);
const singleTriggers = [
  ...[undefined, 0, 3, 5, 86400, 86401, -1, '3', 2.5, null].map((seconds) => ({ type: 'delay', seconds })),
  ...[undefined, 0, 1, 50, 60, 100, 101, '50', 49.5].map((percent) => ({ type: 'scroll', percent })),
  ...[undefined, 0, 1, 2, 3, 2.5, 1000, 1001, '2'].map((count) => ({ type: 'pageViews', count })),
  { type: 'exitIntent' },
  ...['#buy', '.other', '', long('x', 300), long('x', 301), long('é', 150), long('é', 151), long('😀', 75), long('😀', 76), 5, undefined]
    .map((selector) => ({ type: 'click', selector })),
  ...['purchase', 'a.b:c-d_e', '', 'a b', long('e', 64), long('e', 65), 'ü', 7, undefined].map((name) => ({ type: 'event', name })),
  { type: 'delay', seconds: 3, extra: 1 }, { type: 'bogus' }, { type: 'constructor' }, { type: '__proto__' }, { type: 'toString' },
  {}, null, 'delay', ['delay'], { type: 5 },
];
const clean = (t) => (t && typeof t === 'object' && !Array.isArray(t) ? Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)) : t);
const validPairs = product(
  [{ type: 'delay', seconds: 3 }, { type: 'scroll', percent: 50 }, { type: 'event', name: 'purchase' }],
  [{ type: 'click', selector: '#buy' }, { type: 'pageViews', count: 3 }, { type: 'exitIntent' }],
);
const triggerLists = [
  undefined, null, [], 'delay', { type: 'delay', seconds: 3 }, 7,
  ...singleTriggers.map((t) => [clean(t)]),
  ...validPairs,
  [{ type: 'delay', seconds: 3 }, { type: 'scroll', percent: 500 }], // one bad parameter among good ones
  [{ type: 'event', name: 'purchase' }, { type: 'bogus' }],
];

// Page states: each fact below, at and above every threshold used above.
const now = T0;
const pageStates = product([0, 3, 100000], [0, 50, 100], [1, 2, 3], [false, true], [[], ['#buy']], [[], ['purchase']])
  .map(([seconds, scroll, pageViews, exitIntent, clicked, events]) =>
    ({ start: now - seconds * 1000, scroll, pageViews, exitIntent, clicked, events }));

// Every trigger list in the default mode; pairs and a few lists in every mode and placement.
const configs = [
  ...triggerLists.map((triggers) => clean({ id: 'agree', triggers })),
  ...product([...validPairs, [{ type: 'delay', seconds: 3 }], undefined, [{ type: 'bogus' }]],
    [undefined, 'popup', 'modal', 'inline', 'launcher', 'corner'], [undefined, 'all', 'any', 'some'])
    .map(([triggers, placement, triggerMode]) => clean({ id: 'agree', triggers, placement, triggerMode })),
];
// The fields whose errors a "not now" must never hide: a trigger's type and value.
const triggerField = /^triggers(\[\d+\](\.(type|seconds|percent|count|selector|name))?)?$/;

test('1. "not now" from the loader => the core does not show, and no trigger error is hidden', () => {
  let notNow = 0;
  let asked = 0;
  let askedCoreSaidNo = 0;
  // The trigger configs with an empty history; then the pairs again with the
  // other rules in play (sampling, URL rules, answered, dismissed, impressions,
  // cooldown), which the quick check does not read: it must stay right anyway.
  const cases = configs.map((config) => [config, {}]);
  for (const [triggers, extra, history] of product(validPairs.slice(0, 4),
    [{}, { sampleRate: 0 }, { sampleRate: 0.5 }, { url: [{ match: 'contains', value: '/blog' }] }, { url: [{ match: 'contains', value: '/cart' }] }],
    [{}, { respondedAt: now - DAY }, { dismissedAt: now - DAY }, { impressions: 3 }, { lastAnyAt: now - DAY }, { respondedAt: now - 100 * DAY }]))
    cases.push([{ id: 'agree', triggers, ...extra }, history]);
  for (const [config, history] of cases) {
    for (const facts of pageStates) {
      const quick = worthAsking(config, facts, now);
      const d = coreDecides(config, facts, history, 'visitor-1', now, 'https://shop.example/cart');
      if (quick) {
        asked++;
        if (!d.show) askedCoreSaidNo++;
        continue;
      }
      notNow++;
      const where = JSON.stringify({ config, history, facts });
      assert.equal(d.show, false, 'the loader said "not now" but the core shows: ' + where);
      for (const e of d.errors || [])
        assert.doesNotMatch(e.field, triggerField, `the loader hides the core's error ${JSON.stringify(e)}: ${where}`);
    }
  }
  // Both answers occur (the enumeration reaches both sides), and the loader's
  // conservatism (asked, core said no) happens: "all" mode, errors elsewhere.
  assert.ok(notNow > 1000, `"not now" in ${notNow} cases`);
  assert.ok(asked > 1000 && askedCoreSaidNo > 0, `asked in ${asked} cases, ${askedCoreSaidNo} of them refused by the core`);
});

test('2. where nothing but the triggers decides and any trigger suffices, the loader asks exactly when the core shows', () => {
  // Every single trigger the loader judges itself (and the core accepts), and the pairs.
  const exact = [...singleTriggers.map((t) => [clean(t)])
    .filter((triggers) => !worthAsking({ triggers }, { start: now, scroll: 0, pageViews: 0, clicked: [], events: [] }, now) &&
      core('validate', { config: { id: 'exact', triggers } }).ok), ...validPairs];
  assert.ok(exact.length >= 20, `${exact.length} trigger lists`);
  let shown = 0;
  for (const [triggers, triggerMode] of product(exact, ['any', undefined])) {
    if (triggerMode === undefined && triggers.length > 1) continue; // "all" of two: the loader is conservative there
    const config = clean({ id: 'exact', triggers, triggerMode });
    for (const facts of pageStates) {
      const d = coreDecides(config, facts, {}, 'visitor-1', now, 'https://shop.example/');
      assert.equal(worthAsking(config, facts, now), d.show, JSON.stringify({ config, facts, core: d }));
      if (d.show) shown++;
    }
  }
  assert.ok(shown > 100, `${shown} cases shown`);
});

// The browser's storage, for the runtime's own history code (survey/state/history.js).
function browserState() {
  const store = new Map();
  bind({
    read: (k) => (store.has(k) ? fromJson(store.get(k)) : null),
    write: (k, v) => store.set(k, toJson(v)),
    remove: (k) => store.delete(k),
    randomHex: () => 'f'.repeat(32),
  });
  return store;
}

test('3. a stored verdict the loader acts on later => the core, asked then, does not show either', () => {
  const urlRules = [undefined, [{ match: 'contains', value: '/shop', not: true }], [{ match: 'exact', value: '/shop/cart' }],
    [{ match: 'regex', value: '^https://shop\\.example/(shop|blog)/' }]];
  const frequencies = [undefined, { dismissDays: 1, maxImpressions: 1 }, { recontactDays: 10, cooldownDays: 2, maxImpressions: 5 }];
  const histories = [
    {}, { respondedAt: T0 - 5 * DAY }, { respondedAt: T0 - 200 * DAY, impressions: 3 }, { dismissedAt: T0 - DAY },
    { dismissedAt: T0 - 40 * DAY, impressions: 1 }, { impressions: 5 }, { lastAnyAt: T0 - 3 * DAY },
  ];
  const hrefs = ['https://shop.example/shop/cart', 'https://shop.example/blog/post', 'https://shop.example/about'];
  const later = [1, DAY, 6 * DAY, 29 * DAY, 31 * DAY, 95 * DAY, 400 * DAY];
  const met = { start: 0, scroll: 100, pageViews: 1000, exitIntent: true, clicked: ['#buy'], events: ['purchase'] };
  const reasons = {};
  let acted = 0;
  for (const [url, frequency, sampleRate, history, user, href] of product(urlRules, frequencies, [1, 0.5, 0], histories,
    ['visitor-1', 'visitor-2'], hrefs.slice(0, 2))) {
    const config = clean({ id: 'verdict', url, frequency, sampleRate, triggers: [{ type: 'delay', seconds: 3 }] });
    const store = browserState();
    store.set('h:verdict', toJson(history));
    if (history.lastAnyAt) store.set('g', toJson({ lastAnyAt: history.lastAnyAt }));
    // First visit: the core decides; a final "no" is stored as the runtime stores it.
    globalThis.location = { href };
    const d = coreDecides(config, met, historyOf('verdict'), user, T0, href);
    if (d.show || !d.final) continue;
    reasons[d.reason] = (reasons[d.reason] || 0) + 1;
    blockUntil('verdict', d.until > 0 ? d.until : T0 + 30 * DAY, d.reason, verdictKey(config, user)); // as survey/runtime.js decide()
    // Later visits: wherever the loader trusts the verdict, the core agrees.
    for (const [dt, href2, facts, sameUser, otherSurveyLater] of product(later, hrefs, [met], [true, false], [false, true])) {
      const t = T0 + dt;
      const who = sameUser ? user : user + '-logged-in';
      if (otherSurveyLater) store.set('g', toJson({ lastAnyAt: T0 + dt / 2 })); // the cooldown clock only moves forward
      const h = storedVerdict(fromJson(store.get('h:verdict')), config, who, t, href2);
      if (h) {
        acted++;
        const again = coreDecides(config, { ...facts, start: facts.start || t - 1e9 }, historyOf('verdict'), who, t, href2);
        assert.equal(again.show, false, 'the loader skipped on a stored verdict but the core shows: ' +
          JSON.stringify({ config, history, user, at: dt, href, href2, verdict: h, core: again }));
      }
      if (otherSurveyLater) history.lastAnyAt ? store.set('g', toJson({ lastAnyAt: history.lastAnyAt })) : store.delete('g');
    }
  }
  for (const why of ['url', 'sample', 'responded', 'dismissed', 'impressions', 'cooldown'])
    assert.ok(reasons[why] > 0, `the enumeration reaches a "${why}" verdict: ${JSON.stringify(reasons)}`);
  assert.ok(acted > 1000, `${acted} later visits acted on a stored verdict`);
});
