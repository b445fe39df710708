// The queue of answers not yet delivered, in two areas: memory ('fresh': being
// sent for the first time) and localStorage ('queue': must survive the page).
//
// Privacy at rest (docs/widget.md, "What the widget stores"): a new answer is
// first held in memory only (the storage helper's 'memory' kind) and sent at
// once; delivered there, it never touches Web Storage. It is written to
// localStorage only while it is undelivered and must survive the page: after a
// failed attempt, behind a paused endpoint, or when the page is hidden or closed
// mid-send. It leaves storage as soon as it is delivered (or refused), and at
// the latest MAX_AGE_MS after it was answered (payload.ts), delivered or not.
// Sending (retries, beacons) is send.js's job; this file only keeps the items.
import { fail, read, remove, write } from '../borrowed.js';

const KEY = 'queue'; // localStorage "npskit:queue": undelivered answers that must survive the page
const FRESH = 'fresh'; // memory only: answers being sent for the first time
const MAX_ITEMS = 50;
// An answer still undelivered this long after it was given is dropped unsent
// (from memory and storage): a collector down for a week, or a visitor who never
// comes back, must not leave a comment or an e-mail address in the browser for good.
const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

// Queue items: { p: payload, e: endpoint, n: failed attempts, t: not before (ms,
// backoff or Retry-After), w: not before as the collector itself asked (Retry-After) }.
// Nothing else is kept: the payload is what is sent, the rest schedules it.
const alive = (it, now) => {
  const at = it && it.p && typeof it.p.ts === 'string' ? Date.parse(it.p.ts) : NaN;
  return Math.abs(now - at) < MAX_AGE_MS && typeof it.e === 'string' && typeof it.p.id === 'string';
};

// One area's items, without the expired or unreadable ones (which are removed
// from that area as they are found).
function items(key, kind) {
  const q = read(key, kind);
  const now = Date.now();
  const keep = [];
  if (!q || !(q.length >= 0)) {
    if (q != null) remove(key, kind);
    return keep;
  }
  for (let i = 0; i < q.length; i++) if (alive(q[i], now)) keep[keep.length] = q[i];
  if (keep.length !== q.length) {
    put(key, kind, keep);
    // Said, not silent: the site's onError / `error` event hears of answers lost to age.
    fail(new Error((q.length - keep.length) + ' undelivered response(s) older than 7 days (or unreadable) were dropped unsent'));
  }
  return keep;
}

// An empty queue leaves no key behind. A bounded queue: the oldest answers give
// way if a collector stays down for long.
function put(key, kind, q) {
  if (q.length) write(key, q.length > MAX_ITEMS ? q.slice(q.length - MAX_ITEMS) : q, kind);
  else remove(key, kind);
}

export const stored = () => items(KEY, 'local');
const fresh = () => items(FRESH, 'memory');
export function all() {
  const q = stored();
  const f = fresh();
  for (let i = 0; i < f.length; i++) q[q.length] = f[i];
  return q;
}
export const find = (q, id) => {
  for (let i = 0; i < q.length; i++) if (q[i].p.id === id) return i;
  return -1;
};

// Applies `fn` to the item with this id wherever it is (memory or storage).
function update(id, fn) {
  const areas = [[KEY, 'local'], [FRESH, 'memory']];
  for (let a = 0; a < areas.length; a++) {
    const q = items(areas[a][0], areas[a][1]);
    const i = find(q, id);
    if (i >= 0) {
      fn(q, i);
      put(areas[a][0], areas[a][1], q);
    }
  }
}

export function without(id) {
  update(id, (q, i) => {
    for (let k = i; k < q.length - 1; k++) q[k] = q[k + 1];
    q.length--;
  });
}

// Memory -> localStorage for the items `which` selects (all by default): these
// answers must now outlive this page.
export function persist(which) {
  const f = fresh();
  if (!f.length) return;
  const q = stored();
  const keep = [];
  for (let i = 0; i < f.length; i++) {
    if (which && !which(f[i])) keep[keep.length] = f[i];
    else if (find(q, f[i].p.id) < 0) q[q.length] = f[i];
  }
  put(KEY, 'local', q);
  put(FRESH, 'memory', keep);
}

// Adds a new answer (unless one with its id is queued) and says whether it was added.
// An endpoint that is failing or asked us to wait is left alone until then, new
// answers included: such an answer is undelivered for a while, so it is stored at once.
export function add(payload, endpoint) {
  const q = all();
  if (find(q, payload.id) >= 0) return false;
  const item = { p: payload, e: endpoint, n: 0, t: 0, w: 0 };
  for (let i = 0; i < q.length; i++)
    if (q[i].e === endpoint) {
      item.t = Math.max(item.t, q[i].t);
      item.w = Math.max(item.w, q[i].w || 0);
    }
  if (item.t > Date.now()) {
    const s = stored();
    s[s.length] = item;
    put(KEY, 'local', s);
  } else {
    const f = fresh();
    f[f.length] = item;
    put(FRESH, 'memory', f);
  }
  return true;
}

// The stored area, rewritten (after a failed attempt moved its items' times).
export const saveStored = (q) => put(KEY, 'local', q);
