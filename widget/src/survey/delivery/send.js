// Delivery to the site's collector: retries with exponential backoff (or the
// collector's Retry-After), a timeout per request, sendBeacon when the page goes
// away. Every payload carries its idempotency key (payload.id), so resending
// after a lost reply, a timeout or a beacon of unknown fate is safe: the
// collector drops duplicates. Where answers wait meanwhile (memory, then
// localStorage only while undelivered) is queue.js's job.
import { NativePromise, fail, fetchFn, stringify } from '../borrowed.js';
import { add, all, find, persist, saveStored, stored, without } from './queue.js';

const MAX_DELAY_MS = 5 * 60 * 1000;
// A request with no answer after this long is aborted and retried: a collector
// that hangs must not hold the queue (flush runs one request at a time) forever.
const TIMEOUT_MS = 10 * 1000;
// The longest Retry-After honoured (a misconfigured header must not park answers for days).
const MAX_WAIT_MS = 60 * 60 * 1000;
let timer = 0;
let busy = false;

export function enqueue(payload, endpoint) {
  add(payload, endpoint);
  return flush();
}

function schedule(q) {
  clearTimeout(timer);
  let next = Infinity;
  for (let i = 0; i < q.length; i++) next = Math.min(next, q[i].t);
  if (next < Infinity) timer = setTimeout(flush, Math.max(0, next - Date.now()));
}

// Retry-After (seconds or an HTTP-date) in ms, 0 if absent or unreadable. A
// cross-origin collector must list it in Access-Control-Expose-Headers.
function retryAfter(r) {
  try {
    const v = r.headers.get('Retry-After');
    if (!v) return 0;
    const ms = isNaN(Number(v)) ? Date.parse(v) - Date.now() : Number(v) * 1000;
    return ms > 0 ? Math.min(ms, MAX_WAIT_MS) : 0;
  } catch (e) {
    return 0;
  }
}

// -> { o: 'done' | 'drop' | 'retry', wait: ms the collector asked for }
function post(item) {
  const retry = () => ({ o: 'retry', wait: 0 });
  try {
    // text/plain keeps this a CORS "simple" request: no preflight, beacon-compatible.
    // No `keepalive`: Chromium keeps a keepalive request open past its abort (the
    // hung connection stays, holding the 64 KiB keepalive budget sendBeacon shares);
    // the pagehide beacon is what carries an answer past the end of the page.
    return fetchFn()(item.e, {
      method: 'POST',
      body: stringify(item.p),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
      credentials: 'omit',
      mode: 'cors',
    }, TIMEOUT_MS).then((r) => {
      const s = r.status;
      if (r.ok || s === 409) return { o: 'done', wait: 0 };
      if (s >= 400 && s < 500 && s !== 408 && s !== 429) return { o: 'drop', wait: 0, status: s };
      return { o: 'retry', wait: retryAfter(r) };
    }, retry); // network error, CORS failure or timeout
  } catch (e) {
    return NativePromise.resolve(retry());
  }
}

export async function flush() {
  if (busy) return;
  busy = true;
  try {
    const q = all();
    const now = Date.now();
    const paused = {}; // endpoints that failed in this pass
    for (let i = 0; i < q.length; i++) {
      const item = q[i];
      if (item.t > now || paused[item.e] === 1) continue;
      const outcome = await post(item);
      if (outcome.o === 'retry') {
        // 1 s, 2 s, 4 s ... capped at 5 min, with jitter so tabs do not stampede;
        // never sooner than the collector's Retry-After.
        const backoff = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, item.n)) * (0.8 + Math.random() * 0.4);
        const until = Date.now() + Math.max(backoff, outcome.wait);
        const asked = outcome.wait ? Date.now() + outcome.wait : 0;
        // Undelivered: what waits for this endpoint must now survive the page
        // (unless forget() removed it meanwhile: persist moves only what is there).
        persist((f) => f.e === item.e);
        // The whole endpoint waits: the other answers queued for it are not
        // sent in between (that would ignore Retry-After, or hammer a failing server).
        paused[item.e] = 1;
        const later = stored();
        for (let k = 0; k < later.length; k++) {
          const f = later[k];
          if (f.p.id === item.p.id) f.n = item.n + 1;
          if (f.e === item.e) {
            f.t = Math.max(f.t, until);
            f.w = Math.max(f.w || 0, asked);
          }
        }
        saveStored(later);
      } else {
        // Delivered (2xx/409), or refused (4xx: invalid, too big, origin not
        // allowed): retrying cannot help, and a refusal is reported, not silent.
        without(item.p.id);
        if (outcome.o === 'drop')
          fail(new Error('the collector refused a response of survey "' + item.p.survey + '" (HTTP ' + outcome.status + '); it is not sent again'));
      }
    }
  } catch (e) {
    fail(e); // to the onError hooks, never into the host page (callers do not catch)
  } finally {
    busy = false;
    schedule(all());
  }
}

function send(item) {
  // The collector asked for a pause (Retry-After): no beacon; the next page resends.
  if (item.w > Date.now()) return;
  try {
    navigator.sendBeacon(item.e, new Blob([stringify(item.p)], { type: 'text/plain;charset=UTF-8' }));
  } catch (e) {
    /* the next page load resends */
  }
}

// Beacons one queued payload now (the page is closing mid-answer). Its fate is
// unknown, so it is stored for the next page to resend.
export function beacon(payload) {
  persist((f) => f.p.id === payload.id);
  const q = stored();
  const i = find(q, payload.id);
  if (i >= 0) send(q[i]);
}

// The page is going away: hand what is left to the browser. Items stay queued
// (stored) because a beacon's fate is unknown; the next page resends and the
// collector drops the copy by its id.
addEventListener('pagehide', () => {
  persist();
  const q = stored();
  for (let i = 0; i < q.length; i++) send(q[i]);
});
// Hidden: a mobile browser may discard the page without a pagehide, so what is
// still being sent is stored now (and removed again if its request succeeds).
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'hidden') persist();
});
// Back online: what failed for want of a network is due now; a collector's own
// Retry-After still stands.
addEventListener('online', () => {
  const q = stored();
  for (let i = 0; i < q.length; i++) q[i].t = q[i].w || 0;
  saveStored(q);
  flush();
});
