// openSession(input, { shards }) over the wasm build (js/shards.mjs): a file read by
// 1, 2, 3 and 7 shards from real Blob slices answers info(), report(), rows(),
// comments() and themes() exactly as
// one session over the whole file. The core's own tests (tests/core/shards_test.cpp)
// cover every boundary offset; this one proves the JS moves the bytes right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openSession, coreModule } from '../../js/index.mjs';
import { planShards, readShard, shardedReport } from '../../js/shards.mjs';

function lcg(seed) {
  let x = BigInt(seed);
  return (n) => {
    x = (x * 6364136223846793005n + 1442695040888963407n) & 0xFFFFFFFFFFFFFFFFn;
    return Number((x >> 33n) % BigInt(n));
  };
}

// An export with quoted line breaks, CRLF, doubled quotes, multi-byte text, repeated
// ids, unreadable dates, bad and blank scores, blank lines: ~8,000 rows, so that the
// head (the first 1,000 records and 64 KB) leaves room for seven shards.
function makeCsv(rows, seed, eol, bom) {
  const next = lcg(seed);
  const country = ['France', 'Österreich', '日本', 'Brasil', '"Korea, South"'];
  const comment = ['', 'good', '"slow, but fine"', '"line one\nline two"', '"said ""wow""\r\nthen left"', 'naïve café ☕'];
  let csv = (bom ? '\uFEFF' : '') + `Response ID,Date,Score,Country,Plan,Comment,Email${eol}`;
  for (let i = 0; i < rows; i++) {
    const id = next(100) < 6 && i > 3 ? `r${next(i)}` : `r${i}`;
    const d = next(40);
    const date = d === 0 ? '' : d === 1 ? 'not a date' : `2024-${String(d % 12 + 1).padStart(2, '0')}-${10 + (d % 18)}`;
    const s = next(50);
    const score = s === 0 ? '' : s === 1 ? 'eleven' : String(next(11));
    const email = next(3) === 0 ? `p${next(40)}@x.org` : '';
    csv += `${id},${date},${score},${country[next(5)]},${['free', 'pro', ''][next(3)]},${comment[next(6)]},${email}${eol}`;
    if (next(40) === 0) csv += eol;
  }
  return new TextEncoder().encode(csv);
}

const queries = [
  {},
  { period: 'day', maxRejections: 5 },
  { filters: { where: [{ column: 'Country', op: 'ne', value: 'France' }] } },
  { cross: ['Country', 'Plan'] },
  { latestPerPerson: true },
];

const rowQueries = [
  {},
  { offset: 150, limit: 40 },
  { category: 'detractor', search: 'café' },
  { latestPerPerson: true, offset: 10, limit: 25 },
  { withComment: true, insights: true, limit: 10 },
];

for (const [eol, bom] of [['\n', false], ['\r\n', true]]) {
  test(`shards: 1, 2, 3 and 7 shards from Blob slices answer as one session (${eol === '\n' ? 'LF' : 'CRLF, BOM'})`, async () => {
    const bytes = makeCsv(8000, eol.length + 3, eol, bom);
    const one = await openSession({ name: 'export.csv', data: new Blob([bytes]) });
    const wantInfo = JSON.stringify(one.info());
    const wantReports = queries.map((q) => JSON.stringify(one.report(q)));
    const wantRows = rowQueries.map((q) => JSON.stringify(one.rows(q)));
    const wantThemes = JSON.stringify(one.themes());
    const wantComments = JSON.stringify(one.comments({ latestPerPerson: true }));
    one.close();
    for (const n of [1, 2, 3, 7]) {
      const s = await openSession({ name: 'export.csv', data: new Blob([bytes]) }, { shards: n });
      try {
        assert.equal(s.shards.count, n, `${n} shards used (${s.shards.single})`);
        assert.equal(JSON.stringify(s.info()), wantInfo, `info, ${n} shards`);
        queries.forEach((q, i) => assert.equal(JSON.stringify(s.report(q)), wantReports[i], `${JSON.stringify(q)}, ${n} shards`));
        rowQueries.forEach((q, i) => assert.equal(JSON.stringify(s.rows(q)), wantRows[i], `rows ${JSON.stringify(q)}, ${n} shards`));
        assert.equal(JSON.stringify(s.themes()), wantThemes);
        assert.equal(JSON.stringify(s.comments({ latestPerPerson: true })), wantComments);
      } finally {
        s.close();
      }
    }
  });
}

// Two ids whose 64-bit FNV-1a hashes are equal (tests/data/collisions/README.md).
const [collidingA, collidingB] = readFileSync(new URL('../data/collisions/fnv1a64-ids.txt', import.meta.url), 'utf8').trim().split('\n');

test('shards: two respondents whose ids\' hashes collide stay two, as in one session (ids and latest per person)', async () => {
  const lines = ['Response ID,Date,Score'];
  for (let i = 0; i < 6000; i++) {
    const id = i === 10 ? collidingA : i === 5990 ? collidingB : `r${i}`;
    lines.push(`${id},2024-0${1 + (i % 9)}-1${i % 10},${i % 11}`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  const one = await openSession(bytes);
  const sharded = await openSession(new Blob([bytes]), { shards: 3 });
  try {
    assert.equal(sharded.shards.count, 3, sharded.shards.single);
    for (const q of [{}, { latestPerPerson: true }]) {
      const want = one.report(q);
      assert.equal(want.rows.duplicates, 0);
      assert.equal(want.rows.valid, 6000);
      assert.deepEqual(sharded.report(q), want);
    }
  } finally {
    one.close();
    sharded.close();
  }
});

test('shards: a file that does not split is read as one session, and says why', async () => {
  const doc = `[${Array.from({ length: 50 }, (_, i) => `{"score": ${i % 11}}`).join(',\n')}]`;
  const s = await openSession(new Blob([doc]), { shards: 4 });
  try {
    assert.equal(s.shards.count, 1);
    assert.match(s.shards.single, /JSON document/);
    assert.equal(s.report().rows.valid, 50);
  } finally {
    s.close();
  }
});

test('shards: several files are read as one session, and say why', async () => {
  const bytes = makeCsv(3000, 9, '\n', false);
  const s = await openSession([{ name: 'a.csv', data: bytes }, { name: 'b.csv', data: bytes }], { shards: 3 });
  try {
    assert.equal(s.shards.count, 1);
    assert.match(s.shards.single, /several files/);
  } finally {
    s.close();
  }
});

test('shards: the option must be a whole number', async () => {
  await assert.rejects(openSession('score\n1\n', { shards: 0 }), /shards must be a whole number/);
  await assert.rejects(openSession('score\n1\n', { shards: 2.5 }), /shards must be a whole number/);
});

// A Blob that records the ranges read and runs onSlice(count) before each read: a
// read can be cancelled at a known step, without timing.
// A Blob whose slices are listed ([begin, end) each, as asked) and whose reads are
// (streamed in 64 KB chunks)
// counted as they arrive: onRead(n, offset) for the n-th read (an arrayBuffer() or a
// stream's chunk, at `offset` in the file); onSlice(n) as the n-th slice is asked.
function countedBlob(bytes, { onSlice = () => {}, onRead = () => {} } = {}) {
  const reads = [];
  const got = { n: 0 };
  const arrived = (offset) => onRead(++got.n, offset);
  class Counted extends Blob {
    slice(begin, end, type) {
      reads.push([begin, end]);
      onSlice(reads.length);
      const part = super.slice(begin, end, type);
      return {
        arrayBuffer: async () => { const b = await part.arrayBuffer(); arrived(begin); return b; },
        stream() {
          // In 64 KB chunks, as a browser streams a file (Node's Blob gives one).
          const inner = part.stream().getReader();
          let at = begin, held = new Uint8Array(0);
          return new ReadableStream({
            async pull(c) {
              if (!held.length) {
                const next = await inner.read();
                if (next.done) { c.close(); return; }
                held = next.value;
              }
              const chunk = held.subarray(0, 1 << 16);
              held = held.subarray(chunk.length);
              arrived(at);
              at += chunk.length;
              c.enqueue(chunk);
            },
            cancel: (why) => inner.cancel(why),
          }, { highWaterMark: 0 });
        },
      };
    }
  }
  return { blob: new Counted([bytes]), reads, got };
}

// ~3.4 MB: shard 1 of 2 reads the head (one 1 MB step) and its range (two steps).
function bigCsv() {
  const lines = ['id,date,score,comment'];
  for (let i = 0; i < 100000; i++) lines.push(`r${i},2024-0${1 + (i % 9)}-1${i % 10},${i % 11},comment number ${i}`);
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

test('shards: coreModule() is the API\'s one wasm instance, and the shard steps run on it', async () => {
  const Module = await coreModule();
  assert.equal(await coreModule(), Module, 'the same instance every call');
  const bytes = bigCsv();
  const plan = await planShards(Module, new Blob([bytes]), 2, '{}');
  assert.equal(plan.starts.length, 2, plan.single_reason);
  const shards = [];
  try {
    for (const k of [0, 1]) shards.push(await readShard(Module, new Blob([bytes]), plan, k, '{}', 'big.csv'));
    // Unsettled shards still answer a report: the check and id step are the caller's (settleShards);
    // here every row is counted once and no id repeats.
    const merged = shardedReport(Module, shards, {});
    assert.equal(merged.rows.valid, 100000);
  } finally {
    shards.forEach((s) => s.delete());
  }
});

test('shards: readShard streams its head and its range, and stops at a cancel before feeding the next chunk', async () => {
  const Module = await coreModule();
  const bytes = bigCsv();
  const plan = await planShards(Module, new Blob([bytes]), 2, '{}');
  assert.equal(plan.starts.length, 2, plan.single_reason);
  // Uncancelled, the last shard asks for two slices: the head, then its range to the file's end (streamed).
  const full = countedBlob(bytes);
  (await readShard(Module, full.blob, plan, 1, '{}', 'big.csv')).delete();
  assert.deepEqual(full.reads, [[0, plan.head_end], [plan.starts[1], bytes.length]]);
  assert.ok(full.got.n >= 3, `the range arrived in ${full.got.n - 1} chunks`);

  // Cancelled as the range's first chunk arrives: that chunk is not fed, nothing more is read.
  const controller = new AbortController();
  const reason = new DOMException('Import cancelled', 'AbortError');
  let cutAt = null;
  const cut = countedBlob(bytes, { onRead: (n, offset) => { if (offset >= plan.starts[1] && cutAt === null) { cutAt = n; controller.abort(reason); } } });
  await assert.rejects(readShard(Module, cut.blob, plan, 1, '{}', 'big.csv', undefined, controller.signal), (e) => e === reason);
  assert.ok(cutAt >= 2, 'the head was read first');
  assert.equal(cut.got.n, cutAt, 'no read after the cancel');
  assert.deepEqual(cut.reads, full.reads);

  // A shard whose range ends before the file's end streams its range to the next shard's
  // candidate start, then reads the record under way there by 1 MB slices: never more
  // than one step past that record's end.
  const first = countedBlob(bytes);
  const shard0 = await readShard(Module, first.blob, plan, 0, '{}', 'big.csv');
  const next = JSON.parse(shard0.extentJson()).next;
  shard0.delete();
  assert.deepEqual(first.reads[0], [0, plan.starts[1]]);
  for (const [a, b] of first.reads.slice(1)) assert.ok(a >= plan.starts[1] && a < next && b <= a + (1 << 20), `overhang slice [${a}, ${b})`);

  // Already cancelled: nothing is read.
  const none = countedBlob(bytes);
  await assert.rejects(readShard(Module, none.blob, plan, 1, '{}', 'big.csv', undefined, controller.signal), (e) => e === reason);
  assert.equal(none.reads.length, 0);
});

test('shards: openSession with shards stops at a cancel (signal) and rejects with the reason', async () => {
  const bytes = bigCsv();
  const controller = new AbortController();
  const reason = new DOMException('Import cancelled', 'AbortError');
  const cut = countedBlob(bytes, { onSlice: (n) => { if (n === 3) controller.abort(reason); } });
  await assert.rejects(openSession({ name: 'big.csv', data: cut.blob }, { shards: 2, signal: controller.signal }), (e) => e === reason);
  assert.equal(cut.reads.length, 3);
});
