#!/usr/bin/env node
// Writes the Excel workbook fixtures (tests/data/*.xlsx) and, for each, the ground
// truth tests/data/expected/<file>.json from this script's own bookkeeping
// (tests/data/oracle.mjs), never by reading a workbook back or running npskit.
//
//   node tests/data/generate-workbooks.mjs          # (re)writes the workbooks
//   node tests/data/generate-workbooks.mjs --check  # fails if any file would change
//
// The ZIP container and the SpreadsheetML parts are written here with node:zlib,
// shaped like the tools' exports (ECMA-376 part names, [Content_Types].xml,
// relationships, styles with date number formats, shared or inline strings, dates
// as serial numbers). Deterministic: fixed seeds, fixed ZIP timestamps.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { makeRng, Book, categoryOf } from './oracle.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHECK = process.argv.includes('--check');
const outputs = [];
const emit = (name, bytes) => outputs.push([join(HERE, name), Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8')]);
function emitExpected(book) {
  const text = JSON.stringify(book.expected(), null, 2).replace(/\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/g, (_, inner) => `[${inner.replace(/,\s+/g, ', ')}]`);
  emit(join('expected', `${book.meta.file}.json`), text + '\n');
}

// ---------------------------------------------------------------------------
// ZIP (PKWARE APPNOTE): local headers, deflated data, central directory, EOCD.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function zip(files) {
  const locals = [];
  const central = [];
  let offset = 0;
  for (const [name, content] of files) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const packed = deflateRawSync(data, { level: 6 });
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0, 10); // time
    local.writeUInt16LE(0x21, 12); // date 1980-01-01 (as Excel's fixed-date exports)
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(0x0800, 8);
    header.writeUInt16LE(8, 10);
    header.writeUInt16LE(0, 12);
    header.writeUInt16LE(0x21, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(packed.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(nameBytes.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(header, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

// ---------------------------------------------------------------------------
// SpreadsheetML

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
  .replace(/\r/g, '_x000D_');
const colName = (i) => (i < 26 ? String.fromCharCode(65 + i) : colName(Math.floor(i / 26) - 1) + String.fromCharCode(65 + (i % 26)));
const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// Days since 1970-01-01 -> serial: 1900 system counts from 1899-12-30 (25569 days
// before 1970), the 1904 system from 1904-01-01 (24107 days before 1970).
const serialOf = (epochSeconds, date1904) => epochSeconds / 86400 + (date1904 ? 24107 : 25569);

// Cells: null (left out: an empty cell), a number, or { s } shared string,
// { inline } inline string, { date: epochSeconds } a serial with the date style.
// styles: cellXfs index 1 is the date-time style (its numFmt given per workbook).
function workbook({ sheets, strings = 'shared', dateFormat = { id: 22 }, date1904 = false, app = 'Microsoft Excel' }) {
  const shared = [];
  const sharedIndex = new Map();
  let sharedCount = 0;
  const share = (text) => {
    sharedCount++;
    if (!sharedIndex.has(text)) {
      sharedIndex.set(text, shared.length);
      shared.push(text);
    }
    return sharedIndex.get(text);
  };
  const files = [];
  const sheetXml = (sheet) => {
    const rows = sheet.rows.map((cells, r) => {
      const xs = [];
      cells.forEach((cell, c) => {
        if (cell === null || cell === undefined || cell === '') return;
        const ref = `${colName(c)}${r + 1}`;
        if (typeof cell === 'number') xs.push(`<c r="${ref}"><v>${cell}</v></c>`);
        else if (cell.date !== undefined) xs.push(`<c r="${ref}" s="1"><v>${+serialOf(cell.date, date1904).toFixed(8)}</v></c>`);
        else if (typeof cell === 'string' ? strings === 'shared' : cell.s !== undefined)
          xs.push(`<c r="${ref}" t="s"><v>${share(typeof cell === 'string' ? cell : cell.s)}</v></c>`);
        else xs.push(`<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${esc(typeof cell === 'string' ? cell : cell.inline)}</t></is></c>`);
      });
      return `<row r="${r + 1}" spans="1:${cells.length}">${xs.join('')}</row>`;
    });
    const merges = sheet.merges?.length
      ? `<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '';
    const width = Math.max(1, ...sheet.rows.map((r) => r.length));
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet xmlns="${NS}" xmlns:r="${R_NS}">` +
      `<dimension ref="A1:${colName(width - 1)}${sheet.rows.length}"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>` +
      `<sheetFormatPr defaultRowHeight="15"/><sheetData>${rows.join('')}</sheetData>${merges}` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
  };
  const sheetParts = sheets.map((s, i) => [`xl/worksheets/sheet${i + 1}.xml`, sheetXml(s)]);
  const numFmts = dateFormat.code ? `<numFmts count="1"><numFmt numFmtId="${dateFormat.id}" formatCode="${esc(dateFormat.code)}"/></numFmts>` : '';
  const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<styleSheet xmlns="${NS}">${numFmts}` +
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>' +
    '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="${dateFormat.id}" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';
  const wb = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="${NS}" xmlns:r="${R_NS}">` +
    `<workbookPr${date1904 ? ' date1904="1"' : ''}/><bookViews><workbookView/></bookViews><sheets>` +
    sheets.map((s, i) => `<sheet name="${esc(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') + '</sheets></workbook>';
  const rel = (id, type, target) => `<Relationship Id="${id}" Type="${R_NS}/${type}" Target="${target}"/>`;
  const useShared = sheets.some((s) => s.rows.some((r) => r.some((c) => typeof c === 'string' ? strings === 'shared' : c?.s !== undefined)));
  // Shared strings are collected while the sheets are written, so sheets first.
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<sst xmlns="${NS}" count="${sharedCount}" uniqueCount="${shared.length}">` +
    shared.map((t) => `<si><t${/^\s|\s$/.test(t) ? ' xml:space="preserve"' : ''}>${esc(t)}</t></si>`).join('') + '</sst>';
  const wbRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((_, i) => rel(`rId${i + 1}`, 'worksheet', `worksheets/sheet${i + 1}.xml`)).join('') +
    rel(`rId${sheets.length + 1}`, 'styles', 'styles.xml') +
    (useShared ? rel(`rId${sheets.length + 2}`, 'sharedStrings', 'sharedStrings.xml') : '') + '</Relationships>';
  const types = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('') +
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
    (useShared ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : '') +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>';
  const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rel('rId1', 'officeDocument', 'xl/workbook.xml') + '</Relationships>';
  const appXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>${esc(app)}</Application></Properties>`;
  // Excel's own part order: the sheets come before the shared strings and styles,
  // so a reader cannot stream the archive front to back.
  files.push(['[Content_Types].xml', types], ['_rels/.rels', rootRels], ['xl/workbook.xml', wb],
    ['xl/_rels/workbook.xml.rels', wbRels], ...sheetParts, ['xl/styles.xml', styles]);
  if (useShared) files.push(['xl/sharedStrings.xml', sst]);
  files.push(['docProps/app.xml', appXml]);
  return zip(files);
}

// ---------------------------------------------------------------------------
// Responses

const REASONS = {
  promoter: ['Support team was great, solved my issue in minutes', 'Love the product, easy to use', 'Great value for money'],
  passive: ['Good overall, but delivery took a few days longer than promised', "It's OK. Nothing special", 'Works, but the setup was confusing'],
  detractor: ['Delivery was late, twice', 'Price is too high for what you get', 'The app keeps crashing on login'],
};
const drawScore = (rng) => rng.weighted([3, 1.5, 2, 2.5, 3, 5, 6, 10, 16, 22, 29].map((w, s) => [s, w]));
const monthOf = (epochSeconds) => new Date(epochSeconds * 1000).toISOString().slice(0, 7);
function moment(rng, from, to) {
  const a = Date.UTC(from[0], from[1] - 1, from[2]) / 1000;
  const b = Date.UTC(to[0], to[1] - 1, to[2]) / 1000;
  return a + rng.int(0, Math.floor((b - a) / 86400) - 1) * 86400 + rng.int(7, 21) * 3600 + rng.int(0, 59) * 60 + rng.int(0, 59);
}

function xlsxSource(book, headerRows, sheet, sheets) {
  return { format: 'xlsx', encoding: 'utf-8', delimiter: null, header_rows: headerRows, sheet, sheets };
}

// Microsoft Forms "Open results in Excel": ID, Start time, Completion time, Email,
// Name, Last modified time, then one column per question; times as serials in
// "m/d/yy h:mm:ss" (the workbook shows 3/4/25 17:06:07).
function msforms() {
  const rng = makeRng(1101);
  const q = 'How likely are you to recommend Contoso to a friend or colleague?';
  const book = new Book({
    file: 'msforms.xlsx', imitates: 'Microsoft Forms responses workbook (Sheet1, serial times in m/d/yy h:mm:ss, shared strings)',
    source: xlsxSource(null, 1, 'Sheet1', ['Sheet1']),
    columns: { score: q, date: 'Completion time', comment: 'What is the main reason for your score?', id: 'ID', segment: 'Which team are you in?' },
    segmentColumn: 'Which team are you in?',
  });
  const rows = [['ID', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', q, 'What is the main reason for your score?', 'Which team are you in?']];
  for (let i = 1; i <= 120; i++) {
    const done = moment(rng, [2025, 1, 1], [2025, 5, 1]);
    const team = rng.pick(['Sales', 'Support', 'Engineering', 'Marketing']);
    let score = drawScore(rng);
    const line = rows.length + 1;
    let cell = score;
    if (i % 37 === 0) {
      cell = null; // a skipped optional question: the cell is left out
      book.add({ kind: 'blank' }, { line });
    } else if (i === 50) {
      cell = 'N/A';
      book.add({ kind: 'rejected', reject: 'not_a_number', value: 'N/A' }, { line, column: q });
    } else {
      book.add({ kind: 'valid', score }, { line, month: monthOf(done), segment: team });
    }
    const reason = typeof cell === 'number' && rng.chance(0.7) ? rng.pick(REASONS[categoryOf(score)]) : null;
    rows.push([i, { date: done - rng.int(60, 900) }, { date: done }, 'anonymous', null, null, cell, reason, team]);
  }
  emit('msforms.xlsx', workbook({ sheets: [{ name: 'Sheet1', rows }], dateFormat: { id: 164, code: 'm/d/yy h:mm:ss' } }));
  emitExpected(book);
}

// Formbricks "Download as Excel": inline strings (written by a JS library), the
// Timestamp as a serial in the built-in date-time format (id 22), hidden fields
// and metadata columns after the questions.
function formbricks() {
  const rng = makeRng(1102);
  const q = 'How likely are you to recommend Formbricks to a friend or colleague?';
  const book = new Book({
    file: 'formbricks.xlsx', imitates: 'Formbricks response export (.xlsx, inline strings, built-in date-time format 22)',
    source: xlsxSource(null, 1, 'Sheet1', ['Sheet1']),
    columns: { score: q, date: 'Timestamp', comment: 'What is the main reason for your score?', id: 'Response ID', segment: 'Country' },
    segmentColumn: 'Country',
  });
  const rows = [['Response ID', 'Timestamp', 'Finished', 'User ID', q, 'What is the main reason for your score?', 'Country', 'url', 'Verified Email']];
  for (let i = 1; i <= 90; i++) {
    const when = moment(rng, [2024, 11, 1], [2025, 3, 1]);
    const country = rng.pick(['Germany', 'France', 'United States', 'Brazil']);
    const score = drawScore(rng);
    book.add({ kind: 'valid', score }, { line: rows.length + 1, month: monthOf(when), segment: country });
    const id = `clx${(1e9 + i * 7919).toString(36)}`;
    rows.push([{ inline: id }, { date: when }, { inline: 'Completed' },
      null, score, rng.chance(0.6) ? { inline: rng.pick(REASONS[categoryOf(score)]) } : null, { inline: country },
      { inline: 'https://app.example.com/s/clx' + (i % 3) }, null]);
  }
  emit('formbricks.xlsx', workbook({ sheets: [{ name: 'Sheet1', rows }], strings: 'inline', app: 'SheetJS' }));
  emitExpected(book);
}

// Typeform "Download responses as .xlsx": "#" token, the question, hidden fields,
// Start Date (UTC), Submit Date (UTC) as date-time serials, Network ID.
function typeform() {
  const rng = makeRng(1103);
  const q = 'On a scale from 0 to 10, how likely are you to recommend us to a friend?';
  const book = new Book({
    file: 'typeform.xlsx', imitates: 'Typeform responses .xlsx (token #, Start/Submit Date (UTC) as yyyy-mm-dd hh:mm:ss serials)',
    source: xlsxSource(null, 1, 'Responses', ['Responses']),
    columns: { score: q, date: 'Submit Date (UTC)', comment: 'What could we do better?', id: '#', segment: 'plan' },
    segmentColumn: 'plan',
  });
  const rows = [['#', q, 'What could we do better?', 'plan', 'Start Date (UTC)', 'Submit Date (UTC)', 'Network ID']];
  for (let i = 1; i <= 80; i++) {
    const submit = moment(rng, [2025, 2, 1], [2025, 6, 1]);
    const plan = rng.pick(['free', 'pro', 'team']);
    const score = drawScore(rng);
    book.add({ kind: 'valid', score }, { line: rows.length + 1, month: monthOf(submit), segment: plan });
    rows.push([(0x1f2e3d + i * 104729).toString(36), score, rng.chance(0.5) ? rng.pick(REASONS[categoryOf(score)]) : null, plan,
      { date: submit - rng.int(30, 600) }, { date: submit }, (0xabc + i * 31).toString(16)]);
  }
  emit('typeform.xlsx', workbook({ sheets: [{ name: 'Responses', rows }], dateFormat: { id: 165, code: 'yyyy\\-mm\\-dd hh:mm:ss' } }));
  emitExpected(book);
}

// SurveyMonkey "All responses data" .xlsx: two header rows (question, then
// "Response" / "Open-Ended Response"), the first columns merged across both rows,
// dates as serials in mm/dd/yyyy hh:mm:ss AM/PM.
function surveymonkey() {
  const rng = makeRng(1104);
  const q = 'How likely is it that you would recommend Acme to a friend or colleague?';
  const meta = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name', 'Custom Data 1'];
  const book = new Book({
    file: 'surveymonkey.xlsx', imitates: 'SurveyMonkey all-responses .xlsx (two header rows, merged header cells, AM/PM date serials)',
    source: xlsxSource(null, 2, 'Sheet', ['Sheet']),
    columns: { score: q, date: 'End Date', comment: 'What is the main reason for your score?', id: 'Respondent ID', segment: 'Which region are you in?' },
    segmentColumn: 'Which region are you in?',
  });
  const rows = [[...meta, q, 'What is the main reason for your score?', 'Which region are you in?'],
    [...meta.map(() => null), 'Response', 'Open-Ended Response', 'Response']];
  for (let i = 1; i <= 100; i++) {
    const end = moment(rng, [2024, 4, 1], [2024, 8, 1]);
    const region = rng.pick(['Europe', 'North America', 'Asia Pacific']);
    const score = drawScore(rng);
    book.add({ kind: 'valid', score }, { line: rows.length + 1, month: monthOf(end), segment: region });
    rows.push([11801103000 + i * 97, 431205116, { date: end - rng.int(60, 900) }, { date: end }, `198.51.100.${i % 250}`,
      null, null, null, null, score, rng.chance(0.6) ? rng.pick(REASONS[categoryOf(score)]) : null, region]);
  }
  const merges = meta.map((_, c) => `${String.fromCharCode(65 + c)}1:${String.fromCharCode(65 + c)}2`);
  emit('surveymonkey.xlsx', workbook({ sheets: [{ name: 'Sheet', rows, merges }], dateFormat: { id: 166, code: 'mm/dd/yyyy hh:mm:ss AM/PM' } }));
  emitExpected(book);
}

// A workbook with several sheets: a summary first (no score column), the responses
// second, notes third. The responses sheet is the one read; the others are named.
function multiSheet() {
  const rng = makeRng(1105);
  const q = 'Score';
  const book = new Book({
    file: 'multi_sheet.xlsx', imitates: 'A team workbook: Summary, Responses, Notes sheets (the responses are on the second)',
    source: xlsxSource(null, 1, 'Responses', ['Summary', 'Responses', 'Notes']),
    columns: { score: q, date: 'Submitted', comment: 'Comment', id: null, segment: 'Plan' },
    segmentColumn: 'Plan',
  });
  const rows = [['Submitted', 'Plan', q, 'Comment']];
  for (let i = 1; i <= 60; i++) {
    const when = moment(rng, [2025, 7, 1], [2025, 10, 1]);
    const plan = rng.pick(['Basic', 'Premium']);
    const score = drawScore(rng);
    book.add({ kind: 'valid', score }, { line: rows.length + 1, month: monthOf(when), segment: plan });
    rows.push([{ date: when }, plan, score, rng.chance(0.5) ? rng.pick(REASONS[categoryOf(score)]) : null]);
  }
  const summary = [['Quarter', 'Responses', 'Owner'], ['Q3 2025', 60, 'Research team'], ['Q2 2025', 0, 'Research team']];
  const notes = [['Note'], ['Exported from the survey tool on 2025-10-02'], ['Scores are 0-10']];
  emit('multi_sheet.xlsx', workbook({ sheets: [{ name: 'Summary', rows: summary }, { name: 'Responses', rows }, { name: 'Notes', rows: notes }],
    dateFormat: { id: 14 } }));
  emitExpected(book);
}

// A workbook saved in the 1904 date system (old Excel for Mac): the same instant
// has a serial 1462 smaller. Dates in the built-in short date format (id 14).
function mac1904() {
  const rng = makeRng(1106);
  const book = new Book({
    file: 'mac_1904.xlsx', imitates: 'A workbook in the 1904 date system (Excel for Mac), date-only serials (format 14)',
    source: xlsxSource(null, 1, 'NPS', ['NPS']),
    columns: { score: 'NPS', date: 'Date', comment: 'Why?', id: null, segment: 'Region' },
    segmentColumn: 'Region',
  });
  const rows = [['Date', 'NPS', 'Why?', 'Region']];
  for (let i = 1; i <= 70; i++) {
    const day = Math.floor(moment(rng, [2023, 11, 1], [2024, 3, 1]) / 86400) * 86400; // midnight: a date, no time
    const region = rng.pick(['North', 'South', 'East']);
    const score = drawScore(rng);
    book.add({ kind: 'valid', score }, { line: rows.length + 1, month: monthOf(day), segment: region });
    rows.push([{ date: day }, score, rng.chance(0.4) ? rng.pick(REASONS[categoryOf(score)]) : null, region]);
  }
  emit('mac_1904.xlsx', workbook({ sheets: [{ name: 'NPS', rows }], date1904: true, dateFormat: { id: 14 } }));
  emitExpected(book);
}

msforms();
formbricks();
typeform();
surveymonkey();
multiSheet();
mac1904();

mkdirSync(join(HERE, 'expected'), { recursive: true });
let stale = 0;
for (const [path, bytes] of outputs) {
  if (CHECK) {
    if (!existsSync(path) || !readFileSync(path).equals(bytes)) {
      console.error(`stale: ${path}`);
      stale++;
    }
  } else {
    writeFileSync(path, bytes);
  }
}
if (CHECK && stale) {
  console.error(`${stale} file(s) differ: run node tests/data/generate-workbooks.mjs`);
  process.exit(1);
}
if (!CHECK) console.log(`wrote ${outputs.length} files`);
