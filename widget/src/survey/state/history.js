// What this browser remembers per survey and across surveys, for the fatigue
// rules (decided in C++): answered/dismissed times, unanswered impressions, the
// global cooldown, and the anonymous id used for sticky sampling.
import { randomHex } from '../borrowed.js';
import { read, write } from '../borrowed.js';

export function historyOf(id) {
  const h = read('h:' + id) || {};
  const g = read('g') || {};
  return {
    respondedAt: num(h.respondedAt),
    dismissedAt: num(h.dismissedAt),
    impressions: num(h.impressions, 0),
    lastAnyAt: num(g.lastAnyAt),
  };
}

function num(v, fallback = -1) {
  return typeof v === 'number' && isFinite(v) ? v : fallback;
}

function update(id, fn) {
  const h = read('h:' + id) || {};
  fn(h);
  write('h:' + id, h);
}

export function recordImpression(id) {
  update(id, (h) => (h.impressions = num(h.impressions, 0) + 1));
}

export function recordOutcome(id, kind, now) {
  update(id, (h) => {
    if (kind === 'answered') {
      h.respondedAt = now;
      h.impressions = 0;
    } else {
      h.dismissedAt = now;
    }
  });
  write('g', { lastAnyAt: now });
}

// The core's verdict that nothing will change before `until` lets the loader
// skip fetching the UI and core on later pages (api.js storedVerdict). `key`
// ties it to the config and sampling key it was computed from. A URL verdict
// holds for the addresses listed (the last 20), not for the whole site.
const URLS = 20;
export function blockUntil(id, until, reason, key) {
  update(id, (h) => {
    const urls = h.why === 'url' && h.key === key && h.urls ? h.urls : [];
    h.until = until;
    h.why = reason;
    h.key = key;
    if (reason === 'url') {
      urls[urls.length] = location.href;
      h.urls = urls.length > URLS ? urls.slice(urls.length - URLS) : urls;
    } else delete h.urls;
  });
}

export function anonymousId() {
  let a = read('anon');
  if (typeof a !== 'string') write('anon', (a = randomHex(16)));
  return a;
}
