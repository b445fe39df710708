// The page reads a file for the core worker (web/src/push-reader.mjs) and the worker
// reads the moved bytes as a stream (web/src/byte-inbox.mjs): every byte arrives once,
// in order; the page never runs more than its window ahead of the core; a cancel stops
// both sides; a read error reaches the core, which fails the open with it. Here the
// two ends are wired in one process, with the worker's pace simulated; the dashboard's
// end-to-end tests (dashboard.test.mjs) read every CSV this way.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushable, pushFiles } from '../../web/src/push-reader.mjs';
import { byteInbox } from '../../web/src/byte-inbox.mjs';

const bytesOf = (n, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const tick = () => new Promise((r) => setTimeout(r, 0));
// A File-like Blob whose stream() gives 64 KiB chunks, as Chromium's does (Node's gives one).
function chunkedBlob(bytes, chunk = 64 << 10) {
  const blob = new Blob([bytes]);
  let at = 0;
  return { size: bytes.length, slice: (a, b) => blob.slice(a, b), stream: () => new ReadableStream({
    pull(c) { if (at >= bytes.length) { c.close(); return; } c.enqueue(bytes.slice(at, at + chunk)); at += chunk; } }) };
}

/** Wires pushFiles to byteInboxes as worker.mjs and engine.mjs do; returns what the core read. */
async function wire(files, { window = 64 << 10, stopAfter = Infinity, readDelay = 0 } = {}) {
  let pulled = 0, nextPull = null, maxAhead = 0, sent = 0, stopped = false;
  const inboxes = files.map((f) => byteInbox(f.data.size, (n) => { pulled += n; nextPull?.(); nextPull = null; }));
  const post = (msg, transfer) => {
    assert.equal(msg.type, 'chunk');
    if (msg.buf) { assert.deepEqual(transfer, [msg.buf], 'the bytes are moved'); sent += msg.buf.byteLength; }
    maxAhead = Math.max(maxAhead, sent - pulled);
    inboxes[msg.file].take(structuredClone(msg, { transfer: transfer ?? [] }));
  };
  const pushing = pushFiles({ post, target: 7, files, indexes: files.map((_, i) => i), pulled: () => pulled,
    whenPulled: () => new Promise((r) => { nextPull = r; }), stopped: () => stopped, window });
  const read = [];
  let error = null;
  try {
    for (const [i, inbox] of inboxes.entries()) {
      const parts = [];
      for await (const chunk of inbox) {
        parts.push(chunk);
        if (readDelay) await new Promise((r) => setTimeout(r, readDelay));
        if (pulled >= stopAfter && !stopped) { stopped = true; inbox.fail(Object.assign(new Error('cancelled'), { name: 'AbortError' })); }
      }
      read[i] = Buffer.concat(parts);
    }
  } catch (e) { error = e; }
  stopped ||= error !== null; // the open request is over (engine.mjs: stopped() = not pending)
  nextPull?.(); // and its end wakes a read waiting for the core (engine.mjs opening.finally)
  await pushing;
  return { read, maxAhead, error, pulled };
}

test('push reader: every byte of every file reaches the core once, in order, as its size said', async () => {
  const files = [{ name: 'a.csv', data: new Blob([bytesOf(300000, 1)]) }, { name: 'b.csv', data: new Blob([bytesOf(5, 2)]) }, { name: 'c.csv', data: new Blob([]) }];
  const { read, error } = await wire(files);
  assert.equal(error, null);
  assert.deepEqual(read.map((b) => b.length), [300000, 5, 0]);
  assert.ok(Buffer.from(bytesOf(300000, 1)).equals(read[0]) && Buffer.from(bytesOf(5, 2)).equals(read[1]));
});

test('push reader: the page stays within its window of the core (a slow core holds the read back)', async () => {
  const size = 4 << 20, window = 256 << 10;
  const { read, maxAhead } = await wire([{ name: 'big.csv', data: chunkedBlob(bytesOf(size)) }], { window, readDelay: 1 });
  assert.ok(Buffer.from(bytesOf(size)).equals(read[0]));
  // At most the window plus the one chunk read when under it.
  assert.ok(maxAhead <= window + (64 << 10), `ahead ${maxAhead}`);
  // Without a window the same read runs far ahead of a slow core: the test can tell.
  const free = await wire([{ name: 'big.csv', data: chunkedBlob(bytesOf(size)) }], { window: Infinity, readDelay: 1 });
  assert.ok(free.maxAhead > 4 * window, `unbounded read ahead ${free.maxAhead}`);
});

test('push reader: a cancel stops the core\'s read with the reason and the page\'s reading', async () => {
  const { error, pulled } = await wire([{ name: 'big.csv', data: chunkedBlob(bytesOf(2 << 20)) }], { window: 128 << 10, stopAfter: 100 << 10 });
  assert.equal(error?.name, 'AbortError');
  assert.ok(pulled < 2 << 20);
});

test('push reader: a file that cannot be read fails the open with a message naming why', async () => {
  const broken = { size: 10, slice: () => new Blob(['ab']), stream: () => new ReadableStream({ pull(c) { c.error(new Error('NotReadableError: the file changed')); } }) };
  const { error } = await wire([{ name: 'gone.csv', data: broken }]);
  assert.match(error?.message ?? '', /could not read the file: .*the file changed/);
});

test('push reader: a workbook (zip) is left to the core, which reads its parts from the Blob', async () => {
  const zip = new Blob([Uint8Array.of(0x50, 0x4b, 3, 4, 1, 2)]);
  const files = [{ name: 'a.csv', data: new Blob(['Score\n9\n']) }, { name: 'b.xlsx', data: zip }, { name: 'c.json', data: new Blob(['[]']) }];
  assert.deepEqual(await pushable(files), [0, 2]);
  await tick();
});
