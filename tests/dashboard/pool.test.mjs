// The worker pool (issue 15, web/src/shards.mjs): one file read by N workers, one
// shard each, gives the dashboard the same numbers as one worker: the whole report
// (byte-identical JSON), the panels' text (headline, distribution, segments, trend,
// data counts, the rejected rows with their line numbers), a cross-filter and
// "latest per person". Files: a generated export big enough to split, one with quoted
// newlines, duplicate ids across shards and rejected rows, and a UTF-16 file (one
// shard, read exactly as today). Each worker reads only the file's head and its own
// slice (counted by the pool's test hook); a cancel mid-read stops every worker.
// Expected n and NPS are counted here from the scores this test writes (oracle.mjs).
import { describe, it, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { root, withDashboard, openPage, rendered } from './helpers.mjs';
import { makeRng, summarize, tallyOf } from '../data/oracle.mjs';
import { poolSize, poolForced, shardsFor, notShardable, MIN_SHARD_BYTES } from '../../web/src/shards.mjs';

const dash = withDashboard();

const COUNTRIES = ['DE', 'FR', 'US', 'NL'];
const MiB = 1 << 20;

/**
 * An export of `rows` records: id, email, date, score, comment, Country. With `tricky`:
 * comments with quoted newlines and quotes, a later copy of an earlier id every 401st
 * row (across shards: counted once), and a score "eleven" every 997th row (rejected,
 * with the line the record starts on). Returns the text and what the test knows.
 */
// A word of letters only, distinct for each i (a key phrase no other comment has).
const word = (i) => { let w = ''; do { w += String.fromCharCode(97 + (i % 26)); i = Math.floor(i / 26); } while (i); return w + 'x'; };

function exportFile(rows, { tricky = false, seed = 15, distinctPhrases = false } = {}) {
  const rng = makeRng(seed).next;
  const lines = ['id,email,date,score,comment,Country'];
  const all = tallyOf();
  const rejectedLines = [];
  let line = 2; // the line the next record starts on (the header is line 1)
  for (let i = 0; i < rows; i++) {
    const score = Math.floor(rng() * 11);
    const dup = tricky && i > 30000 && i % 401 === 0 && (i - 30000) % 997 !== 5; // never a copy of a rejected row
    const bad = tricky && !dup && i % 997 === 5;
    const id = dup ? `R${i - 30000}` : `R${i}`;
    const comment = distinctPhrases ? `${word(i)} ${word(i + 7919)} ${word(i * 3 + 1)}`
      : tricky && i % 7 === 0 ? `"Said ""hi"", then:\nsecond line ${i}"` : rng() < 0.3 ? `word ${i % 13}` : '';
    const record = `${id},p${i % 5003}@example.com,2025-0${1 + (i % 9)}-1${i % 9}T10:00:00Z,${bad ? 'eleven' : score},${comment},${COUNTRIES[i % 4]}`;
    lines.push(record);
    if (bad) rejectedLines.push(line);
    else if (!dup) all[score]++;
    line += record.split('\n').length;
  }
  return { text: lines.join('\n') + '\n', overall: summarize(all), rejectedLines };
}

/**
 * How many of the n-1 speculated shard starts land inside a quoted field: the first LF
 * at or after k * size / n (docs/shards.md) with an odd count of quotes before it. Such a
 * shard read from a wrong place and must be read again.
 */
function wrongStarts(text, n) {
  const bytes = Buffer.from(text);
  let misses = 0;
  for (let k = 1; k < n; k++) {
    const lf = bytes.indexOf(10, Math.floor((k * bytes.length) / n));
    let quotes = 0;
    for (let i = 0; i < lf; i++) if (bytes[i] === 34) quotes++;
    if (quotes % 2) misses++;
  }
  return misses;
}

const nps = (v) => (v > 0 ? '+' : v < 0 ? '−' : '') + Math.abs(v).toFixed(1);
const int = (v) => new Intl.NumberFormat('en-US').format(v);

const PANELS = ['headline', 'distribution', 'trend', 'segments', 'data', 'themes', 'comments'];

/** What the dashboard shows once rendered: the report, the panels' text, the pool's record. */
async function shown(page) {
  return page.evaluate((ids) => ({
    report: JSON.stringify(window.__npskit.report),
    panels: Object.fromEntries(ids.map((id) => [id, document.getElementById(id).textContent])),
    rejected: [...document.querySelectorAll('#rejected-rows tbody tr')].map((tr) => tr.querySelector('td').textContent),
    n: document.querySelector('[data-testid=n]').textContent,
    nps: document.querySelector('[data-testid=nps]').textContent,
    pool: JSON.parse(JSON.stringify({ ...window.__npskit.engine.pool, last: { ...window.__npskit.engine.pool.last, reads: undefined } })),
  }), PANELS);
}

/** Opens the dashboard with `workers`, drops the file, returns what it shows (then with a filter, latest per person). */
async function look(workers, file, { interact = true, exportComments = false } = {}) {
  const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/?workers=${workers}#seg=Country`);
  await page.waitForFunction(() => window.__npskit && document.body.dataset.boot === '1');
  await page.setInputFiles('#file-input', file);
  await rendered(page, 0, 120000);
  const views = { opened: await shown(page) };
  const reads = await page.evaluate(() => window.__npskit.engine.pool.last);
  if (interact) {
    let n = await page.evaluate(() => Number(document.body.dataset.renders));
    await page.getByRole('button', { name: 'Filter every view to Country = FR' }).click();
    await rendered(page, n, 120000);
    views.filtered = await shown(page);
    n = await page.evaluate(() => Number(document.body.dataset.renders));
    await page.check('#f-latest');
    await rendered(page, n, 120000);
    views.latest = await shown(page);
  }
  let exported = null;
  if (exportComments) { // every comment of the file, paged 10,000 rows at a time (export-rows.mjs)
    if (interact) {
      let n = await page.evaluate(() => Number(document.body.dataset.renders));
      await page.uncheck('#f-latest');
      await rendered(page, n, 120000);
      n = await page.evaluate(() => Number(document.body.dataset.renders));
      await page.getByRole('button', { name: /^Remove filter Country/ }).click();
      await rendered(page, n, 120000);
    }
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /nps-comments\.csv/ }).click()]);
    exported = fs.readFileSync(await dl.path(), 'utf8');
  }
  const after = await page.evaluate(() => window.__npskit.engine.pool.last);
  await page.close();
  return { views, reads, errors, exported, after };
}

function sameNumbers(one, four, label) {
  for (const [view, a] of Object.entries(one.views)) {
    const b = four.views[view];
    assert.equal(b.report, a.report, `${label} ${view}: the same report`);
    assert.deepEqual(b.panels, a.panels, `${label} ${view}: the same panels`);
    assert.deepEqual(b.rejected, a.rejected, `${label} ${view}: the same rejected lines`);
  }
}

describe('the worker pool', () => {
  it('sizes the pool: ?workers=N, auto = the cores up to 4, by default auto with 4+ cores and 1 below', () => {
    assert.equal(poolSize('?workers=3', 2), 3);
    assert.equal(poolSize('?workers=99', 2), 8, 'capped');
    assert.equal(poolSize('?workers=auto', 16), 4);
    assert.equal(poolSize('?workers=auto', 2), 2);
    assert.equal(poolSize('', 2), 1);
    assert.equal(poolSize('', 4), 4);
    assert.equal(poolSize('', 12), 4);
    assert.equal(poolSize('?workers=0', 12), 4, 'not a size: the default');
    assert.equal(poolSize('?workers=abc', 1), 1);
  });

  it('reads a small file with fewer workers unless ?workers=N asks for every one', () => {
    const MiB = 2 ** 20;
    assert.equal(MIN_SHARD_BYTES >= MiB, true);
    assert.equal(shardsFor(10 * MiB, 4), Math.max(1, Math.min(4, Math.floor(10 * MiB / MIN_SHARD_BYTES))));
    assert.equal(shardsFor(2 * MIN_SHARD_BYTES - 1, 4), 1, 'under two shards\' worth: one worker');
    assert.equal(shardsFor(2 * MIN_SHARD_BYTES, 4), 2);
    assert.equal(shardsFor(3 * MIN_SHARD_BYTES + 5, 2), 2, 'never more than the workers');
    assert.equal(shardsFor(1000, 4, true), 4, 'forced: every worker');
    assert.equal(poolForced('?workers=2'), true);
    assert.equal(poolForced('?workers=auto'), false);
    assert.equal(poolForced(''), false);
    const blob = (bytes) => [{ name: 'f.csv', data: new Blob([new Uint8Array(bytes)]) }];
    assert.match(notShardable(blob(1000), 4, false), /is read faster by one worker/);
    assert.equal(notShardable(blob(1000), 4, true), null);
    assert.match(notShardable([...blob(10), ...blob(10)], 4, true), /several files/);
  });

  it('gives the same numbers with 1 and 4 workers on a file big enough to split, each worker reading only its slice', async () => {
    const want = exportFile(120000);
    const file = { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(want.text) };
    const one = await look(1, file);
    const four = await look(4, file);
    assert.equal(one.views.opened.n, int(want.overall.n));
    assert.equal(one.views.opened.nps, nps(want.overall.nps));
    assert.equal(one.views.opened.pool.workers, 1);
    assert.equal(four.views.opened.pool.workers, 4);
    assert.equal(four.views.opened.pool.last.shards, 4, 'read as 4 shards');
    assert.equal(four.views.opened.pool.last.single, null);
    sameNumbers(one, four, 'big.csv');
    assert.notEqual(four.views.filtered.n, four.views.opened.n, 'the filter changed the numbers');
    assert.deepEqual([...one.errors, ...four.errors], []);

    // Each worker asked the file for its head and its own range only (1 MiB steps: a read
    // may run past its range's end by less than one step, never before its start).
    const { plan, planReads, reads } = four.reads;
    const size = file.buffer.length;
    let at = 0; // worker 0 planned from the head: reads from 0 on, in steps, ending within a step past the head
    for (const [a, b] of planReads) { assert.equal(a, at, 'the plan reads the file from its start'); at = b; }
    assert.ok(at >= plan.head_end && at <= plan.head_end + MiB, `the plan read ${at} bytes for a head of ${plan.head_end}`);
    assert.ok(size > 4 * MiB, `the file (${size} bytes) is bigger than the 1 MiB step`);
    assert.equal(plan.starts.length, 4);
    const covered = [];
    reads.forEach((ranges, k) => {
      const own = ranges.filter(([a]) => k === 0 || a >= plan.head_end);
      const head = ranges.filter((r) => !own.includes(r));
      for (const [a, b] of head) assert.ok(a >= 0 && b <= plan.head_end, `worker ${k}: head read [${a}, ${b}) within [0, ${plan.head_end})`);
      const begin = plan.starts[k], end = plan.starts[k + 1] ?? size;
      for (const [a, b] of own) {
        assert.ok(a >= begin, `worker ${k}: read [${a}, ${b}) starts at or after its start ${begin}`);
        assert.ok(b <= Math.min(size, end + MiB), `worker ${k}: read [${a}, ${b}) ends within a step of its range's end ${end}`);
      }
      const bytes = own.reduce((s, [a, b]) => s + b - a, 0);
      assert.ok(bytes <= end - begin + MiB && bytes < size / 2, `worker ${k} read ${bytes} of ${size} bytes for its range of ${end - begin}`);
      covered.push(...own);
    });
    covered.sort((x, y) => x[0] - y[0]);
    let upTo = 0;
    for (const [a, b] of covered) { assert.ok(a <= upTo, `no gap before ${a}`); upTo = Math.max(upTo, b); }
    assert.equal(upTo, size, 'the workers together read the whole file');
  });

  it('gives the same numbers with 1 and 4 workers with quoted newlines, duplicate ids across shards and rejected rows', async () => {
    // A seed whose file makes at least one shard start inside a quoted field (a re-read).
    let want;
    for (let seed = 1; !want; seed++) { const f = exportFile(70000, { tricky: true, seed }); if (wrongStarts(f.text, 4)) want = f; }
    const file = { name: 'tricky.csv', mimeType: 'text/csv', buffer: Buffer.from(want.text) };
    const one = await look(1, file, { exportComments: true });
    const four = await look(4, file, { exportComments: true });
    assert.equal(one.views.opened.n, int(want.overall.n));
    assert.equal(one.views.opened.nps, nps(want.overall.nps));
    assert.equal(four.views.opened.pool.last.shards, 4, 'read as 4 shards');
    // The export pages past 10,000 rows: one worker's session pages them (not each shard's whole prefix per page).
    assert.ok(one.exported.split('\n').length > 10002, 'the export holds more than one page');
    assert.equal(four.exported, one.exported, 'the same comments export');
    assert.equal(four.after.fallback, true);
    assert.match(four.after.single, /rows past the first 10,000/);
    assert.ok(four.views.opened.pool.last.rereads >= 1, 'a shard that started inside a quoted field was read again');
    assert.deepEqual(one.views.opened.rejected.map(Number), want.rejectedLines.slice(0, one.views.opened.rejected.length), 'rejected rows listed with their lines');
    assert.ok(one.views.opened.rejected.length > 10);
    sameNumbers(one, four, 'tricky.csv');
    assert.match(four.views.opened.panels.data, /Duplicates \(same id, counted once\)\d/);
  });

  it('reads a UTF-16 file in one worker with 4 asked, with the same numbers', async () => {
    const want = exportFile(3000, { seed: 16 });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(want.text, 'utf16le')]);
    const file = { name: 'utf16.csv', mimeType: 'text/csv', buffer: utf16 };
    const one = await look(1, file, { interact: false });
    const four = await look(4, file, { interact: false });
    assert.equal(four.views.opened.n, int(want.overall.n));
    assert.equal(four.views.opened.pool.last.shards, 1);
    assert.match(four.views.opened.pool.last.single, /UTF-16/i, 'the plan says why it is one shard');
    sameNumbers(one, four, 'utf16.csv');
  });

  it('reads the file in one worker when a merge cannot be exact (comments with more key phrases than the counter keeps)', async () => {
    const want = exportFile(70000, { seed: 21, distinctPhrases: true });
    const file = { name: 'phrases.csv', mimeType: 'text/csv', buffer: Buffer.from(want.text) };
    const one = await look(1, file);
    const four = await look(4, file);
    assert.equal(four.views.opened.pool.last.shards, 4, 'read as 4 shards');
    assert.equal(four.views.filtered.pool.last.fallback, true, 'a filtered comments query could not merge exactly: one worker read the file');
    assert.match(four.views.filtered.pool.last.single, /cannot shard exactly: .*key phrases/);
    assert.equal(one.views.opened.n, int(want.overall.n));
    sameNumbers(one, four, 'phrases.csv');
    assert.deepEqual([...one.errors, ...four.errors], []);
  });

  it('a cancel mid-read stops every worker, and the page reads the next file', async () => {
    const want = exportFile(90000, { seed: 3 });
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/?workers=4#seg=Country`);
    await page.waitForFunction(() => window.__npskit && document.body.dataset.boot === '1');
    // The pool's test hook: every worker's read waits after its first slice until cancelled.
    await page.evaluate(() => { window.__npskit.engine.pool.holdReads = true; });
    await page.setInputFiles('#file-input', { name: 'held.csv', mimeType: 'text/csv', buffer: Buffer.from(want.text) });
    await page.waitForFunction(() => window.__npskit.engine.pool.last?.held === 4);
    await page.click('#btn-cancel');
    await page.waitForSelector('#error:not([hidden])', { timeout: 5000 });
    assert.match(await page.textContent('#error'), /cancelled/i);
    await page.waitForFunction(() => window.__npskit.engine.pool.last.outcomes.every((o) => o !== null));
    const last = await page.evaluate(() => window.__npskit.engine.pool.last);
    assert.deepEqual(last.outcomes, ['AbortError', 'AbortError', 'AbortError', 'AbortError'], 'every worker\'s read stopped');
    assert.equal(await page.isHidden('#progress'), true);
    assert.equal(await page.evaluate(() => document.body.dataset.renders ?? null), null, 'nothing drawn');
    // The same workers read the file again (no restart needed), with its numbers.
    await page.evaluate(() => { window.__npskit.engine.pool.holdReads = false; });
    await page.setInputFiles('#file-input', { name: 'again.csv', mimeType: 'text/csv', buffer: Buffer.from(want.text) });
    await rendered(page, 0, 120000);
    assert.equal(await page.textContent('[data-testid=n]'), int(want.overall.n));
    assert.equal(await page.evaluate(() => window.__npskit.engine.pool.last.shards), 4);
    assert.deepEqual(errors.filter((e) => !/cancelled/i.test(e)), []);
    await page.close();
  });

  it('a worker stuck mid-read is stopped and restarted: the loaded file is read again by the new pool', async () => {
    const loaded = exportFile(100000, { seed: 5 }); // shards past 1 MB: every read has a second slice to hold
    const other = exportFile(100000, { seed: 6 });
    const { page, errors } = await openPage(dash.browser.context, `${dash.srv.base}/dist/dashboard/?workers=4#seg=Country`);
    await page.waitForFunction(() => window.__npskit && document.body.dataset.boot === '1');
    await page.setInputFiles('#file-input', { name: 'loaded.csv', mimeType: 'text/csv', buffer: Buffer.from(loaded.text) });
    await rendered(page, 0, 120000);
    assert.equal(await page.textContent('[data-testid=n]'), int(loaded.overall.n));
    const n = await page.evaluate(() => Number(document.body.dataset.renders));
    // Every worker's read of the next file hangs, ignoring the cancel (a worker busy in wasm).
    await page.evaluate(() => { window.__npskit.engine.pool.holdReads = 'stuck'; });
    await page.setInputFiles('#file-input', { name: 'other.csv', mimeType: 'text/csv', buffer: Buffer.from(other.text) });
    await page.waitForFunction(() => window.__npskit.engine.pool.last?.hold === 'stuck' && window.__npskit.engine.pool.last.held === 4);
    const stuck = await page.evaluate(() => { const last = window.__npskit.engine.pool.last; window.__npskit.engine.pool.holdReads = false; return last; });
    await page.click('#btn-cancel');
    // The engine stops the workers; the page reads the loaded file again on new ones.
    await rendered(page, n, 120000);
    assert.deepEqual(stuck.outcomes, [null, null, null, null], 'no read had ended before the cancel');
    const after = await page.evaluate(() => window.__npskit.engine.pool.last);
    assert.deepEqual(after.outcomes, ['read', 'read', 'read', 'read'], 'the restarted workers read their shards');
    assert.equal(after.shards, 4);
    assert.equal(await page.textContent('[data-testid=n]'), int(loaded.overall.n), 'the loaded file again');
    assert.deepEqual(errors, []);
    await page.close();
  });
});
