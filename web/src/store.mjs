// Everything the dashboard remembers lives in localStorage on this machine:
// column choices per header layout, annotations, follow-ups, references, goal.
// Never the imported data itself.

const PREFIX = 'npskit.';

function read(key, fallback) {
  try {
    const v = localStorage.getItem(PREFIX + key);
    return v == null ? fallback : JSON.parse(v);
  } catch {
    return fallback; // storage disabled (file:// in some browsers) or corrupt
  }
}
/** A stored list, keeping only the entries of the expected shape (storage may hold anything). */
function list(key, ok) {
  const v = read(key, []);
  return Array.isArray(v) ? v.filter((x) => x != null && ok(x)) : [];
}
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
function write(key, value) {
  try { localStorage.setItem(PREFIX + key, JSON.stringify(value)); } catch { /* quota or disabled */ }
}

/** A stable key for a header layout: the sorted column names, hashed (FNV-1a). */
export function layoutKey(columns) {
  let h = 0x811c9dc5;
  for (const ch of [...columns].sort().join('\u0001')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16);
}

export const columnChoice = {
  get: (columns) => { const v = read('columns.' + layoutKey(columns), null); return isObject(v) ? v : null; },
  set: (columns, choice) => write('columns.' + layoutKey(columns), choice),
  clear: (columns) => { try { localStorage.removeItem(PREFIX + 'columns.' + layoutKey(columns)); } catch {} },
};

export const annotations = {
  all: () => list('annotations', (a) => typeof a.date === 'string' && typeof a.label === 'string'),
  add: (a) => write('annotations', [...annotations.all(), a]),
  remove: (i) => write('annotations', annotations.all().filter((_, j) => j !== i)),
};

export const followUps = {
  all: () => new Set(list('followups', (k) => typeof k === 'string')),
  set(key, done) {
    const s = followUps.all();
    if (done) s.add(key); else s.delete(key);
    write('followups', [...s]);
  },
};

export const references = {
  all: () => list('references', (r) => typeof r.name === 'string' && Number.isFinite(r.nps)),
  add: (r) => write('references', [...references.all(), r]),
  remove: (i) => write('references', references.all().filter((_, j) => j !== i)),
};

export const goal = { get: () => { const g = read('goal', null); return Number.isFinite(g) ? g : null; }, set: (g) => write('goal', g) };
export const benchmarkPick = { get: () => { const i = read('benchmark', null); return Number.isInteger(i) ? i : null; }, set: (i) => write('benchmark', i) };

// The user's theme edits, in order, as entries of the core's theme JSON
// (docs/comments.md): add {name, label, terms}, rename {name, label}, merge
// {name: into, terms} + {name: from, remove: true}, remove {name, remove: true}.
export const userThemes = {
  all: () => { const v = read('themes', []); return Array.isArray(v) ? v.filter((x) => x && typeof x.name === 'string') : []; },
  /** The document sent as the `themes` query option, or undefined when there are no edits. */
  doc: () => { const themes = userThemes.all(); return themes.length ? { themes } : undefined; },
  add: (...entries) => write('themes', [...userThemes.all(), ...entries]),
  undo: () => write('themes', userThemes.all().slice(0, -1)),
  clear: () => { try { localStorage.removeItem(PREFIX + 'themes'); } catch {} },
};
