// Delivery to the site's collector: a persistent queue (survives reloads),
// retries with exponential backoff, sendBeacon when the page goes away. Every
// payload carries its idempotency key (payload.id), so resending after a lost
// reply or a beacon of unknown fate is safe: the collector drops duplicates.
import { fetchFn, stringify } from './shared.js';
import { read, write } from './shared.js';

const KEY = 'queue';
const MAX_ITEMS = 50;
const MAX_DELAY_MS = 5 * 60 * 1000;
let timer = 0;
let busy = false;

const list = () => {
  const q = read(KEY);
  return q && q.length >= 0 ? q : [];
};

function save(q) {
  write(KEY, q);
}

function without(id) {
  const q = list();
  const keep = [];
  for (let i = 0; i < q.length; i++) if (q[i].p.id !== id) keep[keep.length] = q[i];
  save(keep);
}

export function enqueue(payload, endpoint) {
  const q = list();
  for (let i = 0; i < q.length; i++) if (q[i].p.id === payload.id) return flush();
  q[q.length] = { p: payload, e: endpoint, n: 0, t: 0 };
  // A bounded queue: the oldest answers give way if a collector stays down for long.
  save(q.length > MAX_ITEMS ? q.slice(q.length - MAX_ITEMS) : q);
  return flush();
}

function schedule(q) {
  clearTimeout(timer);
  let next = Infinity;
  for (let i = 0; i < q.length; i++) next = Math.min(next, q[i].t);
  if (next < Infinity) timer = setTimeout(flush, Math.max(0, next - Date.now()));
}

function post(item) {
  // text/plain keeps this a CORS "simple" request: no preflight, beacon-compatible.
  return fetchFn()(item.e, {
    method: 'POST',
    body: stringify(item.p),
    headers: { 'Content-Type': 'text/plain;charset=UTF-8' },
    credentials: 'omit',
    keepalive: true,
    mode: 'cors',
  }).then(
    (r) => (r.ok || r.status === 409 ? 'done' : r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429 ? 'drop' : 'retry'),
    () => 'retry'
  );
}

export async function flush() {
  if (busy) return;
  busy = true;
  try {
    const q = list();
    const now = Date.now();
    for (let i = 0; i < q.length; i++) {
      const item = q[i];
      if (item.t > now) continue;
      const outcome = await post(item);
      if (outcome === 'retry') {
        // 1 s, 2 s, 4 s ... capped at 5 min, with jitter so tabs do not stampede.
        const delay = Math.min(MAX_DELAY_MS, 1000 * Math.pow(2, item.n)) * (0.8 + Math.random() * 0.4);
        const fresh = list();
        for (let k = 0; k < fresh.length; k++)
          if (fresh[k].p.id === item.p.id) {
            fresh[k].n = item.n + 1;
            fresh[k].t = Date.now() + delay;
          }
        save(fresh);
      } else {
        // Delivered (2xx/409), or refused as invalid (4xx): retrying cannot help.
        without(item.p.id);
      }
    }
  } finally {
    busy = false;
    schedule(list());
  }
}

function send(item) {
  try {
    navigator.sendBeacon(item.e, new Blob([stringify(item.p)], { type: 'text/plain;charset=UTF-8' }));
  } catch (e) {
    /* the next page load resends */
  }
}

// Beacons one queued payload now (the page is closing mid-answer).
export function beacon(payload) {
  const q = list();
  for (let i = 0; i < q.length; i++) if (q[i].p.id === payload.id) send(q[i]);
}

// The page is going away: hand what is left to the browser. Items stay queued
// because a beacon's fate is unknown; the next page resends and the collector
// drops the copy by its id.
addEventListener('pagehide', () => {
  const q = list();
  for (let i = 0; i < q.length; i++) send(q[i]);
});
addEventListener('online', () => flush());
