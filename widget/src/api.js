// The public API behind the global `npskit` (script tag) and the npm import:
// init, identify, track, show, on/off, validate. It stays tiny: it stores
// configs, watches triggers and loads the UI chunk (which brings the C++ core)
// only when a survey may be about to show, or when responses wait to be sent.
import { NativePromise, fail, fetchFn, onFailure, parse, randomHex, safe, stringify } from './env.js';
import { forget, read, remove, write } from './storage.js';
import { createFacts } from './triggers.js';
import { defineElement, roots } from './element.js';

const lib = { read, write, remove, parse, stringify, fetchFn, randomHex, safe, fail, roots, NativePromise };

export function createNpskit(base) {
  const surveys = {}; // id -> { config, done }
  const listeners = {};
  const ctx = { base, lib, surveys, user: { id: null, attributes: {} }, emit, facts: null };
  let chunk;
  let scheduled = 0;

  // UI chunk, core glue and wasm bytes are fetched in parallel, not as a waterfall.
  const load = () => {
    if (!chunk) {
      ctx.pre = preload(base);
      chunk = import(base + 'ui.mjs').then((m) => m.start(ctx));
    }
    return chunk;
  };

  function emit(type, detail, target) {
    const s = surveys[detail.survey];
    const cb = s && s.config['on' + type[0].toUpperCase() + type.slice(1)];
    if (typeof cb === 'function') safe(cb)(detail);
    const list = listeners[type] || [];
    for (let i = 0; i < list.length; i++) safe(list[i])(detail);
    safe(() => (target || document).dispatchEvent(new CustomEvent('npskit:' + type, { detail, bubbles: true, composed: true })))();
  }

  // A hint for when to fetch the core: some trigger of the survey could now be
  // met (or it has none). The rules themselves (all/any, URL, fatigue) are C++'s.
  function worth(s, facts) {
    const t = s.config.triggers || [];
    if (!t.length || s.config.placement === 'launcher') return true;
    const secs = (Date.now() - facts.start) / 1000;
    for (let i = 0; i < t.length; i++) {
      const x = t[i] || {};
      if ((x.type === 'delay' && secs >= x.seconds) || (x.type === 'scroll' && facts.scroll >= x.percent) ||
          (x.type === 'exitIntent' && facts.exitIntent) || (x.type === 'pageViews' && facts.pageViews >= x.count) ||
          (x.type === 'click' && has(facts.clicked, x.selector)) || (x.type === 'event' && has(facts.events, x.name)))
        return true;
    }
    return false;
  }

  function evaluate(why) {
    if (why === 'navigate') for (const id in surveys) surveys[id].done = false;
    if (scheduled) return;
    scheduled = 1;
    // Coalesce bursts (several init/track calls in one task) into one decision,
    // right after the current task: a timer would wait behind the page's own work.
    NativePromise.resolve().then(safe(() => {
      scheduled = 0;
      for (const id in surveys) {
        const s = surveys[id];
        if (s.done) continue;
        const h = read('h:' + id) || {};
        if (h.until > Date.now()) {
          // The core said nothing changes before `until`: skip fetching it at all.
          s.done = true;
          emit('skipped', { survey: id, reason: h.why, until: h.until });
          continue;
        }
        if (!worth(s, ctx.facts)) continue;
        load().then((ui) => ui.consider(id, false));
      }
    }));
  }

  const api = safe(function (method) {
    const args = [];
    for (let i = 1; i < arguments.length; i++) args[args.length] = arguments[i];
    if (typeof api[method] === 'function') return api[method].apply(null, args);
  });

  api.init = safe((config) => {
    if (!config || typeof config !== 'object' || typeof config.id !== 'string') {
      emit('error', { survey: null, errors: [{ field: 'id', message: 'is required' }] });
      return;
    }
    surveys[config.id] = { config, done: false };
    watcher.watch(config.triggers || []);
    if (config.placement === 'inline' && config.target == null) {
      // In-app placement: the survey renders in its <npskit-survey survey="id"> element(s).
      const els = document.querySelectorAll('npskit-survey');
      for (let i = 0; i < els.length; i++) if (els[i].getAttribute('survey') === config.id) ctx.mount(els[i]);
      return;
    }
    evaluate('init');
  });
  api.identify = safe((userId, attributes) => {
    ctx.user = { id: userId == null ? null : String(userId), attributes: attributes || {} };
  });
  api.track = safe((name) => watcher.track(name));
  // Opens a survey now (a "Give feedback" button of the site's own): the visitor
  // asked, so triggers and sampling do not apply; URL and recontact rules do.
  api.show = safe((id) => load().then((ui) => ui.consider(id, true)));
  api.on = safe((type, fn) => {
    (listeners[type] = listeners[type] || [])[(listeners[type] || []).length] = fn;
  });
  api.off = safe((type, fn) => {
    const list = listeners[type] || [];
    const keep = [];
    for (let i = 0; i < list.length; i++) if (list[i] !== fn) keep[keep.length] = list[i];
    listeners[type] = keep;
  });
  // Validates a configuration with the core: resolves to [] or [{field, message}].
  api.validate = (config) => load().then((ui) => ui.validate(config)).catch(() => [{ field: '', message: 'the core failed to load' }]);
  // Clears everything the widget stored in this browser, queued answers included (docs/widget.md).
  api.forget = safe(forget);
  api.version = '0.1.0';

  onFailure((e) => emit('error', { survey: null, errors: [{ field: '', message: String((e && e.message) || e) }] }));

  let watcher;
  ctx.facts = (watcher = createFacts(evaluate)).facts;
  ctx.mount = (el) => load().then((ui) => ui.mount(el));
  defineElement(ctx);

  // Responses queued by an earlier page (closed mid-send, collector down) go out now.
  if ((read('queue') || []).length) load().then((ui) => ui.flush());
  return api;
}

// Under a CSP without 'wasm-unsafe-eval' compiling even an empty module throws;
// then the JS build of the core is fetched instead.
export function wasmAllowed() {
  try {
    return new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])) instanceof WebAssembly.Module;
  } catch (e) {
    return false;
  }
}

function preload(base) {
  const wasm = typeof WebAssembly === 'object' && wasmAllowed();
  const quiet = (p) => (p.catch(() => {}), p);
  return {
    wasm,
    glue: quiet(import(base + (wasm ? 'core-wasm.mjs' : 'core-js.mjs'))),
    bytes: wasm ? quiet(fetchFn()(base + 'core.wasm', { credentials: 'omit' })) : null,
  };
}

function has(list, v) {
  for (let i = 0; i < (list || []).length; i++) if (list[i] === v) return true;
  return false;
}

