// Warm-up run by each analysis worker at start, while the user is still picking a
// file. Browsers compile WebAssembly in two tiers: a quick baseline first, and the
// optimized code only for functions that have run hot. Without this, the first
// file a user drops is parsed by baseline code (about 2.5x slower for 100k rows,
// bench/dashboard-bench.mjs). A small synthetic export sends every hot path
// (parse, dates, segments, sentiment, themes, queries) through the core once.
import { openSession, analyze, stats } from '../../js/index.mjs';
import { openShardedSession, shardedInfo, shardedReport, shardedRows, shardedComments } from '../../js/shards.mjs';

const COUNTRIES = ['US', 'GB', 'DE', 'FR', 'NL', 'CA'];
const PLANS = ['Free', 'Plus', 'Business'];
const COMMENTS = ['"Great service, fast delivery"', '"Too expensive, prices went up"', 'App keeps crashing 😡',
  'Support was slow to answer', 'Love it ❤️', 'Easy to use but the checkout is confusing', ''];

// The statistics a render asks once the report is in (web/src/view.mjs derivedCalls):
// the numbers wait for them, so they must not run cold either.
const STATS_QUERIES = [
  { confidence: 0.95, compare: { a: { promoters: 420, passives: 310, detractors: 270 }, b: { promoters: 380, passives: 300, detractors: 320 } } },
  { confidence: 0.95, sampleSize: { margin: 5, expected: { histogram: [5, 3, 4, 6, 8, 20, 30, 60, 80, 70, 90] } } },
];

/** A deterministic CSV shaped like a survey tool's export. */
export function warmupCsv(rows) {
  const lines = ['Response ID,Email,Submitted At,How likely are you to recommend us?,Why?,Country,Plan'];
  const day = 864e5, start = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const at = new Date(start + ((i * 7919) % 700) * day + (i % 86400) * 1000).toISOString().slice(0, 19) + 'Z';
    lines.push([`R${i}`, `p${i % 997}@example.com`, at, i % 50 === 0 ? '' : String((i * 7) % 11),
      COMMENTS[i % COMMENTS.length], COUNTRIES[i % COUNTRIES.length], PLANS[(i >> 1) % PLANS.length]].join(','));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/**
 * Runs the queries the dashboard makes on a first drop ('session'), or the comments
 * prefetch ('analyze'). `signal` stops it between steps (rejects with an AbortError).
 */
export async function warmUp(kind, { rows = 40000, signal } = {}) {
  const data = warmupCsv(rows);
  if (kind === 'analyze') {
    await analyze(data, { comments: true, period: 'month', signal });
    // The numbers-first preview (engine.mjs) and the statistics then asked of this worker:
    // its id sort runs once per file, so without this it would run as baseline code.
    signal?.throwIfAborted();
    await analyze(data, { period: 'month', sessionPreview: { name: 'warmup.csv' }, signal });
    for (const query of STATS_QUERIES) {
      signal?.throwIfAborted();
      await stats(query);
    }
    return;
  }
  const session = await openSession([{ name: 'warmup.csv', data }], { signal });
  try {
    const steps = [
      () => session.info(),
      () => session.report({ period: 'month', segments: ['Country'] }),
      () => session.comments({ period: 'month' }),
      () => session.rows({ withComment: true, insights: true, limit: 25 }),
      () => session.rows({ category: 'detractor', limit: 25 }),
      ...STATS_QUERIES.map((query) => () => stats(query)),
    ];
    for (const step of steps) {
      signal?.throwIfAborted();
      await step(); // stats() answers through a promise
      await new Promise((resolve) => setTimeout(resolve, 0)); // lets a request that arrived meanwhile in first
    }
  } finally {
    session.close();
  }
}

/**
 * A pool worker's warm-up ('shard'): its module (the session's too) runs the shard
 * steps over the same synthetic export read as 2 shards, so a first drop read by the
 * pool gets optimized code on the shard path too.
 */
export async function warmUpShards(Module, { rows = 40000, signal } = {}) {
  const data = warmupCsv(rows);
  const opened = await openShardedSession(Module, data, 2, '{}', 'warmup.csv', signal);
  if (!opened.shards) return;
  try {
    const steps = [
      () => shardedInfo(Module, opened.shards),
      () => shardedReport(Module, opened.shards, { period: 'month', segments: ['Country'] }),
      () => shardedComments(Module, opened.shards, { period: 'month' }),
      () => shardedRows(Module, opened.shards, { withComment: true, insights: true, limit: 25 }),
    ];
    for (const step of steps) {
      signal?.throwIfAborted();
      step();
      await new Promise((resolve) => setTimeout(resolve, 0)); // lets a request that arrived meanwhile in first
    }
  } finally {
    opened.shards.forEach((s) => s.delete());
  }
}
