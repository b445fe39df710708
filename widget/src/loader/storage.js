// localStorage / sessionStorage that never throws: private modes, disabled
// cookies and full quotas fall back to memory for this page's lifetime. The
// 'memory' kind never touches Web Storage (data that must not outlive the page).
// Every key is prefixed "npskit:"; forget() removes them all.
import { parse, stringify } from './env.js';

const PREFIX = 'npskit:';
const memory = { local: {}, session: {}, memory: {} };
const stale = {}; // keys whose last write failed: memory holds the truth
const areas = {};

function area(kind) {
  if (kind in areas) return areas[kind];
  if (kind === 'memory') return (areas[kind] = null);
  try {
    const s = kind === 'session' ? window.sessionStorage : window.localStorage;
    const probe = 'npskit:probe';
    s.setItem(probe, '1');
    s.removeItem(probe);
    return (areas[kind] = s);
  } catch (e) {
    return (areas[kind] = null);
  }
}

export function read(key, kind = 'local') {
  let raw;
  try {
    const s = area(kind);
    raw = s && !stale[kind + key] ? s.getItem(PREFIX + key) : memory[kind][key];
  } catch (e) {
    raw = memory[kind][key];
  }
  if (raw == null) return null;
  try {
    return parse(raw);
  } catch (e) {
    return null;
  }
}

export function write(key, value, kind = 'local') {
  const raw = stringify(value);
  memory[kind][key] = raw;
  try {
    const s = area(kind);
    if (s) s.setItem(PREFIX + key, raw);
    delete stale[kind + key];
  } catch (e) {
    stale[kind + key] = 1; // quota or private mode: the memory copy stands in
  }
}

export function remove(key, kind = 'local') {
  delete memory[kind][key];
  try {
    const s = area(kind);
    if (s) s.removeItem(PREFIX + key);
  } catch (e) {
    /* nothing to do */
  }
}

// npskit.forget(): everything the widget keeps in this browser for this site
// (queued answers, survey history, the anonymous id, tab lease, page views), in
// both storage areas and in memory. Keys are listed first, then removed (removing
// while iterating would skip some).
export function forget() {
  for (const kind in memory) memory[kind] = {};
  const kinds = ['local', 'session'];
  for (let k = 0; k < kinds.length; k++) {
    try {
      const s = area(kinds[k]);
      if (!s) continue;
      const keys = [];
      for (let i = 0; i < s.length; i++) {
        const key = s.key(i);
        if (typeof key === 'string' && key.indexOf(PREFIX) === 0) keys[keys.length] = key;
      }
      for (let i = 0; i < keys.length; i++) s.removeItem(keys[i]);
    } catch (e) {
      /* storage unavailable: the memory copies are gone already */
    }
  }
  for (const k in stale) delete stale[k];
}
