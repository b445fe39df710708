#!/usr/bin/env node
// Stress files for bench/report-parity.sh: deterministic CSVs whose cells take
// every shape the per-row fast paths branch on (scores with padding, labels,
// fractions; dates in each recognized form and many broken ones; segment values
// of every length 0-40 bytes, more distinct values than the dictionary's scan
// and its 1,000-value cap; spaces, no-break spaces, quotes, CRLF, blank records,
// bytes that are not UTF-8). The expected output is the baseline CLI's own, so
// these files only need to reach the branches, not to be checked here.
//   node bench/parity-data.mjs OUT_DIR [--rows N]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node bench/parity-data.mjs OUT_DIR [--rows N]');
  process.exit(2);
}
const i = process.argv.indexOf('--rows');
const ROWS = i >= 0 ? Number(process.argv[i + 1]) : 20000;
mkdirSync(out, { recursive: true });

let seed = 12345;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const pad2 = (n) => String(n).padStart(2, '0');

const scores = ['0', '7', '9', '10', ' 9', '9 ', '10 ', ' 10', '\u00a010', '09', '010', '9.0', '9,0', '9.5', '11', '-1', '-0',
  '-99', ' -99 ', '', ' ', '10 - Extremely likely', '0 = Not at all', '10 (Extremely likely)', 'ten', '9abc', '1e1', '9-10',
  '+9', '9.', '.5', '100000000000000000000', '"8"', '10\u2013Very', '5:', '7 ', '8\t'];

function date() {
  const y = pick([2024, 2025, 1999, 2000, 1970, 1969, 9999, 1]);
  const m = int(0, 13), d = int(0, 32), h = int(0, 25), mi = int(0, 61), s = int(0, 61);
  const ok = () => `${y}-${pad2(Math.min(Math.max(m, 1), 12))}-${pad2(Math.min(Math.max(d, 1), 28))}`;
  // Three in four are well-formed ISO timestamps (so the column is read as
  // dates), the rest any form, valid or not.
  if (rand() < 0.75) return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 60)}${pick(['Z', '+01:00', '-03:30', '', '.250Z', '+0000'])}`;
  switch (int(0, 24)) {
    case 0: return `${y}-${pad2(m)}-${pad2(d)}`;
    case 1: return `${ok()}T${pad2(h)}:${pad2(mi)}:${pad2(s)}Z`;
    case 2: return `${ok()}T${pad2(h)}:${pad2(mi)}:${pad2(s)}+${pad2(int(0, 24))}:${pad2(int(0, 60))}`;
    case 3: return `${ok()} ${pad2(h)}:${pad2(mi)}`;
    case 4: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}.${int(0, 999999)}-0800`;
    case 5: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}-05`;
    case 6: return `${m}/${d}/${y}`;
    case 7: return `${d}.${m}.${y} ${h}:${pad2(mi)}`;
    case 8: return `${pick(['Jan', 'July', 'sept', 'DEC'])} ${d}, ${y}`;
    case 9: return ` ${ok()} `;
    case 10: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}`;
    case 11: return `${ok()}t${pad2(h % 24)}:${pad2(mi % 60)}`;
    case 12: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)},5Z`;
    case 13: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}+0530`;
    case 14: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)} +0000`;
    case 15: return `${ok()} ${h % 13}:${pad2(mi % 60)} PM`;
    case 16: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}Z `;
    case 17: return `${ok()}X`;
    case 18: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:`;
    case 19: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}.`;
    case 20: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}+2`;
    case 21: return '';
    case 22: return `${y}-0${int(1, 9)}-${pad2(int(1, 31))}T23:59:60Z`;
    case 23: return `${String(y).padStart(4, '0')}-02-29T12:00:00Z`;
    default: return `${ok()}T${pad2(h % 24)}:${pad2(mi % 60)}:${pad2(s % 61)}${pick(['Z', '+01:00', '-03:30', '+14:00', 'UTC', 'GMT+1'])}`;
  }
}

const letters = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_é';
function word(len) {
  let s = '';
  while (s.length < len) s += letters[int(0, letters.length - 1)];
  return s;
}
// Values of every length 0..40, a few hundred of each up to 1,500 distinct.
const manyValues = Array.from({ length: 1500 }, (_, k) => word(k % 41));
const fewValues = ['DE', 'US', 'FR', '', ' ', 'United Kingdom', 'Deutschland (Bayern)', 'x', 'éé', 'a\u00a0', '12345678', '123456789',
  '1234567890123456', '12345678901234567', 'Premium', 'Premium ', ' Premium'];
const q = (v) => (/[",\r\n]/.test(v) || rand() < 0.05 ? `"${v.replace(/"/g, '""')}"` : v);

function file(name, rows, segmentPool, eol) {
  const lines = ['id,submitted_at,score,comment,country,plan,email'];
  for (let r = 0; r < rows; r++) {
    if (rand() < 0.01) { lines.push(rand() < 0.5 ? '' : ',,,,,,'); continue; }
    const row = [
      rand() < 0.02 ? '' : `R${int(0, rows / 2)}`,
      date(),
      pick(scores),
      pick(['Great', 'too "slow"', 'multi\nline', 'x,y', '', ' spaced ', 'naïve 👍']),
      pick(segmentPool),
      rand() < 0.5 ? pick(fewValues) : pick(manyValues),
      rand() < 0.1 ? '' : `u${int(0, 500)}@example.com`,
    ];
    lines.push(row.map(q).join(','));
  }
  writeFileSync(join(out, name), lines.join(eol) + eol);
}

file('stress-few.csv', ROWS, fewValues, '\n');
file('stress-many.csv', ROWS, manyValues, '\r\n');
// Windows-1252 bytes in some cells (the file is not valid UTF-8).
const latin = Buffer.from('id,date,score,country\n' +
  Array.from({ length: 2000 }, (_, k) => `R${k},2024-0${1 + (k % 9)}-1${k % 10},${k % 11},${k % 7 ? 'Zurich' : 'Z\u00fcrich'}`).join('\n') + '\n', 'latin1');
writeFileSync(join(out, 'stress-latin1.csv'), latin);
console.log(`wrote stress files to ${out}`);
