// The collector stores only records the analytics core reads as valid rows: it
// asks the core (dist/core through js/index.mjs) rather than keeping its own
// copy of the rules. Records the core would reject (a lone surrogate, a day that
// does not exist, hour 24 ...) are refused with a 400 that names the field and
// gives the core's reason; what it stores, the core then reads in full.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { analyzeFile } from '../../js/index.mjs';
import { createCollector } from '../../examples/collector/server.mjs';
import { listen } from './helpers.mjs';

const good = {
  id: 'core:m7q16ps0:a1b2c3d4e5f60718', survey: 'core', score: 8, category: 'passive', comment: 'Fine 👍 ü', ts: '2024-02-29T23:59:59.999Z',
  locale: 'de', page: '/p', user_id: null, contact_email: null, attributes: { plan: 'Pro' },
};
let n = 0;
const variant = (fields) => ({ ...good, id: `core:${(n++).toString(36)}:aaaaaaaa`, ...fields });

// Each case: a record JSON.parse accepts and the old collector stored, but the core
// does not read as a valid dated row. [name, record, field named in the 400]
const refused = [
  ['lone high surrogate in the comment', variant({ comment: 'ok \ud800 then' }), 'comment'],
  ['lone low surrogate in the page', variant({ page: '/\udc00' }), 'page'],
  ['reversed surrogate pair in an attribute', variant({ attributes: { plan: '\udc00\ud800' } }), 'attributes'],
  ['lone surrogate in the locale', variant({ locale: 'e\ud83dn' }), 'locale'],
  ['February 31st', variant({ ts: '2024-02-31T10:00:00.000Z' }), 'ts'],
  ['February 29th of a common year', variant({ ts: '2023-02-29T10:00:00.000Z' }), 'ts'],
  ['April 31st', variant({ ts: '2025-04-31T00:00:00Z' }), 'ts'],
  ['hour 24', variant({ ts: '2025-03-01T24:00:00.000Z' }), 'ts'],
];

async function withCollector(fn) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-core-')), 'r.ndjson');
  const server = createCollector({ file });
  const port = await listen(server);
  try {
    await fn((body) => fetch(`http://127.0.0.1:${port}/r`, { method: 'POST', body: JSON.stringify(body) }), file);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

test('records the core would reject are refused with a 400 naming the field and the core\'s reason', async () => {
  await withCollector(async (post, file) => {
    for (const [name, record, field] of refused) {
      const r = await post(record);
      assert.equal(r.status, 400, name);
      const { errors } = await r.json();
      assert.equal(errors.length, 1, name);
      assert.equal(errors[0].field, field, name);
      assert.match(errors[0].message, /^the analytics core would not read this (record|value): \S/, name);
    }
    assert.equal(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '', '', 'nothing refused was stored');
  });
});

test('what the collector stores, the core reads in full: every line a valid row with its date', async () => {
  await withCollector(async (post, file) => {
    const accepted = [
      variant({}),
      variant({ comment: 'pair 😀 ok', ts: '2000-02-29T00:00:00Z' }),
      variant({ comment: null, attributes: {}, ts: '2025-12-31T23:59:59.000Z' }),
      variant({ score: 0, category: 'detractor', contact_email: 'x@example.com', user_id: 'u1' }),
      variant({ score: 10, category: 'promoter', comment: '"quoted", comma\nnew line' }),
    ];
    for (const record of accepted) assert.equal((await post(record)).status, 201, JSON.stringify(record));
    for (const [, record] of refused) await post(record);
    // Read back with the core, detecting the layout on its own as the dashboard does.
    const report = await analyzeFile(file);
    assert.equal(report.rows.read, accepted.length);
    assert.equal(report.rows.valid, accepted.length);
    assert.equal(report.rows.rejected, 0);
    assert.equal(report.rows.date_unreadable, 0);
    assert.deepEqual(report.overall.histogram, [1, 0, 0, 0, 0, 0, 0, 0, 3, 0, 1]);
  });
});

test('a core check that cannot run answers 500 with the reason (the widget retries), stores nothing, keeps running', async () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-core-')), 'r.ndjson');
  const server = createCollector({ file, check: async () => { throw new Error('dist/core/analytics.wasm: ENOENT'); } });
  const port = await listen(server);
  const errors = [];
  const log = console.error;
  console.error = (m) => errors.push(String(m));
  try {
    const r = await fetch(`http://127.0.0.1:${port}/r`, { method: 'POST', body: JSON.stringify(good) });
    assert.equal(r.status, 500);
    assert.match((await r.json()).error, /analytics core: dist\/core\/analytics\.wasm: ENOENT/);
    assert.match(errors.join('\n'), /ENOENT/, 'said in the log too');
    assert.equal(fs.existsSync(file), false);
    assert.equal((await fetch(`http://127.0.0.1:${port}/`)).status, 200);
  } finally {
    console.error = log;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
});
