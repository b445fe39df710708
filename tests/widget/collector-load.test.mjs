// The reference collector under concurrent load on loopback (bounded: a few
// thousand requests over 64 connections, a few seconds): valid responses (some
// near the size limit), duplicates racing each other, oversized and malformed
// bodies, and clients that hang up mid-body, all mixed. Every valid response
// must end up as exactly one complete JSON line, and every bad one must get a
// clear status and message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createCollector } from '../../examples/collector/server.mjs';
import { listen } from './helpers.mjs';

const VALID = 2000;
const CONNECTIONS = 64;
const categoryOf = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');

// A valid response; every 10th is big (a 2000-character comment and 30 long
// attributes: ~9 KB, close to the 16 KiB limit) so appends are not all tiny.
function response(i) {
  const score = i % 11;
  const big = i % 10 === 0;
  const attributes = { n: i, plan: i % 2 ? 'Pro' : 'Free' };
  if (big) for (let k = 0; k < 28; k++) attributes['a' + k] = String.fromCharCode(97 + (k % 26)).repeat(200);
  return {
    id: `load:${i.toString(36)}:${(i * 2654435761 % 2 ** 32).toString(16).padStart(8, '0')}`, survey: 'load', score,
    category: categoryOf(score), comment: big ? `${i} ` + 'é'.repeat(1990) : `comment ${i} "quoted"\n\tline`,
    ts: new Date(Date.UTC(2025, 0, 1) + i * 1000).toISOString(), locale: 'en', page: '/p/' + i, user_id: null,
    contact_email: null, attributes,
  };
}

// One POST over the shared keep-alive agent. `cut` sends half the body and
// destroys the socket (a client that goes away mid-request).
function post(agent, port, body, { cut = false } = {}) {
  return new Promise((resolve) => {
    const buf = Buffer.from(body);
    const req = http.request({ agent, host: '127.0.0.1', port, path: '/responses', method: 'POST',
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', 'Content-Length': buf.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json = null;
        try {
          json = JSON.parse(text);
        } catch {
          /* reported below as a non-JSON answer */
        }
        resolve({ status: res.statusCode, json, text });
      });
      res.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    });
    req.on('error', (e) => resolve({ status: 0, error: e.code || e.message }));
    if (cut) {
      req.write(buf.subarray(0, buf.length >> 1));
      setTimeout(() => {
        req.destroy();
        resolve({ status: 'cut' });
      }, 5);
    } else req.end(buf);
  });
}

// Runs the jobs with at most `n` in flight.
async function pool(jobs, n) {
  const results = new Array(jobs.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]();
    }
  }));
  return results;
}

test(`${VALID} valid posts over ${CONNECTIONS} connections, with racing duplicates, oversized, malformed and cut requests`, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-load-'));
  const file = path.join(dir, 'r.ndjson');
  const server = createCollector({ file });
  const port = await listen(server);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  try {
    const valid = Array.from({ length: VALID }, (_, i) => response(i));
    const jobs = [];
    for (let i = 0; i < VALID; i++) {
      const body = JSON.stringify(valid[i]);
      jobs.push(() => post(agent, port, body).then((r) => ({ kind: 'valid', i, ...r })));
      // Every 8th response is sent three times at once: the copies race each other.
      if (i % 8 === 0) for (let k = 0; k < 2; k++) jobs.push(() => post(agent, port, body).then((r) => ({ kind: 'valid', i, ...r })));
      if (i % 20 === 0) {
        // Over 16 KiB: a long comment (20 KB), or a 300 KB body the client is still sending when refused.
        const huge = { ...valid[i], id: `huge:${i}`, comment: 'x'.repeat(i % 40 === 0 ? 20000 : 300000) };
        jobs.push(() => post(agent, port, JSON.stringify(huge)).then((r) => ({ kind: 'oversized', ...r })));
        const broken = [
          '{"id":"x", "survey":', // truncated JSON
          'not json at all',
          '[1,2,3]',
          JSON.stringify({ ...valid[i], id: `bad:${i}`, score: 11 }),
          JSON.stringify({ ...valid[i], id: `bad:${i}`, category: 'nope' }),
        ][(i / 20) % 5];
        jobs.push(() => post(agent, port, broken).then((r) => ({ kind: 'malformed', body: broken, ...r })));
        jobs.push(() => post(agent, port, JSON.stringify({ ...valid[i], id: `cut:${i}` }), { cut: true }).then((r) => ({ kind: 'cut', ...r })));
      }
    }
    // Interleave the kinds deterministically (a fixed shuffle), so faults hit mid-stream.
    let seed = 42;
    for (let i = jobs.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [jobs[i], jobs[j]] = [jobs[j], jobs[i]];
    }
    const results = await pool(jobs, CONNECTIONS);

    // Every valid response: exactly one 201 among its copies; the others 200 {duplicate: true}.
    const byId = new Map();
    for (const r of results.filter((x) => x.kind === 'valid')) {
      assert.ok(r.status === 201 || r.status === 200, `valid #${r.i}: ${r.status} ${r.error || r.text}`);
      if (r.status === 200) assert.deepEqual(r.json, { ok: true, duplicate: true });
      byId.set(r.i, (byId.get(r.i) || 0) + (r.status === 201 ? 1 : 0));
    }
    assert.equal(byId.size, VALID);
    for (const [i, created] of byId) assert.equal(created, 1, `response #${i} created ${created} times`);

    // Oversized: 413 with the limit in the message (never a reset connection).
    const oversized = results.filter((x) => x.kind === 'oversized');
    for (const r of oversized) {
      assert.equal(r.status, 413, `oversized: ${r.status} ${r.error || ''}`);
      assert.deepEqual(r.json, { ok: false, error: 'body over 16384 bytes' });
    }
    // Malformed: 400 with a message naming the problem.
    const malformed = results.filter((x) => x.kind === 'malformed');
    for (const r of malformed) {
      assert.equal(r.status, 400, `${r.body.slice(0, 40)}: ${r.status}`);
      assert.equal(r.json.ok, false);
      assert.ok(r.json.errors.length >= 1 && r.json.errors.every((e) => typeof e.message === 'string' && e.message.length > 3));
    }
    assert.ok(oversized.length === 100 && malformed.length === 100);

    // The file: every line one complete JSON record (no interleaving, no torn
    // line), exactly the valid responses, each once, byte for byte what was sent.
    const text = fs.readFileSync(file, 'utf8');
    assert.ok(text.endsWith('\n'));
    const lines = text.slice(0, -1).split('\n');
    assert.equal(lines.length, VALID);
    const stored = new Map();
    for (const line of lines) {
      const rec = JSON.parse(line);
      assert.ok(!stored.has(rec.id), `duplicate line for ${rec.id}`);
      stored.set(rec.id, rec);
    }
    for (const v of valid) assert.deepEqual(stored.get(v.id), v);
    // A restarted collector reads the same file back: every id is known.
    const again = createCollector({ file });
    const port2 = await listen(again);
    const r = await post(new http.Agent(), port2, JSON.stringify(valid[VALID - 1]));
    assert.deepEqual(r.json, { ok: true, duplicate: true });
    await new Promise((res) => again.close(res));
  } finally {
    agent.destroy();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
