// Who may write to and read from the reference collector: the read token
// (header or ?token=), CORS that never says "*" for the stored file, the origin
// allowlist for writes (a foreign page's text/plain POST, which skips the
// preflight, is not stored), and the command-line flags that set both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCollector, parseArgs } from '../../examples/collector/server.mjs';
import { listen, root } from './helpers.mjs';

const good = {
  id: 'acc:m7q16ps0:a1b2c3d4e5f60718', survey: 'acc', score: 3, category: 'detractor', comment: 'Call me',
  ts: '2025-03-01T10:00:00.000Z', locale: 'en', page: '/', user_id: 'u-42', contact_email: 'ann@example.com', attributes: {},
};
const SHOP = 'https://shop.example';
const DASH = 'https://dash.example';
const TOKEN = 'tok-' + 'x'.repeat(30);
const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-acc-')), 'r.ndjson');
const stored = (file) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []);

async function withCollector(opts, fn) {
  const file = tmpFile();
  const server = createCollector({ file, ...opts });
  const port = await listen(server);
  try {
    await fn({ base: `http://127.0.0.1:${port}`, file });
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

test('reading the stored file needs the token: Bearer header or ?token=; wrong or missing tokens get 401 and no data', async () => {
  await withCollector({ readToken: TOKEN, origins: [SHOP, DASH] }, async ({ base }) => {
    assert.equal((await fetch(base + '/r', { method: 'POST', body: JSON.stringify(good), headers: { Origin: SHOP } })).status, 201);
    const url = base + '/responses.ndjson';
    for (const headers of [{}, { Authorization: 'Bearer wrong' }, { Authorization: 'Basic ' + btoa('a:' + TOKEN) }, { Authorization: 'Bearer ' }]) {
      const r = await fetch(url, { headers });
      assert.equal(r.status, 401, JSON.stringify(headers));
      assert.match(r.headers.get('www-authenticate'), /^Bearer/);
      const text = await r.text();
      assert.doesNotMatch(text, /ann@example\.com/);
      assert.match(JSON.parse(text).error, /token/);
    }
    assert.equal((await fetch(url + '?token=wrong')).status, 401);
    assert.equal((await fetch(base + '/any/path/x.ndjson')).status, 401, 'every *.ndjson path is guarded');
    const viaHeader = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(viaHeader.status, 200);
    assert.equal(JSON.parse(await viaHeader.text()).contact_email, 'ann@example.com');
    const viaQuery = await fetch(`${url}?token=${encodeURIComponent(TOKEN)}`);
    assert.equal(viaQuery.status, 200);
    assert.equal(JSON.parse(await viaQuery.text()).id, good.id);
  });
});

test('without a configured token, reading is off (403), whatever is sent', async () => {
  await withCollector({}, async ({ base }) => {
    for (const headers of [{}, { Authorization: 'Bearer ' }, { Authorization: 'Bearer null' }]) {
      const r = await fetch(base + '/responses.ndjson?token=', { headers });
      assert.equal(r.status, 403);
      assert.match((await r.json()).error, /--read-token/);
    }
  });
});

test('CORS for the stored file: only a listed origin is echoed, never "*" (also with no allowlist)', async () => {
  await withCollector({ readToken: TOKEN, origins: [DASH] }, async ({ base }) => {
    const auth = { Authorization: `Bearer ${TOKEN}` };
    const listed = await fetch(base + '/responses.ndjson', { headers: { ...auth, Origin: DASH } });
    assert.equal(listed.headers.get('access-control-allow-origin'), DASH);
    const foreign = await fetch(base + '/responses.ndjson', { headers: { ...auth, Origin: 'https://evil.example' } });
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    // The preflight of a dashboard that sends the Authorization header.
    const pre = await fetch(base + '/responses.ndjson', { method: 'OPTIONS', headers: { Origin: DASH,
      'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'authorization' } });
    assert.equal(pre.headers.get('access-control-allow-origin'), DASH);
    assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
    const evilPre = await fetch(base + '/responses.ndjson', { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    assert.equal(evilPre.headers.get('access-control-allow-origin'), null);
  });
  await withCollector({ readToken: TOKEN }, async ({ base }) => {
    for (const method of ['GET', 'OPTIONS']) {
      const r = await fetch(base + '/responses.ndjson', { method, headers: { Origin: 'https://any.example', Authorization: `Bearer ${TOKEN}` } });
      assert.equal(r.headers.get('access-control-allow-origin'), null, method);
    }
  });
});

test('with an origin allowlist, only listed origins are stored: a foreign text/plain POST (no preflight) is refused with 403', async () => {
  await withCollector({ origins: [SHOP] }, async ({ base, file }) => {
    const post = (origin, id) => fetch(base + '/responses', { method: 'POST', body: JSON.stringify({ ...good, id }),
      headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...(origin ? { Origin: origin } : {}) } });
    const foreign = await post('https://evil.example', 'acc:1:aaaaaaaa');
    assert.equal(foreign.status, 403);
    assert.match((await foreign.json()).error, /evil\.example.*--origin/);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    assert.equal((await post('null', 'acc:2:aaaaaaaa')).status, 403, 'sandboxed / file: pages send Origin: null');
    assert.equal((await post(null, 'acc:3:aaaaaaaa')).status, 403, 'no Origin at all');
    assert.equal((await post(SHOP + '.evil.example', 'acc:4:aaaaaaaa')).status, 403, 'exact match, not a prefix');
    assert.deepEqual(stored(file), [], 'nothing refused reached the file');
    const ok = await post(SHOP, 'acc:5:aaaaaaaa');
    assert.equal(ok.status, 201);
    assert.equal(ok.headers.get('access-control-allow-origin'), SHOP);
    assert.deepEqual(stored(file).map((r) => r.id), ['acc:5:aaaaaaaa']);
    // A foreign page's big body is refused too, and the connection answers (not reset).
    const big = await fetch(base + '/responses', { method: 'POST', body: 'x'.repeat(200_000), headers: { Origin: 'https://evil.example' } });
    assert.equal(big.status, 403);
  });
});

test('command-line flags: --origin (repeatable, comma-separated), --read-token, errors for bad values', () => {
  const o = parseArgs(['--port', '9000', '--file', 'x.ndjson', '--origin', 'https://a.example,https://b.example:8443', '--origin',
    'http://localhost:8080', '--read-token', 'abc']);
  assert.deepEqual(o.origins, ['https://a.example', 'https://b.example:8443', 'http://localhost:8080']);
  assert.equal(o.readToken, 'abc');
  assert.equal(o.port, 9000);
  assert.equal(parseArgs([]).origins, '*');
  assert.throws(() => parseArgs(['--origin', 'https://a.example/path']), /scheme and host/);
  assert.throws(() => parseArgs(['--origin', 'a.example']), /--origin/);
  assert.throws(() => parseArgs(['--read-token']), /needs a value/);
  assert.throws(() => parseArgs(['--token', 'x']), /unknown option --token/);
  assert.throws(() => parseArgs(['--port', '70000']), /--port/);
});

// The real process, as `npm start` runs it: flags in, the printed download command works.
test('the command line sets the allowlist and the token; the printed curl command downloads the file', async () => {
  const file = tmpFile();
  const child = spawn(process.execPath, [path.join(root, 'examples/collector/server.mjs'), '--port', '0', '--file', file,
    '--origin', SHOP], { env: { ...process.env, NPSKIT_COLLECTOR_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (c) => (out += c) && /download: /.test(out) && resolve());
      child.on('exit', (code) => reject(new Error('collector exited ' + code)));
    });
    const base = out.match(/http:\/\/localhost:(\d+)\//)[0].replace('localhost', '127.0.0.1');
    assert.match(out, /accepts responses from: https:\/\/shop\.example/);
    assert.doesNotMatch(out, new RegExp(TOKEN), 'a token given through the environment is not echoed');
    assert.equal((await fetch(base + 'r', { method: 'POST', body: JSON.stringify(good), headers: { Origin: 'https://evil.example' } })).status, 403);
    assert.equal((await fetch(base + 'r', { method: 'POST', body: JSON.stringify(good), headers: { Origin: SHOP } })).status, 201);
    // The printed command, with the variable it names filled in.
    const cmd = out.match(/download: (curl .*)/)[1];
    const auth = cmd.match(/-H "Authorization: Bearer \$NPSKIT_COLLECTOR_TOKEN"/);
    assert.ok(auth, cmd);
    const url = cmd.match(/(http:\/\/localhost:\d+\/responses\.ndjson)/)[1].replace('localhost', '127.0.0.1');
    const r = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(await r.text()).id, good.id);
    assert.equal((await fetch(url)).status, 401);
  } finally {
    child.kill();
  }
});

test('without --read-token the process generates one and prints it; the file is never open', async () => {
  const file = tmpFile();
  const env = { ...process.env };
  delete env.NPSKIT_COLLECTOR_TOKEN;
  const child = spawn(process.execPath, [path.join(root, 'examples/collector/server.mjs'), '--port', '0', '--file', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    await new Promise((resolve, reject) => {
      child.stdout.on('data', (c) => (out += c) && /download: /.test(out) && resolve());
      child.on('exit', (code) => reject(new Error('collector exited ' + code)));
    });
    const token = out.match(/read token \(generated[^)]*\): (\S+)/)[1];
    assert.ok(token.length >= 24);
    const url = out.match(/(http:\/\/localhost:\d+\/responses\.ndjson)/)[1];
    assert.equal((await fetch(url)).status, 401);
    assert.equal((await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).status, 200);
  } finally {
    child.kill();
  }
});
