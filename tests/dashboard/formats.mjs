// Builds one small file per supported input format from the bundled sample, so
// the end-to-end test can load each through the page and compare the headline
// with the core's own analyze() of the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { root } from './helpers.mjs';

const text = fs.readFileSync(path.join(root, 'examples/sample/responses.csv'), 'utf8');
const parsed = Papa.parse(text, { skipEmptyLines: true });
const [header, ...body] = parsed.data;
const rows = body.slice(0, 1200).filter((r) => r.length === header.length);
const objects = rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));

const SCORE = header[3];
const csvWith = (delimiter, eol = '\n') => Papa.unparse([header, ...rows], { delimiter, newline: eol }) + eol;

function utf16(str, be) {
  const buf = Buffer.from('\ufeff' + str, 'utf16le');
  if (be) buf.swap16();
  return buf;
}

export function formats() {
  const scoreNum = (v) => (/^\d+$/.test(v) ? Number(v) : v === '' ? null : v);
  return {
    'comma.csv': csvWith(','),
    'crlf-semicolon.csv': csvWith(';', '\r\n'),
    'tab.tsv': csvWith('\t'),
    'utf16le.csv': utf16(csvWith(','), false),
    'utf16be.csv': utf16(csvWith(','), true),
    'array.json': JSON.stringify(objects.map((o) => ({ ...o, [SCORE]: scoreNum(o[SCORE]) })), null, 1),
    'lines.ndjson': objects.map((o) => JSON.stringify({ ...o, [SCORE]: scoreNum(o[SCORE]) })).join('\n') + '\n',
    // What the widget's collector writes (build/collector/responses.ndjson).
    'collector.ndjson': objects.filter((o) => /^\d+$/.test(o[SCORE])).map((o) => JSON.stringify({
      id: o['Response ID'], survey: 'main', score: Number(o[SCORE]), category: o[SCORE] >= 9 ? 'promoter' : o[SCORE] >= 7 ? 'passive' : 'detractor',
      comment: o[header[4]], ts: new Date(o['Submitted At']).toISOString(), page: '/checkout', attributes: { plan: o.Plan, country: o.Country },
    })).join('\n') + '\n',
    // SurveyMonkey-style export: a second header row with the answer option labels.
    'surveymonkey.csv': Papa.unparse([header, header.map((h, i) => (i === 3 ? 'Response' : i === 4 ? 'Open-Ended Response' : '')), ...rows]) + '\n',
  };
}

/** Two files that share some response ids (merged; each id counted once). */
export function overlapping() {
  const a = Papa.unparse([header, ...rows.slice(0, 700)]) + '\n';
  const b = Papa.unparse([header, ...rows.slice(500, 1200)]) + '\n';
  return { 'part-a.csv': a, 'part-b.csv': b };
}

/** Cells and headers holding script payloads: must render as text and run nothing. */
export function hostile() {
  const evil = '<img src=x onerror="window.__xss=1">';
  const head = ['id', 'Submitted At', 'score', 'comment', evil, '<script>window.__xss=2</script>'];
  const lines = [];
  for (let i = 0; i < 120; i++) {
    lines.push([`u${i}`, `2025-0${1 + (i % 6)}-1${i % 9}`, String(i % 11),
      i % 3 === 0 ? '<script>window.__xss=3</script>' : i % 3 === 1 ? evil : '=HYPERLINK("http://evil.example","x")',
      i % 2 ? evil : 'plain', i % 2 ? '<script>window.__xss=4</script>' : 'B']);
  }
  lines.push(['bad', '2025-01-01', evil, 'x', 'a', 'b']); // a rejected row whose value is a payload
  return Papa.unparse([head, ...lines]) + '\n';
}

export const SAMPLE_SCORE = SCORE;
