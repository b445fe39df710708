// web/src/store.mjs without a browser: follow-up keys are salted hashes, plain
// keys of earlier versions are dropped, and a column choice is stored as column
// positions and read back as names (no column name of the file in storage).
import { test } from 'node:test';
import assert from 'node:assert/strict';

const data = new Map();
globalThis.localStorage = {
  getItem: (k) => (data.has(k) ? data.get(k) : null),
  setItem: (k, v) => data.set(k, String(v)),
  removeItem: (k) => data.delete(k),
};
const { followUps, columnChoice } = await import('../../web/src/store.mjs');
const stored = () => [...data.entries()].flat().join('\n');

test('follow-ups are kept by a salted hash of the identity', () => {
  const key = followUps.key('email:ann@example.com');
  assert.match(key, /^h:[0-9a-f]{16}$/);
  assert.equal(followUps.key('email:ann@example.com'), key, 'stable within a profile');
  assert.notEqual(followUps.key('email:bob@example.com'), key);
  followUps.set(key, true);
  assert.ok(followUps.all().has(key));
  assert.ok(!stored().includes('ann@example.com'));
  // Another profile (another salt) gives another key for the same address.
  data.delete('npskit.salt');
  assert.notEqual(followUps.key('email:ann@example.com'), key);
  // Plain keys written by earlier versions are forgotten when read.
  data.set('npskit.followups', JSON.stringify(['email:ann@example.com', key]));
  assert.deepEqual([...followUps.all()], [key]);
  assert.ok(!stored().includes('ann@example.com'));
});

test('a column choice is stored as positions and read back as names', () => {
  const columns = ['Secret Q1', 'Plan', 'Comment'];
  columnChoice.set(columns, { score: 'Secret Q1', segments: ['Plan'], comment: '', date: null });
  assert.ok(!stored().includes('Secret Q1') && !stored().includes('"Plan"'));
  assert.deepEqual(columnChoice.get(columns), { score: 'Secret Q1', segments: ['Plan'], comment: '', date: null });
});

test('a column choice stored by an earlier version (names) is read and rewritten as positions', () => {
  const columns = ['Secret Q1', 'Plan'];
  data.clear();
  columnChoice.set(columns, { score: 'Secret Q1' });
  const key = [...data.keys()].find((k) => k.startsWith('npskit.columns.'));
  data.set(key, JSON.stringify({ score: 'Secret Q1', segments: ['Plan'] }));
  assert.deepEqual(columnChoice.get(columns), { score: 'Secret Q1', segments: ['Plan'] });
  assert.ok(!stored().includes('Secret Q1'), 'rewritten as positions');
  // A name the file lacks is returned as is (the core refuses it and the dashboard forgets it).
  data.set(key, JSON.stringify({ comment: 'No such column' }));
  assert.deepEqual(columnChoice.get(columns), { comment: 'No such column' });
});
