#!/usr/bin/env node
// Files with duplicate ids for bench/session-parity.sh: the session drops a
// repeated id's later rows, and these files aim at everything that depends on
// which rows were dropped (docs/dashboard.md, "Session open vs streaming"):
// ids repeated within a file (1 row back, far back) and across files; duplicate
// rows that are the first to use a segment value (so the dictionaries' order
// depends on them); segment columns past the dictionary's 1,000-value cap with
// duplicates before and after the cap; blank scores, unreadable dates (more than
// the 100,000 the store lists), comments, e-mails and empty ids on duplicates.
// Deterministic (a fixed LCG): run twice, same bytes.
//   node bench/duplicate-parity-data.mjs OUT_DIR [--rows N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/duplicate-parity-data.mjs OUT_DIR [--rows N]');
  process.exit(2);
}
const i = process.argv.indexOf('--rows');
const ROWS = i >= 0 ? Number(process.argv[i + 1]) : 20000;
mkdirSync(out, { recursive: true });

let seed = 987654321;
const rand = () => {  // mulberry32 (an LCG in doubles loses bits past 2^53 and cycles early)
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const SAMPLE = 1500;  // past the layout's sample (pipeline.cpp)
const early = (r) => r < SAMPLE;
const q = (v) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

// One file. ids: new ids are `${prefix}${n}`; a repeat takes an id of this file
// (1 row back or any) or one of `earlier` (the files before). values(r, dup):
// the segment cell of a row (dup: whether its id is a repeat).
function file(name, { rows, prefix, earlier = [], repeat = 0.2, unreadable = 0.05, values, header = 'id,date,score,comment,plan,city,email' }) {
  const lines = [header];
  const ids = [];
  let next = 0;
  for (let r = 0; r < rows; r++) {
    let id;
    const p = rand();
    let dup = true;
    if (p < repeat / 3 && ids.length) id = ids[ids.length - 1];
    else if (p < (2 * repeat) / 3 && ids.length) id = pick(ids);
    else if (p < repeat && earlier.length) id = pick(earlier);
    else if (p < repeat + 0.02) { id = ''; dup = false; }
    else { id = `${prefix}${next++}`; dup = false; }
    if (id) ids.push(id);
    // The first rows decide the layout (a sample): few segment values and good
    // dates there, so that the columns are read as segments and dates at all.
    const date = r >= SAMPLE && rand() < unreadable ? pick(['not a date', '2024-13-45', 'yesterday', '31/31/2024']) : `2024-${String(int(1, 12)).padStart(2, '0')}-${String(int(1, 28)).padStart(2, '0')}`;
    const score = rand() < 0.05 ? '' : String(int(0, 10));
    const comment = pick(['', 'Great', 'too "slow"', 'multi\nline', `note ${int(0, 99)}`, 'naïve 👍']);
    const [plan, city] = values(r, dup);
    const email = rand() < 0.3 ? '' : `u${int(0, 300)}@example.com`;
    lines.push([id, date, score, comment, plan, city, email].map(q).join(','));
  }
  writeFileSync(join(out, name), lines.join('\n') + '\n');
  return [...new Set(ids)];
}

const plans = ['Free', 'Pro', 'Team', 'Enterprise', ''];
const few = ['Berlin', 'Paris', 'Rome', ''];
let fresh = 0;
// Few values; duplicates bring values no kept row used before them.
const a = file('dup-a.csv', { rows: ROWS, prefix: 'A', values: (r, dup) => [!early(r) && dup && rand() < 0.3 ? `only-dup-${fresh++}` : pick(plans), pick(few)] });
// Repeats ids of dup-a; city runs past the 1,000-value cap (new values on duplicates too).
const b = file('dup-b.csv', { rows: ROWS, prefix: 'B', earlier: a, repeat: 0.4,
  values: (r, dup) => [pick(plans), early(r) ? pick(few) : dup && rand() < 0.5 ? `dup-city-${int(0, 5000)}` : `city-${int(0, 1500)}`] });
// A third file: a new segment column (region) and its own cap, duplicates of both files.
file('dup-c.csv', { rows: ROWS, prefix: 'C', earlier: [...a, ...b], repeat: 0.5, header: 'id,date,score,comment,plan,region,email',
  values: (r, dup) => [pick(plans), early(r) ? pick(few) : dup ? `r-${int(0, 3000)}` : `r-${int(0, 1200)}`] });
// Long segment values: the dictionary's 1 MiB byte cap before its 1,000 values.
file('dup-long.csv', { rows: Math.min(ROWS, 5000), prefix: 'L', repeat: 0.4,
  values: (r, dup) => [early(r) ? pick(plans) : 'x'.repeat(2000 + int(0, 3000)) + (dup ? 'd' : '') + int(0, 400), pick(few)] });
// More unreadable dates than the store lists (100,000), duplicates among them.
file('dup-dates.csv', { rows: Math.max(ROWS, 130000), prefix: 'D', repeat: 0.3, unreadable: 0.9, values: () => [pick(plans), pick(['x', 'y'])] });
// A column past its cap in a file of its own, duplicates before and after the cap.
file('dup-late-ids.csv', { rows: ROWS, prefix: 'E', repeat: 0.3,
  values: (r, dup) => [early(r) ? pick(plans) : `v-${int(0, 2000)}`, pick(few)] });
// Every row a repeat of the first id.
writeFileSync(join(out, 'dup-all-same.csv'), 'id,score,plan\n' + Array.from({ length: 3000 }, (_, k) => `same,${k % 11},p${k}`).join('\n') + '\n');
console.log(`wrote duplicate parity files to ${out}`);
