// A seeded PRNG for the data generators (tests/data fixtures, examples/sample):
// the same seed gives the same data on every machine and Node version.

// mulberry32: small, fast, deterministic across Node versions.
export function makeRng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), // inclusive
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    weighted(items) {
      // items: [[value, weight], ...]
      let total = 0;
      for (const [, w] of items) total += w;
      let r = next() * total;
      for (const [v, w] of items) {
        if ((r -= w) < 0) return v;
      }
      return items[items.length - 1][0];
    },
    hex: (len) => {
      let s = '';
      for (let i = 0; i < len; i++) s += '0123456789abcdef'[Math.floor(next() * 16)];
      return s;
    },
    token: (len) => {
      const abc = 'abcdefghijklmnopqrstuvwxyz0123456789';
      let s = '';
      for (let i = 0; i < len; i++) s += abc[Math.floor(next() * abc.length)];
      return s;
    },
    uuid: () => {
      const h = rng.hex(32);
      const v = '89ab'[Math.floor(next() * 4)];
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${v}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
  return rng;
}
