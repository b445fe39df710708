// The public API behind the global `npskit` (script tag) and the npm import:
// init, identify, track, show, on/off, validate. It stays tiny: it stores
// configs, watches triggers and loads the survey runtime (ui.mjs, which brings
// the C++ core) only when a survey may be about to show (not-now.js), or when
// responses wait to be sent.
import { NativePromise, fail, fetchFn, onFailure, parse, randomHex, safe, stringify } from './env.js';
import { fromJson, toJson } from './plain.js';
import { forget, read, remove, write } from './storage.js';
import { createFacts } from './page-facts.js';
import { defineElement, roots } from './element.js';
import { storedVerdict, verdictKey, worthAsking } from './not-now.js';

const lib = { read, write, remove, parse, stringify, fetchFn, randomHex, safe, fail, roots, NativePromise, verdictKey };

// inline: for the single-file build, { ui, core } modules bundled in (nothing is fetched).
export function createNpskit(base, inline) {
  const surveys = Object.create(null); // id -> { config, done }
  const listeners = Object.create(null);
  const ctx = { base, lib, surveys, user: { id: null, attributes: {} }, emit, facts: null, inline };
  const printed = Object.create(null);
  let chunk;
  let scheduled = 0;

  // Survey runtime, core glue and wasm bytes are fetched in parallel, not as a waterfall.
  // A chunk that cannot load (404, a CDN without CORS headers, offline) never
  // rejects into the page: the surveys waiting for it get an `error` event instead.
  const load = () => {
    if (!chunk) {
      ctx.pre = preload(base, surveys, inline);
      const ui = inline ? NativePromise.resolve(inline.ui) : import(base + 'ui.mjs');
      chunk = ui.then((m) => m.start(ctx)).then(undefined, (e) => {
        const why = 'could not load ' + base + 'ui.mjs (' + ((e && e.message) || e) + '). On another origin the ' +
          'files need Access-Control-Allow-Origin (docs/widget.md, "Serving from a CDN")';
        const failed = (id) => emit('error', { survey: id == null ? null : id, errors: [{ field: '', message: why }] });
        return { consider: failed, mount: (el) => failed(el.getAttribute('survey')), flush() {}, validate: () => [{ field: '', message: why }] };
      });
    }
    return chunk;
  };

  // Problems a site owner must see while building the page: on the console
  // (once per distinct list) unless a config says `console: false`.
  function print(detail) {
    let quiet = false;
    for (const id in surveys) quiet = quiet || surveys[id].config.console === false;
    let text = 'npskit: ' + (detail.survey == null ? '' : 'survey "' + detail.survey + '" will not show: ');
    const list = detail.errors || [];
    for (let i = 0; i < list.length; i++) text += '\n  ' + (list[i].field || '(survey)') + ': ' + list[i].message;
    if (quiet || printed[text]) return;
    printed[text] = 1;
    try {
      window.console.error(text);
    } catch (e) {
      /* no console, or the page broke it: the error event still goes out */
    }
  }

  function emit(type, detail, target) {
    if (type === 'error') print(detail);
    const s = detail.survey == null ? null : surveys[detail.survey];
    const cb = s && s.config['on' + type[0].toUpperCase() + type.slice(1)];
    if (typeof cb === 'function') safe(cb)(detail);
    const list = listeners[type] || [];
    for (let i = 0; i < list.length; i++) safe(list[i])(detail);
    safe(() => (target || document).dispatchEvent(new CustomEvent('npskit:' + type, { detail, bubbles: true, composed: true })))();
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
        const h = storedVerdict(read('h:' + id), s.config, ctx.user.id || read('anon') || '', Date.now(), location.href);
        if (h) {
          s.done = true;
          emit('skipped', { survey: id, reason: h.why, until: h.why === 'url' ? undefined : h.until });
          continue;
        }
        if (!worthAsking(s.config, ctx.facts, Date.now())) continue;
        // The rest (fetching the UI and core, deciding) waits for an idle moment:
        // the page's own start-up goes first.
        idle(() => load().then((ui) => ui.consider(id, false)));
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
    // A snapshot of the page's object: own data only, prototype-free (a polluted
    // Object.prototype or Array.prototype.toJSON changes nothing), callbacks kept.
    const copy = fromJson(toJson(config));
    const keys = Object.keys(config);
    for (let i = 0; i < keys.length; i++) if (typeof config[keys[i]] === 'function') copy[keys[i]] = config[keys[i]];
    config = copy;
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
    ctx.user = { id: userId == null ? null : String(userId), attributes: fromJson(toJson(attributes || {})) };
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
  api.validate = (config) =>
    load().then((ui) => ui.validate(config && typeof config === 'object' ? fromJson(toJson(config)) : config))
      .then(undefined, (e) => [{ field: '', message: 'the survey core failed to load: ' + ((e && e.message) || e) }]);
  // Clears everything the widget stored in this browser, queued answers included (docs/widget.md).
  api.forget = safe(forget);
  api.version = '0.1.0';
  // For entries built on this API (the Delighted drop-in): problems found before
  // the config reaches the core, reported like the core's own (event + console).
  api.report = safe((id, errors) => emit('error', { survey: id, errors }));

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

// Which core to fetch. `engine: 'js'` or 'wasm' on every survey skips the probe
// (no CSP violation report at all); otherwise the probe's verdict is remembered
// for 30 days, so a page whose CSP forbids wasm files one report per visitor a month.
function preload(base, surveys, inline) {
  if (inline) return { wasm: false, glue: NativePromise.resolve(inline.core), bytes: null };
  let want = '';
  for (const id in surveys) {
    const e = surveys[id].config.engine;
    want = want === '' || want === e ? e : 'auto';
  }
  let wasm = want === 'wasm';
  if (want !== 'js' && want !== 'wasm') {
    const known = read('wasm');
    if (known && known.until > Date.now()) wasm = known.ok;
    else write('wasm', { ok: (wasm = typeof WebAssembly === 'object' && wasmAllowed()), until: Date.now() + 30 * 864e5 });
  }
  const quiet = (p) => (p.then(undefined, () => {}), p);
  return {
    wasm,
    glue: quiet(import(base + (wasm ? 'core-wasm.mjs' : 'core-js.mjs'))),
    bytes: wasm ? quiet(fetchFn()(base + 'core.wasm', { credentials: 'omit' })) : null,
  };
}

function idle(fn) {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(safe(fn), { timeout: 1000 });
  else setTimeout(safe(fn), 1);
}
