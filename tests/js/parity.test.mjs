// The native CLI and the WebAssembly build run the same core: for every fixture
// (and the sample export) they must give deep-equal reports and inspections.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzeFile, inspectFile } from '../../js/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = join(root, 'build/native/bin/npskit');
const data = join(root, 'tests/data');
const files = [
  ...readdirSync(join(data, 'expected')).map((f) => join(data, f.replace(/\.json$/, ''))).sort(),
  join(root, 'examples/sample/responses.csv'),
];

function npskit(...args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function cliReport(file, args = []) {
  const r = npskit('analyze', file, '--compact', ...args);
  assert.equal(r.status, 0, `npskit analyze ${file} ${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('the native CLI is built', () => {
  assert.ok(existsSync(cli), `${cli} missing: run scripts/build-native.sh`);
});

test('CLI and wasm give deep-equal reports for every fixture and the sample', async () => {
  for (const file of files) {
    assert.deepEqual(await analyzeFile(file), cliReport(file), file);
  }
});

test('CLI and wasm agree with options: period, segment, where, utc-offset, confidence, cross', async () => {
  for (const file of files) {
    const base = cliReport(file);
    const variants = [
      [['--period', 'week'], { period: 'week' }],
      [['--period', 'quarter'], { period: 'quarter' }],
      [['--utc-offset', '+05:30'], { utcOffset: '+05:30' }],
      [['--utc-offset', '-08:00', '--period', 'day'], { utcOffset: '-08:00', period: 'day' }],
      [['--confidence', '0.9'], { confidence: 0.9 }],
      [['--max-rejections', '1'], { maxRejections: 1 }],
      [['--from', '2024-02-01', '--to', '2024-03-31'], { filters: { from: '2024-02-01', to: '2024-03-31' } }],
    ];
    const segs = base.columns.segments;
    if (segs.length > 0) {
      const col = segs[0];
      const value = base.segments[col][0].value;
      variants.push(
        [['--segment', col], { segments: [col] }],
        [['--where', `${col}=${value}`], { filters: { where: [{ column: col, op: 'eq', value }] } }],
        [['--where-not', `${col}=${value}`], { filters: { where: [{ column: col, op: 'ne', value }] } }],
      );
    }
    if (segs.length > 1) {
      variants.push([['--cross', segs[0], '--cross', segs[1]], { cross: [segs[0], segs[1]] }]);
    }
    for (const [args, options] of variants) {
      assert.deepEqual(await analyzeFile(file, options), cliReport(file, args), `${file} ${args.join(' ')}`);
    }
  }
});

test('npskit inspect --records 3 equals inspectFile(..., {records: 3})', async () => {
  for (const file of files) {
    const r = npskit('inspect', file, '--records', '3', '--compact');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(await inspectFile(file, { records: 3 }), JSON.parse(r.stdout), file);
  }
});

test('unusable input: exit 2 and one line on stderr naming the problem', () => {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-parity-'));
  try {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const noScore = join(dir, 'no-score.csv');
    writeFileSync(noScore, 'Name,Comment\nAnn,"fine, thanks"\nBob,slow\n');
    const binary = join(dir, 'binary.csv');
    writeFileSync(binary, Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0, 0, 0x41]));
    for (const [file, words] of [[empty, /empty/], [binary, /NUL/], [join(dir, 'missing.csv'), /cannot read/]]) {
      const r = npskit('analyze', file);
      assert.equal(r.status, 2, file);
      assert.equal(r.stdout, '');
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], words);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('no score column: analyze fails in the core\'s words plus a CLI hint; inspect lists the columns', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-parity-'));
  try {
    const noScore = join(dir, 'no-score.csv');
    writeFileSync(noScore, 'Name,Comment\nAnn,"fine, thanks"\nBob,slow\n');
    const message = 'No column holds 0-10 scores. Choose the score column.';
    const r = npskit('analyze', noScore);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 2, r.stderr);
    assert.ok(lines[0].endsWith(message), lines[0]);
    assert.match(lines[1], /--score NAME/);
    assert.match(lines[1], /'Name', 'Comment'/);
    await assert.rejects(analyzeFile(noScore), (e) => e.message === message);

    const ins = npskit('inspect', noScore, '--records', '2');
    assert.equal(ins.status, 0, ins.stderr);
    assert.match(ins.stderr, /--score NAME/);
    const inspection = JSON.parse(ins.stdout);
    assert.equal(inspection.error, message);
    assert.deepEqual(inspection.columns.map((c) => c.name), ['Name', 'Comment']);
    assert.equal(inspection.records.length, 2);
    assert.equal(inspection.notices[0].code, 'no_score_column');
    assert.equal(inspection.notices[0].fix, 'pick_score');
    assert.deepEqual(await inspectFile(noScore, { records: 2 }), inspection);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad options: exit 2 and one line on stderr naming the option', () => {
  const file = join(data, 'delighted.csv');
  for (const [args, words] of [
    [['--period', 'fortnight'], /period/],
    [['--confidence', 'high'], /--confidence/],
    [['--bogus'], /--bogus/],
    [['--score', 'Nope'], /'Nope'/],
    [['--where', 'Country'], /COLUMN=VALUE/],
    [['--cross', 'Plan'], /--cross/],
    [['--utc-offset', '+99:00'], /utcOffset|offset/],
    [['--records', '-1'], /--records/],
  ]) {
    const r = npskit('analyze', file, ...args);
    assert.equal(r.status, 2, args.join(' '));
    assert.equal(r.stdout, '');
    const lines = r.stderr.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], words);
  }
  const none = npskit('analyze');
  assert.equal(none.status, 2);
  assert.match(none.stderr, /missing FILE/);
  assert.equal(npskit('frobnicate', file).status, 2);
});

test('the CLI and the JS API name the same problem', async () => {
  const file = join(data, 'delighted.csv');
  const r = npskit('analyze', file, '--score', 'Nope');
  let message;
  try {
    await analyzeFile(file, { score: 'Nope' });
  } catch (e) {
    message = e.message;
  }
  assert.ok(message, 'analyzeFile must reject');
  assert.ok(r.stderr.includes(message), `${r.stderr} vs ${message}`);
});

test('--help exits 0 with the usage on stdout', () => {
  for (const args of [['--help'], ['analyze', '--help'], ['-h']]) {
    const r = npskit(...args);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /Usage:/);
    assert.match(r.stdout, /npskit analyze FILE/);
    assert.equal(r.stderr, '');
  }
});
