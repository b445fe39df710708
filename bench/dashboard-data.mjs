// Writes the dashboard benchmark's input files (git-ignored, deterministic), shaped
// like a survey export: id, email, timestamp, score (2% blank), comment, country,
// plan, channel. Two variants of the comments:
// - 'simple' (bench/data/dashboard-<size>.csv, the files of the earlier figures):
//   40% filled from 9 distinct comments;
// - 'real' (bench/data/dashboard-real-<size>.csv, the default since issue 15): about
//   half filled, mostly distinct, from a large vocabulary, short to a few hundred
//   characters, some quoted with commas, quotes and line breaks, sentiment leaning
//   with the score (bench/realistic-comments.mjs).
//   node bench/dashboard-data.mjs [--data=real|simple] [100k 1m 5m 10m]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../scripts/lib/seeded-rng.mjs';
import { commentMaker, csvCell } from './realistic-comments.mjs';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const SIZES = { '100k': 100_000, '1m': 1_000_000, '5m': 5_000_000, '10m': 10_000_000 };
export const VARIANTS = ['real', 'simple'];
export const fileFor = (label, variant = 'real') => path.join(dir, variant === 'simple' ? `dashboard-${label}.csv` : `dashboard-real-${label}.csv`);

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'CA', 'AU', 'BR', 'IN', 'ES', 'IT', 'SE'];
const PLANS = ['Free', 'Plus', 'Premium', 'Business'];
const CHANNELS = ['Web', 'iOS app', 'Android app', 'Marketplace'];
const COMMENTS = ['Great service', 'Too expensive for what it is', '"Fast delivery, friendly support"', 'App keeps crashing',
  'Love it', '"Late delivery, no tracking"', 'Easy to use', 'Prices went up again', 'Support was slow to answer'];

export function generate(label, variant = 'real') {
  const n = SIZES[label];
  if (!n || !VARIANTS.includes(variant)) throw new Error(`no benchmark data ${variant} ${label}`);
  fs.mkdirSync(dir, { recursive: true });
  const file = fileFor(label, variant);
  const realComment = variant === 'real' ? commentMaker(makeRng(0x15c0de).next) : null;
  if (fs.existsSync(file)) return file;
  const fd = fs.openSync(file + '.tmp', 'w');
  let s = 0x9e3779b9;
  const rnd = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
  let buf = 'Response ID,Email,Submitted At,How likely are you to recommend us?,Why?,Country,Plan,Channel\n';
  const t0 = Date.UTC(2024, 0, 1), span = 730 * 864e5;
  for (let i = 0; i < n; i++) {
    const country = COUNTRIES[Math.floor(rnd() * rnd() * COUNTRIES.length)];
    const plan = PLANS[Math.floor(rnd() * 4)];
    const channel = CHANNELS[Math.floor(rnd() * 4)];
    const base = 7.2 + (plan === 'Business' ? 0.6 : 0) - (channel === 'Marketplace' ? 1.2 : 0);
    const score = rnd() < 0.02 ? '' : String(Math.max(0, Math.min(10, Math.round(base + (rnd() + rnd() + rnd() - 1.5) * 4))));
    const ts = new Date(t0 + Math.floor(rnd() * span)).toISOString().slice(0, 19);
    const comment = realComment ? csvCell(realComment(Number(score || 5))) : rnd() < 0.4 ? COMMENTS[Math.floor(rnd() * COMMENTS.length)] : '';
    buf += `R${i + 1},user${i % 800_000}@example.com,${ts},${score},${comment},${country},${plan},${channel}\n`;
    if (buf.length > 1 << 22) { fs.writeSync(fd, buf); buf = ''; }
  }
  fs.writeSync(fd, buf);
  fs.closeSync(fd);
  fs.renameSync(file + '.tmp', file);
  return file;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const variant = (args.find((a) => a.startsWith('--data=')) ?? '--data=real').slice(7);
  const labels = args.filter((a) => SIZES[a]);
  for (const label of labels.length ? labels : ['100k', '1m', '5m']) {
    const t = Date.now();
    const f = generate(label, variant);
    console.log(`${f}: ${(fs.statSync(f).size / 1e6).toFixed(0)} MB (${Date.now() - t} ms)`);
  }
}
