// Drop-in for Delighted's web snippet (Delighted shut down on 30 June 2026): a
// site points the snippet's script URL at this file and keeps its
//   delighted.survey({ email, name, createdAt, properties, minTimeOnPage, ... })
// calls. Each Delighted option becomes npskit config, or is reported as
// unsupported (console + `error` event), never silently dropped. Properties
// become attributes under the very names Delighted's export used as columns, so
// old exports and new answers segment together (docs/migrate-from-delighted.md).
// Script URL parameters: ?endpoint=<collector URL or /path> (required for answers
// to go anywhere), &survey=<id> (default "delighted-nps"), &product=<name>.
import { createNpskit } from './loader/api.js';

// Delighted option -> what it becomes. Unknown options are errors.
const MAPPED = ['email', 'name', 'createdAt', 'properties', 'minTimeOnPage', 'sampleFactor', 'recurringPeriod',
  'initialDelay', 'forceDisplay', 'locale'];
const DAY = 86400;

export function translate(opts, params, now) {
  const errors = [];
  const o = opts && typeof opts === 'object' ? opts : {};
  const keys = Object.keys(o);
  for (let i = 0; i < keys.length; i++)
    if (MAPPED.indexOf(keys[i]) < 0) errors[errors.length] = { field: keys[i], message: 'is a Delighted option npskit does not support (ignored)' };
  const config = { id: params.survey || 'delighted-nps', attributes: {}, triggers: [], frequency: {} };
  if (params.endpoint) config.endpoint = params.endpoint;
  if (params.product) config.product = params.product;
  const props = o.properties && typeof o.properties === 'object' ? o.properties : {};
  const pk = Object.keys(props);
  for (let i = 0; i < pk.length; i++) {
    const k = pk[i];
    // Delighted's special properties steer the survey itself.
    if (k === 'questionProductName') config.product = props[k];
    else if (k === 'locale') config.locale = props[k];
    else config.attributes[k] = props[k];
  }
  if (o.name != null) config.attributes.Name = o.name;
  if (o.locale != null) config.locale = o.locale;
  if (o.minTimeOnPage != null) config.triggers[0] = { type: 'delay', seconds: o.minTimeOnPage };
  if (o.sampleFactor != null) config.sampleRate = o.sampleFactor;
  // recurringPeriod is in seconds (false: never ask again) -> days between answers.
  if (o.recurringPeriod === false) config.frequency.recontactDays = 3650;
  else if (o.recurringPeriod != null) config.frequency.recontactDays = typeof o.recurringPeriod === 'number' ? o.recurringPeriod / DAY : o.recurringPeriod;
  // initialDelay: seconds after createdAt before a person is first asked.
  let wait = 0;
  if (o.initialDelay != null || o.createdAt != null) {
    const created = o.createdAt == null ? NaN : Date.parse(o.createdAt);
    if (o.createdAt != null && !(created > 0)) errors[errors.length] = { field: 'createdAt', message: 'must be an ISO 8601 time like 2024-03-05T14:22:10Z' };
    else if (o.initialDelay != null && !(typeof o.initialDelay === 'number' && o.initialDelay >= 0))
      errors[errors.length] = { field: 'initialDelay', message: 'must be a number of seconds' };
    else if (created > 0 && o.initialDelay > 0) wait = Math.max(0, created + o.initialDelay * 1000 - now);
  }
  return { config, errors, user: o.email == null ? null : String(o.email), force: o.forceDisplay === true, wait };
}

(function () {
  try {
    const stub = window.delighted;
    if (stub && stub.npskit) return; // loaded twice
    const script = document.currentScript;
    const src = (script && script.src) || '';
    const q = new URL(src || location.href).searchParams;
    const params = { endpoint: q.get('endpoint'), survey: q.get('survey'), product: q.get('product') };
    const api = window.npskit && window.npskit.version ? window.npskit : createNpskit(src.slice(0, src.lastIndexOf('/') + 1));
    if (!window.npskit || !window.npskit.version) window.npskit = api;
    const survey = (opts) => {
      const t = translate(opts, params, Date.now());
      if (t.user) api.identify(t.user, {});
      if (t.errors.length) api.report(t.config.id, t.errors);
      // Too new a customer for Delighted's initialDelay: not asked on this page.
      if (t.wait > 0) return;
      api.init(t.config);
      if (t.force) api.show(t.config.id);
    };
    const compat = { npskit: api, survey, track: (name) => api.track(name), reset() {} };
    // Delighted's snippet queues calls as [method, args] in an array named `delighted`.
    const queued = Array.isArray(stub) ? stub : [];
    window.delighted = compat;
    for (let i = 0; i < queued.length; i++) {
      const c = queued[i];
      if (c && typeof compat[c[0]] === 'function') compat[c[0]].apply(null, c[1] || []);
    }
  } catch (e) {
    /* never throw into the host page */
  }
})();
