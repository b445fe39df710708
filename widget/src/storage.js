// localStorage / sessionStorage that never throws: private modes, disabled
// cookies and full quotas fall back to memory for this page's lifetime.
import { parse, stringify } from './env.js';

const memory = { local: {}, session: {} };
const stale = {}; // keys whose last write failed: memory holds the truth
const areas = {};

function area(kind) {
  if (kind in areas) return areas[kind];
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
    raw = s && !stale[kind + key] ? s.getItem('npskit:' + key) : memory[kind][key];
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
    if (s) s.setItem('npskit:' + key, raw);
    delete stale[kind + key];
  } catch (e) {
    stale[kind + key] = 1; // quota or private mode: the memory copy stands in
  }
}

export function remove(key, kind = 'local') {
  delete memory[kind][key];
  try {
    const s = area(kind);
    if (s) s.removeItem('npskit:' + key);
  } catch (e) {
    /* nothing to do */
  }
}
