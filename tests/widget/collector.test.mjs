// The reference collector on its own: validation, size limit, CORS, dedupe by
// idempotency key (also across restarts, from the file), flat NDJSON records.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCollector } from '../../examples/collector/server.mjs';
import { listen } from './helpers.mjs';

const good = {
  id: 'nps:m7q16ps0:a1b2c3d4e5f60718', survey: 'nps', score: 9, category: 'promoter', comment: 'Great', ts: '2025-03-01T10:00:00.000Z',
  locale: 'en', page: '/checkout', user_id: null, contact_email: null, attributes: { plan: 'Pro', country: 'DE' },
};

async function withCollector(fn, opts = {}) {
  const file = opts.file || path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-col-')), 'r.ndjson');
  const server = createCollector({ ...opts, file });
  const port = await listen(server);
  const post = (body, headers = {}) =>
    fetch(`http://127.0.0.1:${port}/responses`, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers });
  try {
    await fn({ post, port, file, lines: () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  return file;
}

test('stores a valid response as one flat NDJSON line; drops the duplicate', async () => {
  const file = await withCollector(async ({ post, lines }) => {
    assert.equal((await post(good)).status, 201);
    const dup = await post(good);
    assert.equal(dup.status, 200);
    assert.deepEqual(await dup.json(), { ok: true, duplicate: true });
    assert.deepEqual(lines(), [good]);
  });
  // After a restart the ids already in the file still count as seen.
  const server = createCollector({ file });
  const port = await listen(server);
  const r = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: JSON.stringify(good) });
  assert.deepEqual(await r.json(), { ok: true, duplicate: true });
  await new Promise((res) => server.close(res));
  assert.equal(fs.readFileSync(file, 'utf8').trim().split('\n').length, 1);
});

test('rejects invalid payloads with every bad field', async () => {
  await withCollector(async ({ post }) => {
    const r = await post({ ...good, id: 'has space', score: 11, comment: 5, ts: 'yesterday', attributes: { 'bad key': 1, deep: { a: 1 } } });
    assert.equal(r.status, 400);
    const fields = (await r.json()).errors.map((e) => e.field).sort();
    assert.deepEqual(fields, ['attributes.bad key', 'attributes.deep', 'comment', 'id', 'score', 'ts']);
    assert.equal((await post({ ...good, category: 'passive' })).status, 400);
    assert.equal((await post('not json')).status, 400);
    assert.equal((await post('[1,2]')).status, 400);
  });
});

test('limits the body size', async () => {
  await withCollector(async ({ post }) => {
    const r = await post({ ...good, comment: 'x'.repeat(5000) });
    assert.equal(r.status, 413);
  }, { maxBytes: 4096 });
});

test('answers CORS preflights and restricts origins when configured', async () => {
  await withCollector(async ({ port, post }) => {
    const pre = await fetch(`http://127.0.0.1:${port}/responses`, { method: 'OPTIONS', headers: { Origin: 'https://shop.example' } });
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), 'https://shop.example');
    assert.match(pre.headers.get('access-control-allow-methods'), /POST/);
    const other = await post(good, { Origin: 'https://evil.example' });
    assert.equal(other.headers.get('access-control-allow-origin'), null);
  }, { origins: ['https://shop.example'] });
});

test('serves the NDJSON file only with the read token, never with Access-Control-Allow-Origin: *', async () => {
  await withCollector(async ({ post, port }) => {
    await post(good);
    const url = `http://127.0.0.1:${port}/responses.ndjson`;
    const open = await fetch(url, { headers: { Origin: 'http://localhost:8080' } });
    assert.equal(open.status, 401);
    assert.doesNotMatch(await open.text(), /Great/);
    const r = await fetch(url, { headers: { Authorization: 'Bearer s3cret-token' } });
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('access-control-allow-origin'), null);
    assert.deepEqual(JSON.parse((await r.text()).trim()), good);
  }, { readToken: 's3cret-token' });
});

test('a torn last line (a crash mid-append) is cut off at start, so the next record gets its own line', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-col-'));
  const file = path.join(dir, 'r.ndjson');
  const other = { ...good, id: 'nps:m7q16ps0:ffffffffffffffff', comment: 'Très bien' };
  // Torn inside the two-byte "è" of the resent response's comment.
  const torn = Buffer.from(JSON.stringify({ ...good, comment: 'Très bien' }));
  fs.writeFileSync(file, Buffer.concat([Buffer.from(JSON.stringify(other) + '\n'), torn.subarray(0, torn.indexOf('è') + 1)]));
  await withCollector(async ({ post }) => {
    // The torn response was never acknowledged: the widget resends it, and it is stored whole.
    assert.equal((await post(good)).status, 201);
  }, { file });
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  assert.equal(lines.pop(), '');
  assert.deepEqual(lines.map((l) => JSON.parse(l)), [other, good]);
  // A complete last line that only lacks its newline is kept, and gets one.
  fs.writeFileSync(file, JSON.stringify(other));
  await withCollector(async ({ post }) => assert.equal((await post(good)).status, 201), { file });
  assert.deepEqual(fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l)), [other, good]);
});

test('a failed write answers 500 (the widget retries), the collector keeps running, the retry is stored', async () => {
  await withCollector(async ({ post, file, lines }) => {
    // The file's path turns into a directory: every append fails (EISDIR), even as root.
    fs.rmSync(file, { force: true });
    fs.mkdirSync(file);
    const r = await post(good);
    assert.equal(r.status, 500);
    assert.equal((await r.json()).ok, false);
    fs.rmdirSync(file);
    assert.equal((await post(good)).status, 201, 'not mistaken for a duplicate');
    assert.deepEqual(lines(), [good]);
  });
});
