// .xlsx workbooks through the JavaScript API: every input shape, the sheet
// option, the report's source.sheet / source.sheets and notice, the messages for
// other files. Expected numbers come from tests/data/expected (generate-workbooks.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { analyze, inspect, analyzeFile, inspectFile, openSession, NpskitError } from '../../js/index.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const data = `${root}tests/data/`;
const workbooks = (await readdir(`${data}expected`)).map((f) => f.replace(/\.json$/, '')).filter((f) => f.endsWith('.xlsx')).sort();

function shapes(bytes) {
  return {
    Uint8Array: () => bytes,
    Blob: () => new Blob([bytes]),
    ReadableStream: () => new ReadableStream({
      start(c) {
        for (let i = 0; i < bytes.length; i += 999) c.enqueue(bytes.subarray(i, i + 999));
        c.close();
      },
    }),
  };
}

test('the workbook fixtures are there', () => {
  assert.ok(workbooks.length >= 6, workbooks.join(', '));
});

test('every workbook fixture gives its expected numbers, from every input shape', async () => {
  for (const name of workbooks) {
    const want = JSON.parse(await readFile(`${data}expected/${name}.json`, 'utf8'));
    const fromFile = await analyzeFile(data + name);
    assert.equal(fromFile.source.format, 'xlsx', name);
    assert.equal(fromFile.source.sheet, want.source.sheet, name);
    assert.deepEqual(fromFile.source.sheets, want.source.sheets, name);
    assert.equal(fromFile.source.header_rows, want.source.header_rows, name);
    assert.equal(fromFile.columns.score, want.columns.score, name);
    for (const k of ['read', 'valid', 'blank_score', 'rejected', 'date_missing']) assert.equal(fromFile.rows[k], want.rows[k], `${name}: ${k}`);
    assert.deepEqual(fromFile.overall.histogram, want.overall.histogram, name);
    assert.equal(fromFile.overall.nps, want.overall.nps, name);
    assert.deepEqual(fromFile.trend.points.map((p) => [p.period, p.n]), want.trend.map((p) => [p.period, p.n]), name);
    const bytes = new Uint8Array(await readFile(data + name));
    for (const [shape, make] of Object.entries(shapes(bytes))) {
      assert.deepEqual(await analyze(make()), fromFile, `${name} as ${shape}`);
    }
  }
});

test('several sheets: the one with scores is read, the others are named; the sheet option picks one', async () => {
  const path = data + 'multi_sheet.xlsx';
  const report = await analyzeFile(path);
  assert.equal(report.source.sheet, 'Responses');
  const notice = report.notices.find((n) => n.code === 'xlsx_other_sheets');
  assert.equal(notice.severity, 'info');
  assert.match(notice.message, /"Summary", "Notes"/);
  const ins = await inspectFile(path);
  assert.deepEqual(ins.source.sheets, ['Summary', 'Responses', 'Notes']);
  assert.ok(ins.notices.some((n) => n.code === 'xlsx_other_sheets'));
  assert.equal((await analyzeFile(path, { sheet: 'Responses' })).overall.n, report.overall.n);
  await assert.rejects(analyzeFile(path, { sheet: 'Nope' }),
    (e) => e instanceof NpskitError && e.message === "the workbook has no sheet named 'Nope' (its sheets: 'Summary', 'Responses', 'Notes')");
  await assert.rejects(analyzeFile(path, { sheet: 'Notes' }), (e) => e instanceof NpskitError && /score/.test(e.message));
});

test('a session reads workbooks beside CSV files', async () => {
  const s = await openSession([
    { name: 'a.xlsx', data: new Blob([await readFile(data + 'typeform.xlsx')]) },
    { name: 'b.xlsx', data: new Uint8Array(await readFile(data + 'mac_1904.xlsx')) },
  ]);
  try {
    assert.deepEqual(s.fileErrors, []);
    const want = JSON.parse(await readFile(`${data}expected/typeform.xlsx.json`, 'utf8')).overall.n +
      JSON.parse(await readFile(`${data}expected/mac_1904.xlsx.json`, 'utf8')).overall.n;
    assert.equal(s.report({}).overall.n, want);
  } finally {
    s.close();
  }
});

// A one-entry ZIP, deflated, written here.
function zipOf(name, text, { declared } = {}) {
  const data = Buffer.from(text);
  const packed = deflateRawSync(data);
  const n = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(8, 8);
  local.writeUInt32LE(packed.length, 18); local.writeUInt32LE(declared ?? data.length, 22); local.writeUInt16LE(n.length, 26);
  const dir = Buffer.alloc(46);
  dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(8, 10);
  dir.writeUInt32LE(packed.length, 20); dir.writeUInt32LE(declared ?? data.length, 24); dir.writeUInt16LE(n.length, 28);
  const body = Buffer.concat([local, n, packed]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(1, 8); end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12); end.writeUInt32LE(body.length, 16);
  return new Uint8Array(Buffer.concat([body, dir, n, end]));
}

test('other files get a message that names them', async () => {
  const cases = [
    [new TextEncoder().encode('%PDF-1.7\n'), /^This is a PDF; export your responses as CSV or \.xlsx$/],
    [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]), /PNG image/],
    [new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), /\.xls/],
    [zipOf('content.xml', '<x/>'), /OpenDocument/],
    [zipOf('Index/Document.iwa', 'x'), /Apple Numbers/],
    [zipOf('notes.csv', 'a,b'), /ZIP archive, not a workbook \(it holds notes\.csv\)/],
  ];
  for (const [bytes, pattern] of cases) {
    await assert.rejects(analyze(bytes), (e) => e instanceof NpskitError && pattern.test(e.message), String(pattern));
    await assert.rejects(analyze(new Blob([bytes])), (e) => e instanceof NpskitError && pattern.test(e.message), String(pattern));
  }
});

test('a part that inflates past its declared size is refused as a zip bomb', async () => {
  await assert.rejects(analyze(zipOf('xl/workbook.xml', '<workbook>' + ' '.repeat(5000) + '</workbook>', { declared: 100 })),
    (e) => e instanceof NpskitError && /more than the 100 bytes its ZIP directory declares/.test(e.message));
});
