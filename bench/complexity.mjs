// Complexity benchmark (issue 12, section 2): each hostile shape at sizes n, 2n,
// 4n, 8n; prints the time per size and the ratio to the previous size. A ratio
// near 2 is linear; near 4 is quadratic. No assertions: timings live here, not in tests.
//
//   node bench/complexity.mjs [--base N]
//
// Shapes: user theme JSON repeating one theme name (used to rebuild its term set
// per repeat), one theme with many terms, the widget's JSON reader on objects of
// many keys and on one key repeated, the widget API on a config of many keys
// (refused at the 1,000-member limit, as the input arrives), and the analytics
// JSON reader (CLI) on a document whose records hold many keys.
// Builds the complexity_bench target (bench/CMakeLists.txt); for the last shape, needs build/native/bin/npskit (NPSKIT_BIN).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildBenchTarget } from './build-target.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, def) => { const i = process.argv.indexOf(name); return i > 0 ? Number(process.argv[i + 1]) : def; };
const BASE = arg('--base', 10000);
const BIN = process.env.NPSKIT_BIN ?? join(ROOT, 'build/native/bin/npskit');

const shapes = {
  theme_repeated_name: (n) => JSON.stringify({ themes: Array.from({ length: n }, (_, i) => ({ name: 'speed', terms: ['fast', `t${i % 50}`] })) }),
  theme_many_terms: (n) => JSON.stringify({ themes: [{ name: 'big', terms: Array.from({ length: Math.min(n, 10000) }, (_, i) => `term${i}`) }] }),
  survey_json_many_objects: (n) => '[' + Array.from({ length: Math.max(1, Math.floor(n / 1000)) }, () =>
    '{' + Array.from({ length: 999 }, (_, i) => `"k${i}":1`).join(',') + '}').join(',') + ']',
  survey_json_repeated_key: (n) => '[' + Array.from({ length: Math.max(1, Math.floor(n / 1000)) }, () =>
    '{' + Array.from({ length: 999 }, () => '"same":1').join(',') + '}').join(',') + ']',
  survey_call_config_keys: (n) => '{"config":{' + Array.from({ length: n }, (_, i) => `"a${i}":1`).join(',') + '}}',
};

const dir = mkdtempSync(join(tmpdir(), 'npskit-complexity-'));
try {
  const exe = buildBenchTarget('complexity_bench');

  const rows = [];
  const time = (kind, file) => JSON.parse(execFileSync(exe, [kind, file]).toString());
  for (const [name, make] of Object.entries(shapes)) {
    const kind = name.startsWith('theme') ? 'theme_json' : name.startsWith('survey_json') ? 'survey_json' : 'survey_call';
    let prev = null;
    for (const n of [BASE, 2 * BASE, 4 * BASE, 8 * BASE]) {
      const file = join(dir, `${name}-${n}.json`);
      const text = make(n);
      writeFileSync(file, text);
      const r = time(kind, file);
      rows.push({ shape: name, n, bytes: text.length, seconds: r.seconds, ratio: prev ? +(r.seconds / prev).toFixed(2) : null, outcome: r.outcome });
      prev = r.seconds;
    }
  }
  if (existsSync(BIN)) {
    let prev = null;
    for (const n of [BASE * 10, BASE * 20, BASE * 40, BASE * 80]) {
      const file = join(dir, `json-keys-${n}.json`);
      // 100 records of n/100 keys each, the score first.
      const rec = '{"score":9,' + Array.from({ length: n / 100 }, (_, i) => `"k${i}":1`).join(',') + '}';
      writeFileSync(file, '[' + Array(100).fill(rec).join(',') + ']');
      const t0 = performance.now();
      execFileSync(BIN, ['analyze', file, '--compact'], { stdio: ['ignore', 'ignore', 'pipe'] });
      const s = (performance.now() - t0) / 1000;
      rows.push({ shape: 'cli_json_document_keys', n, bytes: rec.length * 100, seconds: +s.toFixed(4), ratio: prev ? +(s / prev).toFixed(2) : null, outcome: 'ok' });
      prev = s;
    }
  }
  console.table(rows);
  console.log(JSON.stringify(rows));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
