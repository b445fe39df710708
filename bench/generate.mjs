#!/usr/bin/env node
// Writes a large, realistic NPS export for benchmarks (~80 bytes per row):
//
//   node bench/generate.mjs --rows 1000000 --out bench/data/1m.csv [--seed 1]
//
// Columns: response_id, submitted_at (ISO 8601 with an offset), score (0-10; ~2%
// blank, ~0.1% malformed), comment (~40% empty; some quoted, with commas or
// doubled quotes), and three segment columns: country, plan, channel.
// Deterministic for a given --rows and --seed. Streams 1 MB blocks to the file.
// Also writes <out>.expected.json: the counts the generator meant (rows, overall
// histogram, per-segment and per-month counts; months by UTC instant).
import { openSync, writeSync, closeSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

function arg(name, def) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
}
const ROWS = Number(arg('rows', '1000000'));
const OUT = arg('out', `bench/data/${ROWS}.csv`);
const SEED = Number(arg('seed', '1'));
if (!Number.isInteger(ROWS) || ROWS < 0) throw new Error('--rows must be a whole number');

// xorshift32: fast and deterministic.
let st = (SEED * 2654435761) >>> 0 || 1;
function rnd() {
  st ^= st << 13; st >>>= 0;
  st ^= st >>> 17;
  st ^= st << 5; st >>>= 0;
  return st / 4294967296;
}
const ri = (n) => Math.floor(rnd() * n);

// Weighted tables expanded into arrays for O(1) picks.
function table(items) {
  const out = [];
  for (const [v, w] of items) for (let i = 0; i < w; i++) out.push(v);
  return out;
}
const COUNTRIES = table([['US', 30], ['DE', 15], ['GB', 14], ['FR', 9], ['CA', 8], ['AU', 7], ['NL', 6], ['BR', 6], ['IN', 5]]);
const PLANS = table([['Free', 35], ['Plus', 35], ['Premium', 20], ['Business', 10]]);
const CHANNELS = table([['Web', 45], ['iOS app', 20], ['Android app', 17], ['Marketplace', 18]]);
const OFFSET = { US: [-300, '-05:00'], CA: [-300, '-05:00'], BR: [-180, '-03:00'], GB: [0, 'Z'], DE: [60, '+01:00'], FR: [60, '+01:00'], NL: [60, '+01:00'], IN: [330, '+05:30'], AU: [600, '+10:00'] };
// Scores by mood: 0 = normal, 1 = unhappy (Marketplace channel).
const SCORES = [
  table([[0, 3], [1, 2], [2, 2], [3, 3], [4, 3], [5, 5], [6, 6], [7, 10], [8, 16], [9, 22], [10, 28]]),
  table([[0, 8], [1, 4], [2, 5], [3, 6], [4, 6], [5, 8], [6, 9], [7, 11], [8, 12], [9, 10], [10, 9]]),
];
const COMMENTS = [
  ['', '', '', '', '', '', 'ok', 'Good overall'],
  ['Great support, solved my issue fast', 'Fast delivery and well packed', 'Love it, I use it every single day', 'Easy to use, good value for money',
    '"Fast, friendly, and fair prices"', 'Works well and the app is quick 👍', 'Checkout was quick, no hassle at all'],
  ['Too expensive since the price change', 'Delivery was late and nobody told me', 'The app keeps crashing at checkout',
    '"Late again, no tracking number"', 'Support never answered my emails', '"They said ""soon"", it never came"'],
];
// Written as CSV cells: quoted where a comma or quote needs it.
for (const pool of COMMENTS) pool.forEach((c, i) => { if (!c.startsWith('"') && /[",]/.test(c)) pool[i] = `"${c.replace(/"/g, '""')}"`; });
const BAD = ['n/a', '11', '9.5', 'ten'];

const pad2 = (n) => (n < 10 ? '0' : '') + n;
const TWO = Array.from({ length: 60 }, (_, i) => pad2(i));
const YEAR = 2025;
const DAY_PREFIX = []; // "2025-MM-DDT" for day-of-year 0..364
const DAY_MONTH = []; // "2025-MM"
for (let d = 0; d < 365; d++) {
  const dt = new Date(Date.UTC(YEAR, 0, 1 + d));
  DAY_MONTH.push(dt.toISOString().slice(0, 7));
  DAY_PREFIX.push(dt.toISOString().slice(0, 10) + 'T');
}

const hist = () => new Array(11).fill(0);
const exp = { read: 0, valid: 0, blank: 0, rejected: 0, hist: hist(), seg: { country: {}, plan: {}, channel: {} }, months: {} };
const bump = (obj, key, s) => (obj[key] ??= hist())[s]++;

mkdirSync(dirname(OUT), { recursive: true });
const fd = openSync(OUT, 'w');
let buf = 'response_id,submitted_at,score,comment,country,plan,channel\n';
let bytes = 0;
const t0 = performance.now();
for (let i = 0; i < ROWS; i++) {
  const country = COUNTRIES[ri(COUNTRIES.length)];
  const plan = PLANS[ri(PLANS.length)];
  const channel = CHANNELS[ri(CHANNELS.length)];
  const day = ri(365), h = ri(24), m = ri(60), s = ri(60);
  const [offMin, offText] = OFFSET[country];
  const mood = channel === 'Marketplace' ? 1 : 0;
  const score = SCORES[mood][ri(SCORES[mood].length)];
  const r = rnd();
  let cell;
  exp.read++;
  if (r < 0.02) { cell = ''; exp.blank++; }
  else if (r < 0.021) { cell = BAD[ri(BAD.length)]; exp.rejected++; }
  else {
    cell = score;
    exp.valid++;
    exp.hist[score]++;
    bump(exp.seg.country, country, score);
    bump(exp.seg.plan, plan, score);
    bump(exp.seg.channel, channel, score);
    // Month of the UTC instant: local wall time minus the offset.
    const utcSec = day * 86400 + h * 3600 + m * 60 + s - offMin * 60;
    const ud = Math.floor(utcSec / 86400);
    const month = ud < 0 ? `${YEAR - 1}-12` : ud >= 365 ? `${YEAR + 1}-01` : DAY_MONTH[ud];
    bump(exp.months, month, score);
  }
  const pool = rnd() < 0.3 ? 0 : score >= 7 ? 1 : 2;
  const comment = COMMENTS[pool][ri(COMMENTS[pool].length)];
  buf += `R${100000000 + i},${DAY_PREFIX[day]}${TWO[h]}:${TWO[m]}:${TWO[s]}${offText},${cell},${comment},${country},${plan},${channel}\n`;
  if (buf.length > 1 << 20) {
    bytes += writeSync(fd, buf);
    buf = '';
  }
}
bytes += writeSync(fd, buf);
closeSync(fd);

const summarize = (h) => {
  const n = h.reduce((a, b) => a + b, 0);
  const promoters = h[9] + h[10], passives = h[7] + h[8];
  return { n, promoters, passives, detractors: n - promoters - passives, histogram: h };
};
const segs = {};
for (const [col, m] of Object.entries(exp.seg)) segs[col] = Object.entries(m).map(([value, h]) => ({ value, ...summarize(h) })).sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1));
writeFileSync(`${OUT}.expected.json`, JSON.stringify({
  file: OUT, rows: { read: exp.read, valid: exp.valid, blank_score: exp.blank, rejected: exp.rejected },
  overall: summarize(exp.hist), segments: segs,
  trend: Object.keys(exp.months).sort().map((period) => ({ period, ...summarize(exp.months[period]) })),
}, null, 1) + '\n');
const ms = performance.now() - t0;
console.error(`${OUT}: ${ROWS} rows, ${(bytes / 1e6).toFixed(1)} MB (${(bytes / Math.max(ROWS, 1)).toFixed(1)} B/row) in ${(ms / 1000).toFixed(2)} s`);
