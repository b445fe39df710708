// JSON of our own, for what the widget stores and sends to the core. A host page
// may have replaced JSON.parse/stringify, added Array.prototype.toJSON (Prototype.js)
// or polluted Object.prototype: this writer reads own enumerable properties only and
// never calls toJSON; the reader builds prototype-free objects (Object.create(null)),
// so a polluted prototype adds nothing. No hidden frame is needed, which keeps the
// loader's start-up cheap on every page view.
const MAX_DEPTH = 32;
const isArray = Array.isArray;
const keysOf = Object.keys;
const str = String;

// Escapes quotes, backslashes, control characters and lone surrogates (not valid
// UTF-8); a proper surrogate pair passes through.
const quote = (s) =>
  '"' + s.replace(/[\ud800-\udbff][\udc00-\udfff]|["\\\u0000-\u001f\ud800-\udfff]/g, (c) =>
    c.length > 1 ? c : c === '"' || c === '\\' ? '\\' + c : '\\u' + (c.charCodeAt(0) + 0x10000).toString(16).slice(1)) + '"';

function write(v, depth) {
  if (depth > MAX_DEPTH) throw new Error('npskit: value nested too deeply');
  if (v === null) return 'null';
  const t = typeof v;
  if (t === 'string') return quote(v);
  if (t === 'number') return isFinite(v) ? str(v) : 'null';
  if (t === 'boolean') return v ? 'true' : 'false';
  if (t !== 'object') return undefined; // functions, undefined, symbols: left out, as JSON does
  let out;
  if (isArray(v)) {
    out = '[';
    for (let i = 0; i < v.length; i++) {
      const x = write(v[i], depth + 1);
      out += (i ? ',' : '') + (x === undefined ? 'null' : x);
    }
    return out + ']';
  }
  out = '{';
  const keys = keysOf(v);
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const x = write(v[keys[i]], depth + 1);
    if (x === undefined) continue;
    out += (first ? '' : ',') + quote(keys[i]) + ':' + x;
    first = false;
  }
  return out + '}';
}

export function toJson(v) {
  return write(v, 0);
}

// A strict reader (throws on anything that is not JSON); linear time. One sticky
// regular expression cuts the tokens; objects come out prototype-free.
const TOKEN = /\s*(?:([[\]{},:])|"((?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*)"|(-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false|null))/y;
const ESC = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

export function fromJson(text) {
  const s = str(text);
  let t;
  const next = () => {
    t = TOKEN.exec(s);
    if (!t) throw new Error('npskit: bad JSON at ' + TOKEN.lastIndex);
  };
  const value = (depth) => {
    if (depth > MAX_DEPTH) throw new Error('npskit: JSON nested too deeply');
    next();
    if (t[2] !== undefined) return t[2].replace(/\\(u....|.)/g, (_, e) => (e.length > 1 ? String.fromCharCode(parseInt(e.slice(1), 16)) : ESC[e] || e));
    if (t[3] !== undefined) return +t[3];
    if (t[4]) return t[4] === 'null' ? null : t[4] === 'true';
    const open = t[1];
    if (open !== '[' && open !== '{') return next(), fail();
    const out = open === '[' ? [] : Object.create(null);
    const close = open === '[' ? ']' : '}';
    for (let n = 0; ; n++) {
      const at = TOKEN.lastIndex;
      next();
      if (t[1] === close && n === 0) return out;
      TOKEN.lastIndex = at;
      if (open === '[') out[out.length] = value(depth + 1);
      else {
        const k = value(depth + 1);
        next();
        if (typeof k !== 'string' || t[1] !== ':') fail();
        out[k] = value(depth + 1);
      }
      next();
      if (t[1] === close) return out;
      if (t[1] !== ',') fail();
    }
  };
  const fail = () => {
    throw new Error('npskit: bad JSON at ' + TOKEN.lastIndex);
  };
  TOKEN.lastIndex = 0;
  const v = value(0);
  if (/\S/.test(s.slice(TOKEN.lastIndex))) fail();
  return v;
}
