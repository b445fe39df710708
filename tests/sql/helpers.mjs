// What every engine test checks: the engine's tallies equal `npskit tally` on the
// raw file, group for group, and the report from them equals `npskit analyze` on
// the raw file. Plus an oracle independent of both: the 0-10 histogram counted
// here from the rows by the documented rule.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { BY, DATE, SCORE, makeRows, toCsv } from './data.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = join(root, 'build/native/bin/npskit');

export function npskit(args, input) {
  const r = spawnSync(cli, args, { encoding: 'utf8', input, maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, `npskit ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

// A small RFC 4180 reader (quoted fields, doubled quotes) -> array of objects.
export function parseCsv(text) {
  const records = [];
  let field = '', row = [], quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); records.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); records.push(row); }
  const [header, ...rest] = records;
  return rest.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

// Tallies rows as comparable strings, sorted: "period|Country|Plan|s0..s10|blank|rejected".
export function normalizeTallies(rows, by = BY) {
  const counts = ['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 'blank', 'rejected'];
  return rows.map((r) => {
    assert.equal(String(r.npskit_tallies), '1');
    const period = r.period == null ? '' : String(r.period).slice(0, 10);
    return [String(r.period_unit), period, ...by.map((b) => r[b] ?? ''), ...counts.map((c) => String(Number(r[c])))].join('|');
  }).sort();
}

// The documented score rule, written independently of the C++ and the SQL.
export function oracleHistogram(rows) {
  const h = new Array(11).fill(0);
  let blank = 0, rejected = 0;
  for (const r of rows) {
    const t = r.score.trim();
    if (t === '') blank++;
    else if (/^(-0+|0*([0-9]|10))([.,]0+)?$/.test(t)) h[Math.abs(parseInt(t.replace(',', '.'), 10))]++;
    else rejected++;
  }
  return { h, blank, rejected };
}

// The report sections tallies must reproduce exactly.
export function comparable(report) {
  const r = structuredClone(report);
  return {
    overall: r.overall,
    segments: r.segments,
    // Cells of equal n are listed in first-seen order, which differs between a
    // file's rows and its tallies: compare them sorted by their values.
    cross: r.cross && { ...r.cross, cells: [...r.cross.cells].sort((a, b) => (a.values.join('\u0000') < b.values.join('\u0000') ? -1 : 1)) },
    trend: r.trend,
    rows: { read: r.rows.read, valid: r.rows.valid, blank_score: r.rows.blank_score, rejected: r.rows.rejected,
            date_missing: r.rows.date_missing },
  };
}

// A temporary folder with the test export as CSV; cleanup() removes it.
export function fixture(count, seed) {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-sql-'));
  const rows = makeRows(count, seed);
  const csv = join(dir, 'export.csv');
  writeFileSync(csv, toCsv(rows));
  return { dir, rows, csv, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const rawArgs = ['--score', SCORE, '--date', DATE];

// Asserts: engine tallies (CSV text) == npskit tally; analyze(engine tallies) ==
// analyze(raw); the histogram == the oracle's.
export function assertSameAsNpskit(engineCsv, fx, { by = BY, period = 'month' } = {}) {
  const engine = parseCsv(engineCsv);
  const tallyArgs = ['tally', fx.csv, ...rawArgs, '--by', [period, ...by].join(',')];
  const ours = parseCsv(npskit(tallyArgs));
  assert.deepEqual(normalizeTallies(engine, by), normalizeTallies(ours, by), 'tallies: engine vs npskit tally');

  const talliesFile = join(fx.dir, `engine-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(talliesFile, engineCsv);
  const cross = by.length >= 2 ? ['--cross', by[0], '--cross', by[1]] : [];
  const fromTallies = JSON.parse(npskit(['analyze', talliesFile, '--period', 'quarter', ...cross, '--compact']));
  const fromRows = JSON.parse(npskit(['analyze', fx.csv, ...rawArgs, ...by.flatMap((b) => ['--segment', b]),
    '--period', 'quarter', ...cross, '--compact']));
  assert.deepEqual(comparable(fromTallies), comparable(fromRows), 'report: analyze(engine tallies) vs analyze(raw)');

  const o = oracleHistogram(fx.rows);
  assert.deepEqual(fromTallies.overall.histogram, o.h, 'histogram vs the oracle');
  assert.equal(fromTallies.rows.blank_score, o.blank);
  assert.equal(fromTallies.rows.rejected, o.rejected);
  return { engine, fromTallies };
}

export function sqlFor(dialect, extra = []) {
  return npskit(['sql', '--dialect', dialect, '--table', 'responses', '--score', SCORE, '--date', DATE,
    '--by', BY.join(','), ...extra]);
}
