// Pristine built-ins and error containment. The widget runs on strangers' pages,
// which may have replaced JSON, fetch or array methods. JSON is our own
// (plain.js); fetch and AbortController come from a hidden same-origin
// about:blank frame (inside a closed shadow root, so no page CSS reaches it),
// created only when a request is about to be sent: never on a page view that
// shows and sends nothing (creating a frame is a long task on slow phones).
import { fromJson, toJson } from './plain.js';

let frame;
let host;

function realm() {
  try {
    if (frame && host.isConnected && frame.contentWindow) return frame.contentWindow;
    host = document.createElement('npskit-realm');
    const root = host.attachShadow({ mode: 'closed' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(':host{display:none!important}');
    root.adoptedStyleSheets = [sheet];
    frame = document.createElement('iframe');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    root.appendChild(frame);
    document.documentElement.appendChild(host);
    return frame.contentWindow || window;
  } catch (e) {
    return window;
  }
}

// fetch(url, init, ms): with `ms`, a request still unanswered after that long is
// aborted (its promise rejects), so a server that hangs cannot stall the caller.
// The AbortController comes from the pristine realm too.
export const fetchFn = () => {
  const w = realm();
  const f = w.fetch ? (url, init) => w.fetch(url, init) : (url, init) => fetch(url, init);
  return (url, init, ms) => {
    let c = null;
    try {
      if (ms > 0) c = new (w.AbortController || AbortController)();
    } catch (e) {
      /* no AbortController: no timeout */
    }
    if (!c) return f(url, init);
    init.signal = c.signal;
    const timer = setTimeout(() => c.abort(), ms);
    const p = f(url, init);
    const done = () => clearTimeout(timer);
    p.then(done, done);
    return p;
  };
};

// The engine's own Promise (what an async function returns), whatever the page
// assigned to window.Promise: a hostile or broken polyfill must not reach us.
export const NativePromise = (async () => {})().constructor;

export const stringify = toJson;
export const parse = fromJson;

// Runs fn and swallows anything it throws (sync or async): the host page never
// sees an exception from the widget. Failures go to the onError hooks instead.
let report = () => {};
export function onFailure(fn) {
  report = fn;
}
export function safe(fn) {
  return function () {
    try {
      const r = fn.apply(this, arguments);
      if (r && typeof r.then === 'function') return r.then(undefined, fail);
      return r;
    } catch (e) {
      fail(e);
    }
  };
}
export function fail(e) {
  try {
    report(e);
  } catch (_) {
    /* a failing error hook must not escape either */
  }
}

// Random hex from the CSPRNG (anonymous ids, idempotency nonces).
export function randomHex(bytes) {
  const a = new Uint8Array(bytes);
  crypto.getRandomValues(a);
  let s = '';
  for (let i = 0; i < a.length; i++) s += (a[i] < 16 ? '0' : '') + a[i].toString(16);
  return s;
}
