// The JavaScript API (docs/js-api.md) over the WebAssembly build of the core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { analyze, inspect, analyzeFile, inspectFile, openSession, NpskitError } from '../../js/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const data = `${root}tests/data/`;
const fixtures = (await readdir(`${data}expected`)).map((f) => f.replace(/\.json$/, '')).sort();

// Input shapes of the same bytes.
function shapes(bytes) {
  const piece = (i, size) => bytes.subarray(i, Math.min(bytes.length, i + size));
  return {
    Uint8Array: () => bytes,
    ArrayBuffer: () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    Blob: () => new Blob([bytes]),
    ReadableStream: () => new ReadableStream({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 1000) controller.enqueue(piece(i, 1000));
        controller.close();
      },
    }),
    'async iterable (7-byte chunks)': () => (async function* () {
      for (let i = 0; i < bytes.length; i += 7) yield piece(i, 7);
    })(),
  };
}

test('every input shape gives the same report as analyzeFile', async () => {
  for (const name of ['delighted.csv', 'excel_unicode.txt', 'responses.ndjson', 'qualtrics.csv', 'excel_de.csv']) {
    const path = data + name;
    const expected = await analyzeFile(path);
    const bytes = new Uint8Array(await readFile(path));
    for (const [shape, make] of Object.entries(shapes(bytes))) {
      assert.deepEqual(await analyze(make()), expected, `${name} as ${shape}`);
    }
  }
});

test('a string input is read as UTF-8 text', async () => {
  const text = await readFile(data + 'delighted.csv', 'utf8');
  assert.deepEqual(await analyze(text), await analyzeFile(data + 'delighted.csv'));
});

test('analyzeFile agrees with the expected file counts of every fixture', async () => {
  for (const name of fixtures) {
    const want = JSON.parse(await readFile(`${data}expected/${name}.json`, 'utf8'));
    const got = await analyzeFile(data + name);
    for (const k of ['read', 'valid', 'blank_score', 'rejected', 'date_missing']) {
      assert.equal(got.rows[k], want.rows[k], `${name}: rows.${k}`);
    }
    assert.deepEqual(got.overall.histogram, want.overall.histogram, `${name}: histogram`);
    assert.deepEqual(got.rejections.map((r) => [r.line, r.reason]), want.rejections.map((r) => [r.line, r.reason]), name);
    assert.deepEqual(got.trend.points.map((p) => [p.period, p.n]), want.trend.map((p) => [p.period, p.n]), name);
    assert.equal(got.source.format, want.source.format, name);
  }
});

test('inspect shows how a file is read', async () => {
  const ins = await inspectFile(data + 'surveymonkey.csv', { records: 3 });
  assert.equal(ins.source.format, 'csv');
  assert.equal(ins.header_rows.length, 2);
  assert.equal(ins.records.length, 3);
  assert.equal(ins.records[0].line, 3);
  assert.equal(ins.date_format, 'month_first');
  const score = ins.columns.find((c) => c.role === 'score');
  assert.match(score.name, /recommend/);
  assert.ok(score.why.length > 0);
  // The same from bytes.
  assert.deepEqual(await inspect(new Uint8Array(await readFile(data + 'surveymonkey.csv')), { records: 3 }), ins);
  // Default: 10 records.
  assert.equal((await inspectFile(data + 'delighted.csv')).records.length, 10);
});

test('options reach the core: period, segments, filters, utcOffset, confidence', async () => {
  const path = data + 'delighted.csv';
  const week = await analyzeFile(path, { period: 'week' });
  assert.equal(week.trend.period, 'week');
  assert.ok(week.trend.points.every((p) => /^\d{4}-W\d\d$/.test(p.period)));
  const seg = await analyzeFile(path, { segments: ['Country'] });
  assert.deepEqual(seg.columns.segments, ['Country']);
  const all = await analyzeFile(path);
  const us = all.segments.Country.find((v) => v.value === 'US');
  const only = await analyzeFile(path, { filters: { where: [{ column: 'Country', op: 'eq', value: 'US' }] } });
  assert.equal(only.overall.n, us.n);
  assert.equal(only.rows.filtered_out, all.overall.n - us.n);
  const c99 = await analyzeFile(path, { confidence: 0.99 });
  assert.ok(c99.overall.ci[1] - c99.overall.ci[0] > c99.overall.ci95[1] - c99.overall.ci95[0]);
  assert.equal((await analyzeFile(data + 'edge_offsets.csv', { utcOffset: '+05:30' })).options.utc_offset, '+05:30');
});

test('unusable input rejects with an NpskitError naming the problem', async () => {
  await assert.rejects(analyze(new Uint8Array(0)), (e) => e instanceof NpskitError && e.message === 'the file is empty');
  await assert.rejects(analyze(''), NpskitError);
  await assert.rejects(analyze('Name,Comment\nAnn,"fine, thanks"\nBob,"slow app"\n'),
    (e) => e instanceof NpskitError && e.message === 'No column holds 0-10 scores. Choose the score column.');
  await assert.rejects(analyze(new Uint8Array([0x42, 0x58, 3, 4, 0, 0, 0, 0])), (e) => e instanceof NpskitError && /NUL/.test(e.message));
  // A ZIP's first bytes make it a workbook: a cut-off one is named as a damaged ZIP.
  await assert.rejects(analyze(new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0])), (e) => e instanceof NpskitError && /ZIP container is damaged/.test(e.message));
  await assert.rejects(analyze('[{"score": 9}, '), (e) => e instanceof NpskitError && /JSON/.test(e.message));
});

test('bad options reject with an NpskitError naming the option', async () => {
  const path = data + 'delighted.csv';
  const cases = [
    [{ period: 'fortnight' }, /period/],
    [{ confidence: 2 }, /confidence/],
    [{ utcOffset: 'somewhere' }, /utcOffset/],
    [{ score: 'No Such Column' }, /'No Such Column'/],
    [{ segments: ['Nope'] }, /'Nope'/],
    [{ filters: { where: [{ column: 'Nope', value: 'x' }] } }, /'Nope'/],
    [{ filters: { from: 'yesterday' } }, /from/],
    [{ colour: 'red' }, /colour/],
  ];
  for (const [options, pattern] of cases) {
    await assert.rejects(analyzeFile(path, options), (e) => e instanceof NpskitError && pattern.test(e.message),
      JSON.stringify(options));
  }
});

test('onProgress is called with growing byte counts', async () => {
  const bytes = new Uint8Array(await readFile(data + 'delighted.csv'));
  const seen = [];
  const stream = (async function* () {
    for (let i = 0; i < bytes.length; i += 4096) yield bytes.subarray(i, i + 4096);
  })();
  await analyze(stream, { onProgress: (p) => seen.push(p.bytes) });
  assert.ok(seen.length >= Math.floor(bytes.length / 4096), `called ${seen.length} times`);
  for (let i = 1; i < seen.length; i++) assert.ok(seen[i] > seen[i - 1]);
  assert.equal(seen.at(-1), bytes.length);
  const blob = [];
  await analyze(new Blob([bytes]), { onProgress: (p) => blob.push(p) });
  assert.equal(blob.at(-1).totalBytes, bytes.length);
});

test('sessionPreview.stopEarly: the read stops at an early repeated id, and the answer is the verdict alone', async () => {
  const lines = ['id,score'];
  for (let i = 0; i < 100000; i++) lines.push(`r${i},${i % 11}`);
  lines.splice(12, 0, 'r3,9'); // r3 again, in the first rows
  const text = lines.join('\n') + '\n';
  const read = [];
  const stream = (async function* () { // 64 KB pieces, counted as they are taken
    const bytes = new TextEncoder().encode(text);
    for (let i = 0; i < bytes.length; i += 65536) { read.push(i); yield bytes.subarray(i, i + 65536); }
  })();
  const stopped = await analyze(stream, { sessionPreview: { name: 'r.csv', stopEarly: true } });
  assert.deepEqual(stopped, { session_preview: { exact: false, why: 'some response ids may repeat', stopped: true } });
  assert.ok(read.length * 65536 < text.length / 2, `stopped after ${read.length} pieces of ${Math.ceil(text.length / 65536)}`);
  // Not asked to stop: the whole report, with the same verdict from the end of the file.
  const whole = await analyze(text, { sessionPreview: { name: 'r.csv' } });
  assert.equal(whole.session_preview.exact, false);
  assert.equal(whole.session_preview.stopped, undefined);
  assert.equal(whole.overall.n, 100001);
  // Distinct ids: read to the end and exact, stopEarly or not.
  const distinct = await analyze(lines.filter((l, i) => i !== 12).join('\n') + '\n', { sessionPreview: { name: 'r.csv', stopEarly: true } });
  assert.equal(distinct.session_preview.exact, true);
  assert.equal(distinct.overall.n, 100000);
});

test('an AbortSignal aborts', async () => {
  const already = AbortSignal.abort();
  await assert.rejects(analyzeFile(data + 'delighted.csv', { signal: already }), (e) => e.name === 'AbortError');
  // Aborted mid-stream: the promise rejects and no report comes out.
  const controller = new AbortController();
  const bytes = new Uint8Array(await readFile(data + 'delighted.csv'));
  const stream = (async function* () {
    for (let i = 0; i < bytes.length; i += 100) {
      if (i === 1000) controller.abort();
      yield bytes.subarray(i, i + 100);
    }
  })();
  await assert.rejects(analyze(stream, { signal: controller.signal }), (e) => e.name === 'AbortError');
  // The module still works afterwards.
  assert.equal((await analyzeFile(data + 'delighted.csv')).rows.valid, 150);
});

test('openSession: report, rows, info', async () => {
  const a = await readFile(data + 'delighted.csv');
  const session = await openSession([{ name: 'delighted.csv', data: new Uint8Array(a) }]);
  try {
    const info = session.info();
    assert.equal(info.files.length, 1);
    assert.equal(info.files[0].name, 'delighted.csv');
    assert.equal(info.files[0].rows.valid, 150);
    assert.equal(info.rows, 150);
    assert.ok(info.segments.some((s) => s.name === 'Plan'));
    assert.equal(info.has_comment, true);

    const report = session.report({});
    const streamed = await analyzeFile(data + 'delighted.csv');
    assert.deepEqual(report.overall, streamed.overall);
    assert.deepEqual(report.trend, streamed.trend);
    assert.deepEqual(report.segments, streamed.segments);
    assert.deepEqual(session.report({ period: 'quarter' }).trend,
      (await analyzeFile(data + 'delighted.csv', { period: 'quarter' })).trend);

    const det = session.rows({ category: 'detractor', limit: 1000 });
    assert.equal(det.total, streamed.overall.detractors);
    assert.ok(det.rows.every((r) => r.score <= 6 && r.category === 'detractor'));
    const page = session.rows({ offset: 5, limit: 5 });
    assert.equal(page.rows.length, 5);
    assert.deepEqual(page.rows[0], session.rows({ limit: 10 }).rows[5]);
    const hits = session.rows({ search: 'CRASH', limit: 1000 });
    assert.ok(hits.total > 0);
    assert.ok(hits.rows.every((r) => /crash/i.test(`${r.comment} ${r.id} ${r.email} ${r.name}`)));
    assert.throws(() => session.report({ period: 'decade' }), NpskitError);
  } finally {
    session.close();
  }
});

test('openSession merges files and counts a duplicate id once', async () => {
  const head = 'Response ID,Score,Date,Country\n';
  const one = head + 'r1,9,2024-01-02,DE\nr2,3,2024-01-03,FR\nr3,10,2024-01-04,DE\n';
  const two = head + 'r3,10,2024-01-04,DE\nr4,7,2024-02-01,FR\n';
  const session = await openSession([{ name: 'one.csv', data: one }, { name: 'two.csv', data: two }], { segments: ['Country'] });
  try {
    const r = session.report({});
    assert.equal(r.overall.n, 4);
    assert.equal(r.rows.duplicates, 1);
    assert.equal(session.info().files[1].rows.duplicates, 1);
    assert.deepEqual(r.trend.points.map((p) => [p.period, p.n]), [['2024-01', 3], ['2024-02', 1]]);
  } finally {
    session.close();
  }
});

test('openSession reports an unusable file without failing the others', async () => {
  const session = await openSession([{ name: 'ok.csv', data: 'Score,Country\n9,DE\n3,FR\n' }, { name: 'empty.csv', data: '' }]);
  try {
    assert.deepEqual(session.fileErrors, [{ file: 'empty.csv', error: 'the file is empty' }]);
    assert.equal(session.report({}).overall.n, 2);
  } finally {
    session.close();
  }
});

test('a Blob of several chunks (read ahead) gives the same report as its bytes', async () => {
  // > 2 chunks of js/chunks.mjs; rejected rows spread over the file pin the line order.
  const lines = ['id,score,date,comment'];
  for (let i = 0; lines.length < 250_000; i++) {
    lines.push(`r${i},${i % 997 === 0 ? 'eleven' : i % 11},2024-0${1 + (i % 9)}-1${i % 10},"comment number ${i}, padded to be longer"`);
  }
  const bytes = new TextEncoder().encode(lines.join('\n') + '\n');
  assert.ok(bytes.length > 2 * (4 << 20), `${bytes.length} bytes`);
  const fromBytes = await analyze(bytes, { maxRejections: 1000 });
  assert.ok(fromBytes.rows.rejected > 200);
  assert.deepEqual(await analyze(new Blob([bytes]), { maxRejections: 1000 }), fromBytes);
  // Stopping early (inspect reads only until the layout is known) leaves no read dangling.
  const head = await inspect(new Blob([bytes]));
  assert.equal(head.columns.find((c) => c.role === 'score')?.name, 'score');
});
