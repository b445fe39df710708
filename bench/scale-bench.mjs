#!/usr/bin/env node
// The figures of docs/scale.md: one export through each path, at 1M and 10M rows.
//
//   node bench/scale-bench.mjs [--rows 1000000,10000000] [--skip pg,ch,duckdb,dask]
//
// Paths: the CLI streaming the file (npskit analyze); npskit tally then analyze;
// DuckDB (load + the generated query); PostgreSQL 15 (\copy + query); ClickHouse
// 1 shard vs 2 shards (insert, then the query through a Distributed table); Dask
// with comment analytics, 1 vs 4 worker processes, over the export as 8 part files
// (the way warehouses export). Data: bench/generate.mjs (80 bytes a row). Prints a
// Markdown table; wall-clock seconds on this machine, one run each (timings vary
// with the load of a shared machine: read them as orders of magnitude).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { DuckDBInstance } from '@duckdb/node-api';

import { startClickHouseCluster, startPostgres } from '../tests/sql/engines.mjs';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'build/native/bin/npskit');
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const sizes = arg('rows', '1000000,10000000').split(',').map(Number);
const skip = new Set(arg('skip', '').split(',').filter(Boolean));
const dataDir = join(root, 'bench/data/scale');
mkdirSync(dataDir, { recursive: true });

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};
const timed = async (fn) => {
  const t = performance.now();
  const value = await fn();
  return [(performance.now() - t) / 1000, value];
};
const s = (x) => x.toFixed(1);
const sqlArgs = (dialect, table) => ['sql', '--dialect', dialect, '--table', table, '--score', 'score', '--date', 'submitted_at', '--by', 'country,plan'];

function generate(rows) {
  const file = join(dataDir, `${rows}.csv`);
  if (!existsSync(file)) run('node', [join(root, 'bench/generate.mjs'), '--rows', String(rows), '--out', file]);
  const partsDir = join(dataDir, `${rows}-parts`);
  if (!existsSync(partsDir)) {
    mkdirSync(partsDir);
    for (let i = 0; i < 8; i++) run('node', [join(root, 'bench/generate.mjs'), '--rows', String(rows / 8), '--seed', String(i + 1), '--out', join(partsDir, `part-${i}.csv`)]);
  }
  return { file, partsDir };
}

const results = [];
const note = (rows, path, seconds, detail = '') => {
  // The machine's 1-minute load average when the step ended: on a shared machine a
  // figure is only as good as the quiet it was measured in.
  const load = loadavg()[0].toFixed(1);
  results.push({ rows, path, seconds, detail, load });
  console.error(`${rows}\t${path}\t${s(seconds)} s\t${detail}\tload ${load}`);
};

for (const rows of sizes) {
  const { file, partsDir } = generate(rows);
  const [tAnalyze, report] = await timed(() => JSON.parse(run(cli, ['analyze', file, '--compact'])));
  note(rows, 'CLI: npskit analyze (streaming)', tAnalyze, `n=${report.overall.n}`);
  const talliesFile = join(dataDir, `${rows}.tallies.csv`);
  const [tTally] = await timed(() => writeFileSync(talliesFile, run(cli, ['tally', file, '--by', 'month,country,plan'])));
  const [tFromTallies] = await timed(() => run(cli, ['analyze', talliesFile, '--compact']));
  note(rows, 'CLI: npskit tally', tTally);
  note(rows, 'npskit analyze of the tallies', tFromTallies);

  if (!skip.has('duckdb')) {
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const [tLoad] = await timed(() => conn.run(`CREATE TABLE responses AS SELECT * FROM read_csv('${file}', header = true, all_varchar = true)`));
    await conn.run('CREATE TABLE r2 AS SELECT * REPLACE (TRY_CAST(submitted_at AS TIMESTAMPTZ) AS submitted_at) FROM responses');
    const [tQuery] = await timed(() => conn.runAndReadAll(run(cli, sqlArgs('duckdb', 'r2'))));
    note(rows, 'DuckDB: load CSV', tLoad);
    note(rows, 'DuckDB: tallies query', tQuery);
    conn.closeSync?.();
  }
  if (!skip.has('pg')) {
    const pg = await startPostgres({ timeoutMs: 3 * 3600 * 1000 });
    try {
      pg.run('CREATE TABLE responses (response_id text, submitted_at timestamptz, score text, comment text, country text, plan text, channel text);');
      const [tLoad] = await timed(() => pg.copyCsv('responses', file));
      const [tQuery] = await timed(() => pg.run(run(cli, sqlArgs('postgres', 'responses')), { csv: true }));
      note(rows, 'PostgreSQL 15: \\copy', tLoad);
      note(rows, 'PostgreSQL 15: tallies query', tQuery);
    } finally {
      await pg.stop();
    }
  }
  if (!skip.has('ch')) {
    for (const shards of [1, 2]) {
      const ch = await startClickHouseCluster(shards);
      try {
        ch.runAll('CREATE TABLE local (response_id String, submitted_at Nullable(DateTime), score String, comment String, country String, plan String, channel String) ENGINE = MergeTree() ORDER BY tuple()');
        ch.runAll('CREATE TABLE responses AS local ENGINE = Distributed(npskit, default, local, rand())');
        // Each shard loads its own part files (as a cluster is fed), in parallel.
        const parts = Array.from({ length: 8 }, (_, i) => join(partsDir, `part-${i}.csv`));
        const [tLoad] = await timed(() => Promise.all(ch.nodes.map((n, k) => new Promise((resolve, reject) => {
          const mine = parts.filter((_, i) => i % shards === k);
          const script = mine.map((p) => `tail -n +2 '${p}' | sed -E 's/,([0-9-]{10})T([0-9:]{8})[^,]*,/,\\1 \\2,/' | clickhouse-client --port ${n.tcp} --query 'INSERT INTO local FORMAT CSV' --input_format_allow_errors_num=1000000 --input_format_allow_errors_ratio=0.1`).join(' && ');
          const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
          return r.status === 0 ? resolve() : reject(new Error(r.stderr));
        }))));
        const loaded = Number(ch.run('SELECT count() FROM responses'));
        const [tQuery] = await timed(() => ch.run(`${run(cli, sqlArgs('clickhouse', 'responses'))} FORMAT CSVWithNames`));
        note(rows, `ClickHouse ${ch.version()}, ${shards} shard(s): load`, tLoad, `${loaded} rows`);
        note(rows, `ClickHouse, ${shards} shard(s): tallies query (Distributed)`, tQuery);
      } finally {
        await ch.stop();
      }
    }
  }
  if (!skip.has('dask')) {
    for (const workers of [1, 4]) {
      const [t] = await timed(() => run('/usr/bin/python3', [join(root, 'examples/dask/nps_dask.py'), partsDir, '--by', 'month,country,plan',
        '--score', 'score', '--date', 'submitted_at', '--comment', 'comment', '--workers', String(workers)]));
      note(rows, `Dask, ${workers} worker process(es), with comments: tally --comments per part + merge + analyze`, t);
    }
    const [t] = await timed(() => run(cli, ['analyze', file, '--comments', '--compact']));
    note(rows, 'CLI: npskit analyze --comments (one process)', t);
  }
}

console.log('| rows | path | seconds | | load |\n|---:|---|---:|---|---:|');
for (const r of results) console.log(`| ${r.rows.toLocaleString('en')} | ${r.path} | ${s(r.seconds)} | ${r.detail} | ${r.load} |`);
if (process.argv.includes('--clean')) rmSync(dataDir, { recursive: true, force: true });
