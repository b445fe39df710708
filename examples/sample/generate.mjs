#!/usr/bin/env node
// Writes the bundled sample dataset examples/sample/responses.csv: ~5,000 NPS
// responses of "Acme", a fictional online shop with paid membership plans, over
// 2025-01..2025-12, and examples/sample/expected.json, the numbers the generator
// meant (from its own bookkeeping, never by reading the CSV back).
//
// The story the data tells (so a demo has something to find):
//  - June 2025: Plus/Premium/Business prices go up. NPS dips sharply in June,
//    recovers over July-September; detractor comments talk about the price.
//  - Channel "Marketplace" (orders through third-party marketplaces) is clearly
//    worse all year: late deliveries and no tracking.
//  - A small steady improvement in Q4 (a support team revamp).
//  - ~3% blank scores (unanswered) and a handful of malformed rows.
//
//   node examples/sample/generate.mjs          # (re)writes the files
//   node examples/sample/generate.mjs --check  # fails if a file would change
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../../scripts/lib/seeded-rng.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHECK = process.argv.includes('--check');

const rng = makeRng(2025);

// --- the company ----------------------------------------------------------------
const SCORE = 'How likely are you to recommend Acme to a friend or colleague?';
const REASON = 'What is the main reason for your score?';
const HEADER = ['Response ID', 'Email', 'Submitted At', SCORE, REASON, 'Country', 'Plan', 'Channel'];

const MONTHLY = [380, 360, 390, 400, 410, 430, 420, 390, 400, 420, 480, 500]; // responses per month

// Country: weight, UTC offset in minutes for [winter, summer] and the DST window (UTC ms).
const EU_DST = [Date.UTC(2025, 2, 30, 1), Date.UTC(2025, 9, 26, 1)];
const US_DST = [Date.UTC(2025, 2, 9, 7), Date.UTC(2025, 10, 2, 6)];
const AU_STD = [Date.UTC(2025, 3, 5, 16), Date.UTC(2025, 9, 4, 16)]; // AEST between, AEDT outside
const COUNTRIES = [
  ['US', 30, [-300, -240], US_DST],
  ['GB', 14, [0, 60], EU_DST],
  ['DE', 16, [60, 120], EU_DST],
  ['FR', 9, [60, 120], EU_DST],
  ['NL', 6, [60, 120], EU_DST],
  ['CA', 8, [-300, -240], US_DST],
  ['AU', 7, [660, 600], AU_STD],
  ['BR', 5, [-180, -180], null],
  ['IN', 5, [330, 330], null],
];
const PLANS = [['Free', 35], ['Plus', 35], ['Premium', 20], ['Business', 10]];
const CHANNELS = [['Web', 45], ['iOS app', 20], ['Android app', 17], ['Marketplace', 18]];

// How happy a response is, from its context (> 0 happier, < 0 unhappier).
function mood({ month, plan, channel, country }) {
  let m = 0.15;
  if (plan !== 'Free') m += [0, 0, 0, 0, 0, -1.1, -0.6, -0.3, -0.1, 0, 0, 0][month - 1];
  if (channel === 'Marketplace') m -= 0.8;
  if (plan === 'Business') m += 0.25;
  if (plan === 'Free') m -= 0.2;
  if (country === 'BR') m -= 0.2;
  if (month >= 10) m += 0.2;
  return m;
}
function drawScore(m) {
  const base = [3, 1.5, 2, 2.5, 3, 5, 6, 10, 16, 22, 29];
  return rng.weighted(base.map((w, s) => [s, w * Math.exp((m * (s - 7)) / 3)]));
}
const categoryOf = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');

const THEMES = {
  promoter: {
    support: ['Support was great, sorted my problem in minutes', 'Really helpful support team 🙌', 'Chat support answered right away, thanks Maria!', 'Support fixed a billing mix-up without any fuss'],
    delivery: ['Fast delivery, arrived a day early', 'Next-day delivery as promised 📦', 'Quick shipping and great packaging'],
    product: ['Great quality, exactly as described', 'Love the products, will order again', 'Best online shop I use, hands down', 'Everything just works 👍'],
    value: ['Great value for money', 'Membership pays for itself with free shipping', 'Good prices, fair returns policy'],
    app: ['The app is quick and easy to use', 'Reordering in the app takes 10 seconds', 'Clean app, easy checkout'],
  },
  passive: {
    price: ['Good, but prices went up', 'Fine, a bit expensive for what it is', 'Service is OK, the new price is hard to justify'],
    delivery: ['Products fine, delivery slow', 'Delivery took a few days longer than promised', 'OK, but tracking was not updated'],
    app: ['Decent, the app could be faster', 'Search in the app is clunky', 'Good overall, checkout asks for too much info'],
    product: ["It's OK. Nothing special", 'Mostly good, one item was out of stock', 'Solid, but the "Premium" perks are thin'],
  },
  detractor: {
    price: ['Price is too high now', 'You raised the price by 30% with barely any notice', 'Too expensive since the June price change, cancelling', 'Price went up, service did not 💸', 'Paying more for the same thing? No thanks'],
    delivery: ['Delivery was late, twice', 'Order arrived a week late and nobody told me', 'Package never arrived, still waiting', 'No tracking number, no delivery, no answer 😡', 'Late again. Marketplace sellers are unreliable'],
    support: ['Support never answered my emails', 'Support was slow and unhelpful', 'Waited 40 minutes on the phone, then got cut off'],
    app: ['The app keeps crashing at checkout', 'Could not log in for three days', 'App is slow and buggy'],
    damaged: ['Item arrived damaged, refund took 3 weeks', 'Wrong item sent, return was a hassle', 'Charged twice, still waiting for the refund'],
  },
};
const LOCAL = {
  DE: { promoter: ['Super Service, schnelle Lieferung', 'Sehr zufrieden, gerne wieder'], passive: ['Ganz okay, aber teurer geworden'], detractor: ['Lieferung kam viel zu spät', 'Zu teuer seit der Preiserhöhung'] },
  FR: { promoter: ['Service client au top !', 'Livraison rapide, merci'], passive: ['Correct, mais un peu cher'], detractor: ['Livraison en retard, aucune réponse du support', 'Trop cher depuis la hausse de prix'] },
};

function pickTheme(cat, { month, plan, channel }) {
  const priceSeason = plan !== 'Free' && month >= 6 && month <= 8;
  if (cat === 'detractor') {
    if (priceSeason && rng.chance(0.6)) return 'price';
    if (channel === 'Marketplace' && rng.chance(0.6)) return 'delivery';
    return rng.weighted([['price', 2], ['delivery', 3], ['support', 2], ['app', 2], ['damaged', 2]]);
  }
  if (cat === 'passive') {
    if (priceSeason && rng.chance(0.5)) return 'price';
    if (channel === 'Marketplace' && rng.chance(0.5)) return 'delivery';
    return rng.pick(['price', 'delivery', 'app', 'product']);
  }
  return rng.weighted([['support', month >= 10 ? 4 : 2], ['delivery', channel === 'Marketplace' ? 0.5 : 2], ['product', 3], ['value', plan === 'Free' || month < 6 ? 2 : 0.5], ['app', channel.endsWith('app') ? 3 : 1]]);
}

function makeComment(score, ctx) {
  if (rng.chance(0.35)) return '';
  const cat = categoryOf(score);
  if (LOCAL[ctx.country] && rng.chance(0.2)) return rng.pick(LOCAL[ctx.country][cat]);
  const theme = pickTheme(cat, ctx);
  let text = rng.pick(THEMES[cat][theme]);
  // A few longer, multi-line answers.
  if (cat === 'detractor' && rng.chance(0.03)) text = `${text}.\nAlso: ${rng.pick(THEMES.detractor[rng.pick(['support', 'app', 'damaged'])]).toLowerCase()}`;
  return text;
}

const FIRST = ['anna', 'ben', 'chloe', 'david', 'emma', 'farid', 'grace', 'hiro', 'ines', 'jonas', 'kofi', 'lena', 'mateo', 'nora', 'omar', 'priya', 'quinn', 'rosa', 'sven', 'tara', 'uma', 'victor', 'wei', 'yara', 'zoe'];
const LAST = ['smith', 'muller', 'obrien', 'garcia', 'nguyen', 'kowalski', 'dubois', 'rossi', 'tanaka', 'okafor', 'jensen', 'silva', 'novak', 'patel', 'cohen', 'brown', 'schmidt', 'martin'];
const DOMAINS = ['example.com', 'example.org', 'example.net'];

const pad2 = (n) => String(n).padStart(2, '0');
function isoWithOffset(utcMs, offMin) {
  const d = new Date(utcMs + offMin * 60000);
  const sign = offMin < 0 ? '-' : '+';
  const a = Math.abs(offMin);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}${sign}${pad2(Math.floor(a / 60))}:${pad2(a % 60)}`;
}
const quote = (s) => {
  s = String(s);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

// --- generate ----------------------------------------------------------------------
const recs = [];
MONTHLY.forEach((count, mi) => {
  const days = new Date(Date.UTC(2025, mi + 1, 0)).getUTCDate();
  for (let i = 0; i < count; i++) {
    const [country, , offs, dst] = rng.weighted(COUNTRIES.map((c) => [c, c[1]]));
    // Local daytime on a day of this month (UTC); local date may differ from UTC.
    const utcMs = Date.UTC(2025, mi, rng.int(1, days), rng.int(0, 23), rng.int(0, 59), rng.int(0, 59));
    const inDst = dst && utcMs >= dst[0] && utcMs < dst[1];
    const off = inDst ? offs[1] : offs[0];
    const plan = rng.weighted(PLANS);
    const channel = rng.weighted(CHANNELS);
    const ctx = { month: mi + 1, plan, channel, country };
    const score = drawScore(mood(ctx));
    recs.push({ utcMs, off, country, plan, channel, score, comment: makeComment(score, ctx) });
  }
});
recs.sort((a, b) => a.utcMs - b.utcMs);

// Blank (~3%) and malformed cells, decided per record.
const MALFORMED = ['11', 'n/a', '9.5', '-1', 'ten', '100', '7.5'];
const malformedAt = new Map();
MALFORMED.forEach((v, k) => malformedAt.set(300 + k * 683, v));
const SHORT_ROW_AT = 2711; // a record cut short: 3 fields, the score is field 4

// Bookkeeping.
const tally = () => new Array(11).fill(0);
const book = { read: 0, valid: 0, blank: 0, rejections: [], hist: tally(), seg: { Country: new Map(), Plan: new Map(), Channel: new Map() }, months: new Map() };
const addTo = (map, key, s) => {
  if (!map.has(key)) map.set(key, tally());
  map.get(key)[s]++;
};

const lines = [HEADER.map(quote).join(',')];
let line = 2; // physical line of the next record
recs.forEach((r, i) => {
  const id = `R25-${String(100001 + i)}`;
  const mail = `${rng.pick(FIRST)}.${rng.pick(LAST)}${rng.int(1, 999)}@${rng.pick(DOMAINS)}`;
  const when = isoWithOffset(r.utcMs, r.off);
  const month = new Date(r.utcMs).toISOString().slice(0, 7); // by the UTC instant
  book.read++;
  let text;
  if (i === SHORT_ROW_AT) {
    text = [id, mail, when].join(',');
    book.rejections.push({ line, column: SCORE, value: '', kind: 'short_row', reason: 'row has 3 fields; the score column is field 4' });
  } else {
    let cell = String(r.score);
    if (malformedAt.has(i)) {
      cell = malformedAt.get(i);
      const v = Number(cell);
      const kind = Number.isNaN(v) ? 'not_a_number' : !Number.isInteger(v) ? 'not_integer' : 'out_of_range';
      const reason = kind === 'not_a_number' ? `"${cell}" is not a 0-10 score` : kind === 'not_integer' ? `score ${cell} is not a whole number` : `score ${cell} is outside 0-10`;
      book.rejections.push({ line, column: SCORE, value: cell, kind, reason });
    } else if (rng.chance(0.03)) {
      cell = '';
      book.blank++;
    } else {
      book.valid++;
      book.hist[r.score]++;
      addTo(book.seg.Country, r.country, r.score);
      addTo(book.seg.Plan, r.plan, r.score);
      addTo(book.seg.Channel, r.channel, r.score);
      addTo(book.months, month, r.score);
    }
    text = [id, mail, when, cell, cell === '' ? '' : r.comment, r.country, r.plan, r.channel].map(quote).join(',');
  }
  lines.push(text);
  line += 1 + (text.match(/\r\n|\r|\n/g) || []).length;
});
const csv = lines.join('\n') + '\n';

// --- expected.json -----------------------------------------------------------------
const round2 = (x) => (x < 0 ? -1 : 1) * (Math.round(Math.abs(x) * 100 + 1e-9) / 100);
function summarize(h) {
  const n = h.reduce((a, b) => a + b, 0);
  const promoters = h[9] + h[10], passives = h[7] + h[8], detractors = n - promoters - passives;
  return { n, promoters, passives, detractors, nps: n ? round2(((promoters - detractors) / n) * 100) : null };
}
function ci95(h) {
  const s = summarize(h);
  const na = s.n + 3, p = (s.promoters + 0.75) / na, d = (s.detractors + 0.75) / na, v = p + d - (p - d) ** 2;
  const half = 1.959963984540054 * Math.sqrt(v / na);
  return [round2(Math.max(-1, p - d - half) * 100), round2(Math.min(1, p - d + half) * 100)];
}
const segList = (m) => [...m.entries()].map(([value, h]) => ({ value, ...summarize(h) })).sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : 1));
const o = summarize(book.hist);
const expected = {
  file: 'responses.csv',
  imitates: 'the bundled demo: an online shop\'s NPS export for 2025 (UTF-8, comma, LF, ISO 8601 with offsets; months by UTC instant)',
  source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
  columns: { score: SCORE, date: 'Submitted At', comment: REASON, id: 'Response ID', segments: ['Country', 'Plan', 'Channel'] },
  rows: { read: book.read, valid: book.valid, blank_score: book.blank, rejected: book.rejections.length, date_missing: 0 },
  rejections: book.rejections,
  overall: { n: o.n, promoters: o.promoters, passives: o.passives, detractors: o.detractors, histogram: book.hist, nps: o.nps, ci95: ci95(book.hist) },
  segments: Object.fromEntries(Object.entries(book.seg).map(([k, m]) => [k, segList(m)])),
  trend: [...book.months.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([period, h]) => ({ period, ...summarize(h) })),
};
if (book.read !== book.valid + book.blank + book.rejections.length) throw new Error('bookkeeping');
const expText = JSON.stringify(expected, null, 2).replace(/\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/g, (_, inner) => `[${inner.replace(/,\s+/g, ', ')}]`) + '\n';

let changed = 0;
for (const [name, text] of [['responses.csv', csv], ['expected.json', expText]]) {
  const path = join(HERE, name);
  const bytes = Buffer.from(text, 'utf8');
  if (existsSync(path) && Buffer.compare(readFileSync(path), bytes) === 0) continue;
  changed++;
  if (CHECK) console.error(`would change: ${path}`);
  else writeFileSync(path, bytes);
}
if (bytesTooBig(csv)) throw new Error('responses.csv must stay under 2 MB');
function bytesTooBig(s) {
  return Buffer.byteLength(s) >= 2 * 1024 * 1024;
}
if (CHECK && changed) process.exit(1);
console.log(`responses.csv: ${book.read} records (${book.valid} valid, ${book.blank} blank, ${book.rejections.length} rejected), NPS ${o.nps}; ${changed} file(s) ${CHECK ? 'differ' : 'written'}`);
