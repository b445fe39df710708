// One dashboard pool worker's wasm memory (docs/dashboard.md "The worker pool"), in
// Node, as web/src/worker.mjs and shard-worker.mjs use the core: the session warm-up,
// the shard warm-up, then shard 1 of 2 of a file. The shard steps run on the API's own
// instance (js/index.mjs coreModule(), as the worker does), or with --second-instance on
// a second one (as the worker did before: each instance grows its own memory).
//   node bench/pool-worker-memory.mjs FILE [--second-instance]
import fs from 'node:fs';
import { coreModule } from '../js/index.mjs';
import createAnalyticsModule from '../dist/core/analytics.mjs';
import { warmUp, warmUpShards } from '../web/src/warmup.mjs';
import { planShards, readShard } from '../js/shards.mjs';

const file = process.argv[2];
const second = process.argv.includes('--second-instance');
if (!file) throw new Error('usage: node bench/pool-worker-memory.mjs FILE [--second-instance]');
const session = await coreModule();
await warmUp('session');
const shards = second
  ? await createAnalyticsModule({ wasmBinary: fs.readFileSync(new URL('../dist/core/analytics.wasm', import.meta.url)) })
  : session;
await warmUpShards(shards);
const blob = new Blob([fs.readFileSync(file)]);
const plan = await planShards(shards, blob, 2, '{}');
const shard = await readShard(shards, blob, plan, plan.starts.length - 1, '{}', 'file.csv');
const mb = (m) => Math.round(m.HEAPU8.length / 2 ** 20);
console.log(JSON.stringify({
  instances: second ? 2 : 1,
  wasmMemoryMB: second ? mb(session) + mb(shards) : mb(session),
  rssMB: Math.round(process.memoryUsage().rss / 2 ** 20),
}));
shard.delete();
