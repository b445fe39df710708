#!/usr/bin/env node
// Comment analytics benchmark: N comments (default 1,000,000) generated like
// bench/generate.mjs (its short comment pools, plus longer varied comments from
// tests/data/comments/corpus.txt), then
//   1. native C++ (the comments_bench target of bench/CMakeLists.txt, Release): CommentAnalytics::add per comment = tokenize + VADER
//      sentiment + themes + keyphrases + aggregation; also sentiment / tokenizer alone;
//   2. the npm vader-sentiment over the same comments, in the same run (sentiment only).
// Reports MB/s of comment text. WASM is not measured here yet (see docs/comments.md).
//   node bench/comments-bench.mjs [--count 1000000] [--vader-count N]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import vader from 'vader-sentiment';
import { buildBenchTarget } from './build-target.mjs';

const arg = (name, def) => (process.argv.includes(`--${name}`) ? Number(process.argv[process.argv.indexOf(`--${name}`) + 1]) : def);
const COUNT = arg('count', 1_000_000);
const VADER_COUNT = arg('vader-count', COUNT);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

let st = 7;
const rnd = () => { st ^= st << 13; st >>>= 0; st ^= st >>> 17; st ^= st << 5; st >>>= 0; return st / 4294967296; };
const POOLS = [
  ['ok', 'Good overall'],
  ['Great support, solved my issue fast', 'Fast delivery and well packed', 'Love it, I use it every single day', 'Easy to use, good value for money',
    'Fast, friendly, and fair prices', 'Works well and the app is quick 👍', 'Checkout was quick, no hassle at all'],
  ['Too expensive since the price change', 'Delivery was late and nobody told me', 'The app keeps crashing at checkout',
    'Late again, no tracking number', 'Support never answered my emails', 'They said "soon", it never came'],
];
const corpus = readFileSync(join(ROOT, 'tests/data/comments/corpus.txt'), 'utf8').split('\n').filter(Boolean);
const comments = new Array(COUNT);
const scores = new Array(COUNT);
for (let i = 0; i < COUNT; i++) {
  const s = Math.floor(rnd() * 11);
  scores[i] = s;
  const r = rnd();
  comments[i] = r < 0.5 ? corpus[Math.floor(rnd() * corpus.length)]
    : POOLS[s >= 9 ? 1 : s <= 6 ? 2 : 0][Math.floor(rnd() * POOLS[s >= 9 ? 1 : s <= 6 ? 2 : 0].length)];
}
const textBytes = comments.reduce((n, c) => n + Buffer.byteLength(c), 0);
const dir = mkdtempSync(join(tmpdir(), 'npskit-comments-bench-'));
try {
  const file = join(dir, 'comments.tsv');
  writeFileSync(file, comments.map((c, i) => `${scores[i]}\t${c}`).join('\n'));
  const exe = buildBenchTarget('comments_bench');
  console.error(`running native over ${COUNT} comments (${(textBytes / 1e6).toFixed(1)} MB) ...`);
  const native = JSON.parse(execFileSync(exe, [file]).toString());

  console.error(`running npm vader-sentiment over ${VADER_COUNT} comments ...`);
  for (let i = 0; i < 2000; i++) vader.SentimentIntensityAnalyzer.polarity_scores(comments[i % COUNT]);  // warm up
  let vBytes = 0;
  const t0 = performance.now();
  for (let i = 0; i < VADER_COUNT; i++) {
    vader.SentimentIntensityAnalyzer.polarity_scores(comments[i]);
    vBytes += comments[i].length;  // UTF-16 units ~ bytes for this mostly-ASCII text
  }
  const vaderS = (performance.now() - t0) / 1000;
  const vaderBytes = comments.slice(0, VADER_COUNT).reduce((n, c) => n + Buffer.byteLength(c), 0);
  const result = {
    comments: COUNT, text_mb: +(textBytes / 1e6).toFixed(2),
    native_full_mb_s: native.full_mb_s, native_full_s: native.full_s, native_to_json_s: native.to_json_s,
    native_sentiment_mb_s: native.sentiment_mb_s, native_tokenize_mb_s: native.tokenize_mb_s,
    npm_vader_comments: VADER_COUNT, npm_vader_s: +vaderS.toFixed(3), npm_vader_mb_s: +((vaderBytes / 1e6) / vaderS).toFixed(1),
    native_sentiment_vs_npm: +(native.sentiment_mb_s / ((vaderBytes / 1e6) / vaderS)).toFixed(1),
  };
  console.log(JSON.stringify(result, null, 2));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
