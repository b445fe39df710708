// Everything the dashboard remembers lives in localStorage on this machine:
// column choices per header layout, annotations, follow-ups, references, goal.
// Never the imported data itself: follow-ups are keyed by a salted hash of the
// row's identity, column choices by column position (tests/dashboard/privacy.test.mjs
// checks that no imported value reaches localStorage, sessionStorage or IndexedDB).

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

// A column choice names columns of the file ({score: "Q1", segments: ["Plan"]}):
// stored as their positions in the header layout, and named again when read.
function choiceToPositions(columns, choice) {
  const at = (name) => columns.indexOf(name);
  const out = {};
  for (const [k, v] of Object.entries(choice ?? {})) {
    if (v === '') out[k] = ''; // "none": not a column name
    else if (typeof v === 'string' && at(v) >= 0) out[k] = { col: at(v) };
    else if (Array.isArray(v)) out[k] = v.filter((n) => at(n) >= 0).map((n) => ({ col: at(n) }));
    else if (v === null || typeof v === 'boolean' || typeof v === 'number') out[k] = v;
  }
  return out;
}
function choiceFromPositions(columns, stored) {
  // A plain string is a name stored by an earlier version: read as is (the core refuses
  // a missing one, and the choice is then forgotten); columnChoice.get rewrites it.
  const name = (p) => (typeof p === 'string' ? p : p && Number.isInteger(p.col) && p.col >= 0 && p.col < columns.length ? columns[p.col] : undefined);
  const out = {};
  for (const [k, v] of Object.entries(stored)) {
    if (Array.isArray(v)) out[k] = v.map(name).filter((n) => n !== undefined);
    else if (isObject(v) || typeof v === 'string') { const n = name(v); if (n !== undefined) out[k] = n; }
    else if (v === null || typeof v === 'boolean' || typeof v === 'number') out[k] = v;
  }
  return out;
}

export const columnChoice = {
  /** Whether any choice is remembered (else the header need not be read before the parse). */
  any() {
    try {
      for (let i = 0; i < localStorage.length; i++) if (localStorage.key(i)?.startsWith(PREFIX + 'columns.')) return true;
    } catch { /* storage disabled */ }
    return false;
  },
  get(columns) {
    const v = read('columns.' + layoutKey(columns), null);
    if (!isObject(v)) return null;
    const choice = choiceFromPositions(columns, v);
    const names = Object.values(choice).flat().filter((n) => typeof n === 'string' && n !== '');
    // Names stored plainly by an earlier version: store positions instead, when they all fit.
    if (JSON.stringify(v) !== JSON.stringify(choiceToPositions(columns, choice)) && names.every((n) => columns.includes(n)))
      write('columns.' + layoutKey(columns), choiceToPositions(columns, choice));
    return choice;
  },
  set: (columns, choice) => write('columns.' + layoutKey(columns), choiceToPositions(columns, choice)),
  clear: (columns) => { try { localStorage.removeItem(PREFIX + 'columns.' + layoutKey(columns)); } catch {} },
};

export const annotations = {
  all: () => list('annotations', (a) => typeof a.date === 'string' && typeof a.label === 'string'),
  add: (a) => write('annotations', [...annotations.all(), a]),
  remove: (i) => write('annotations', annotations.all().filter((_, j) => j !== i)),
};

// Follow-ups are remembered by a salted hash of the row's identity (its id,
// e-mail or file:line), never the identity itself. The salt is random per
// browser profile, so equal addresses do not give equal keys elsewhere; it hides
// addresses from a reader of storage, though anyone holding the salt can test a
// guess. Keys stored plainly by earlier versions are dropped when read.
function salt() {
  let s = read('salt', null);
  if (typeof s !== 'string' || !/^[0-9a-f]{32}$/.test(s)) {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    s = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    write('salt', s);
  }
  return s;
}
/** 64 bits of a string, as two 32-bit lanes mixed per UTF-16 unit (not cryptographic). */
function hash64(text) {
  let a = 0x9e3779b9 ^ text.length, b = 0x85ebca6b;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x2c1b3c6d);
    b = Math.imul(b ^ c, 0x297a2d39);
    a ^= a >>> 15;
    b ^= b >>> 13;
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b) ^ Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b) ^ Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
const FOLLOW_UP_KEY = /^h:[0-9a-f]{16}$/;

export const followUps = {
  /** The stored key of a row identity such as "email:ann@example.com". */
  key: (identity) => 'h:' + hash64(salt() + '\u0000' + identity),
  all() {
    const stored = list('followups', (k) => typeof k === 'string');
    const kept = stored.filter((k) => FOLLOW_UP_KEY.test(k));
    if (kept.length !== stored.length) write('followups', kept); // forget plain identities of old versions
    return new Set(kept);
  },
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
