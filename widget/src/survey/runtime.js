// The survey runtime, the lazily loaded part of the widget: asks the C++ core
// whether a survey may show (core/), renders it in a shadow root (ui/), keeps
// what the fatigue rules read (state/), turns the answer into a payload (core)
// and hands it to delivery (delivery/). Built to dist/widget/ui.mjs (its
// historical name, kept for hosts) and loaded through `import(base + 'ui.mjs')`.
import { bind, randomHex, roots, safe, verdictKey } from './borrowed.js';
import { loadCore } from './core/load.js';
import { enqueue, flush, beacon } from './delivery/send.js';
import { anonymousId, blockUntil, historyOf, recordImpression, recordOutcome } from './state/history.js';
import { resolveLocale, texts } from './ui/i18n.js';
import { baseSheet, floatSheet, themeSheet } from './ui/styles.js';
import { acquire, otherTabShowing, release } from './state/tablock.js';
import { openView, launcherButton } from './ui/view.js';

export function start(ctx) {
  bind(ctx.lib);
  let corePromise;
  let showing = null; // the survey on screen in this tab (one at a time)
  const launchers = {};
  const mounted = new WeakSet();

  const core = (engine) => (corePromise = corePromise || loadCore(ctx.base, engine, ctx.pre));

  // Config -> the core's normalised config, or null (errors reported once).
  async function prepare(id) {
    const s = ctx.surveys[id];
    if (!s) return null;
    let c;
    try {
      c = await core(s.config.engine);
    } catch (e) {
      // Neither the wasm nor the JS build of the core could load: say so, once per survey.
      s.done = true;
      ctx.emit('error', { survey: id, errors: [{ field: '', message: 'the survey core failed to load: ' + ((e && e.message) || e) }] });
      return null;
    }
    if (!s.valid) {
      const r = c.call('validate', { config: forCore(s.config) });
      if (!r.ok) {
        s.done = true;
        ctx.emit('error', { survey: id, errors: r.errors });
        return null;
      }
      s.valid = r.config;
    }
    return { s, c, cfg: s.valid };
  }

  async function facts(cfg) {
    const f = ctx.facts;
    const regex = [];
    for (let i = 0; i < cfg.url.length; i++) {
      const rule = cfg.url[i];
      let hit = null;
      // Regex URL rules use the browser's RegExp (its dialect is the documented one).
      if (rule.match === 'regex') try { hit = new RegExp(rule.value).test(location.href); } catch (e) { hit = false; }
      regex[i] = hit;
    }
    return {
      path: location.pathname, href: location.href, regex, seconds: (Date.now() - f.start) / 1000,
      scroll: f.scroll, exitIntent: f.exitIntent, clicked: f.clicked, events: f.events, pageViews: f.pageViews,
      otherTab: await otherTabShowing(),
    };
  }

  async function decide(p, id, manual) {
    const d = p.c.call('decide', {
      config: p.cfg, facts: await facts(p.cfg), history: historyOf(id), user: ctx.user.id || anonymousId(),
      now: Date.now(), manual: !!manual,
    });
    if (!d.ok) {
      p.s.done = true;
      ctx.emit('error', { survey: id, errors: d.errors });
      return d;
    }
    if (!d.show && d.final && !manual) {
      p.s.done = true;
      // Verdicts without an end of their own (impressions cap, sampled out, wrong
      // URL) are re-checked by the core after 30 days.
      const until = d.until > 0 ? d.until : Date.now() + 30 * 864e5;
      blockUntil(id, until, d.reason, verdictKey(p.s.config, ctx.user.id || anonymousId()));
      // Lets a site collapse an inline slot, and tests see why nothing showed.
      ctx.emit('skipped', { survey: id, reason: d.reason });
    }
    // Another tab is showing a survey: not final, but tell the page (and tests).
    if (d.reason === 'tab') ctx.emit('skipped', { survey: id, reason: 'tab', final: false });
    return d;
  }

  async function consider(id, manual, el) {
    const p = await prepare(id);
    if (!p) return;
    const place = p.cfg.placement;
    if (place === 'launcher' && !manual) {
      // The tab is offered wherever the URL and recontact rules allow it.
      if (!launchers[id] && (await decide(p, id, true)).show) showLauncher(p, id);
      p.s.done = true;
      return;
    }
    if (place === 'inline' && !el) {
      if (p.cfg.target) mountTarget(p.cfg.target, id);
      return;
    }
    if (showing) return; // another survey is open here; the next trigger asks again
    const d = await decide(p, id, manual);
    if (!d.show || showing) return;
    showing = id;
    if (place !== 'inline' && !(await acquire())) {
      showing = null;
      ctx.emit('skipped', { survey: id, reason: 'tab', final: false });
      return;
    }
    p.s.done = true;
    if (!manual) recordImpression(id);
    render(p, id, el, manual && place === 'launcher', manual);
  }

  function mountTarget(selector, id) {
    const box = document.querySelector(selector);
    if (!box) return;
    const el = document.createElement('npskit-survey');
    el.setAttribute('survey', id);
    box.appendChild(el); // upgrades, then comes back through mount()
  }

  // Floating placements live in the browser's top layer (a manual popover), so no
  // element of the page, whatever its z-index, can cover them. Where popovers are
  // missing the host stays a fixed layer at the highest z-index.
  function floatingRoot(p) {
    const host = document.createElement('npskit-popup');
    const root = host.attachShadow({ mode: 'open' });
    root.adoptedStyleSheets = [floatSheet(), baseSheet(), themeSheet(p.cfg.theme)];
    const top = typeof host.showPopover === 'function';
    if (top) host.setAttribute('popover', 'manual');
    document.documentElement.appendChild(host);
    if (top) try { host.showPopover(); } catch (e) { /* not connected or refused: the fixed layer still shows */ }
    return { host, root };
  }

  function showLauncher(p, id) {
    const { host, root } = floatingRoot(p);
    const t = textsFor(p.cfg);
    launchers[id] = launcherButton(root, t, p.cfg.position, safe(() => {
      if (showing !== id) consider(id, true);
    }));
    launchers[id].host = host;
  }

  function textsFor(cfg) {
    const locale = resolveLocale(cfg.locale);
    const product = cfg.product || location.hostname.replace(/^www\./, '') || 'us';
    const t = texts(locale, cfg.strings, product);
    t.locale = locale;
    return t;
  }

  function render(p, id, el, launched, manual) {
    const cfg = p.cfg;
    const t = textsFor(cfg);
    let host;
    let root;
    if (el) {
      host = el;
      root = roots.get(el);
      root.adoptedStyleSheets = [root.adoptedStyleSheets[0], baseSheet(), themeSheet(cfg.theme)];
    } else {
      ({ host, root } = launched ? { host: launchers[id].host, root: launchers[id].getRootNode() } : floatingRoot(p));
    }
    let response = null;
    let category = null;
    const finish = (v) => {
      if (response) return null;
      const r = p.c.call('payload', {
        config: cfg,
        answer: { score: view.score, comment: v.comment || '', consent: !!v.consent, email: v.email || '' },
        context: { now: Date.now(), nonce: randomHex(8), locale: t.locale, page: location.pathname,
          userId: ctx.user.id, attributes: ctx.user.attributes },
      });
      if (!r.ok) return r.errors;
      response = r.payload;
      recordOutcome(id, 'answered', Date.now());
      deliver(p, response);
      ctx.emit('completed', { survey: id, response }, host);
      return null;
    };
    const view = openView({
      root, placement: cfg.placement === 'launcher' ? 'popup' : cfg.placement, position: cfg.position,
      mode: cfg.theme.mode, t, locale: t.locale, launched, focus: !!manual,
      onScore: (score) => {
        view.score = score;
        const r = p.c.call('classify', { config: cfg, score });
        category = r.category;
        ctx.emit('answered', { survey: id, score, category }, host);
        return r;
      },
      onFinish: finish,
      onDismiss: () => {
        recordOutcome(id, 'dismissed', Date.now());
        ctx.emit('dismissed', { survey: id }, host);
      },
      onClose: () => {
        showing = null;
        release();
        removeEventListener('pagehide', onHide);
        if (!el && !launched) host.remove();
      },
    });
    // Leaving mid-answer: the score (and any comment) is still queued and beaconed.
    const onHide = safe(() => {
      const v = view.pending();
      if (v && !response && view.score >= 0 && !finish(v) && response) beacon(response);
    });
    addEventListener('pagehide', onHide);
    ctx.emit('shown', { survey: id, placement: cfg.placement }, host);
  }

  function deliver(p, payload) {
    const onResponse = p.s.config.onResponse;
    if (typeof onResponse === 'function') safe(onResponse)(payload);
    if (p.cfg.endpoint) enqueue(payload, new URL(p.cfg.endpoint, location.href).href);
  }

  return {
    consider: safe(consider),
    mount: safe((el) => {
      const id = el.getAttribute('survey');
      if (ctx.surveys[id] && !mounted.has(el)) {
        mounted.add(el);
        return consider(id, false, el);
      }
    }),
    flush: safe(flush),
    async validate(config) {
      const c = await core(config && config.engine);
      const r = c.call('validate', { config: forCore(config) });
      return r.ok ? [] : r.errors;
    },
    engine: async () => (await core()).engine,
  };
}

// JS-only options stay out of the core's view (functions vanish in JSON anyway).
function forCore(config) {
  const out = {};
  for (const k in config) if (k !== 'engine' && k !== 'console' && typeof config[k] !== 'function') out[k] = config[k];
  return out;
}

