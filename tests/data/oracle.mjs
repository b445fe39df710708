// Shared helpers of the fixture generator: a seeded PRNG and the bookkeeping
// ("oracle") that records, for every record the generator writes, what it meant:
// its physical line, whether its score is valid / blank / rejected, its month and
// its segment value. The expected files are built from this bookkeeping alone,
// never by reading a fixture back.

// The seeded PRNG is shared with the sample-data generator (examples/sample).
export { makeRng } from '../../scripts/lib/seeded-rng.mjs';

export const Z95 = 1.959963984540054;

// Rounds to 0.01, half away from zero (the report's rounding of points).
export function round2(x) {
  const r = Math.round(Math.abs(x) * 100 + 1e-9) / 100;
  return x < 0 ? -r : r;
}

export function categoryOf(score) {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

export function tallyOf() {
  return new Array(11).fill(0);
}

export function summarize(hist) {
  const n = hist.reduce((a, b) => a + b, 0);
  const promoters = hist[9] + hist[10];
  const passives = hist[7] + hist[8];
  const detractors = n - promoters - passives;
  const nps = n === 0 ? null : round2(((promoters - detractors) / n) * 100);
  return { n, promoters, passives, detractors, nps };
}

// Adjusted Wald (Rocks 2016), as in /work/shared/DESIGN.md; x100, clamped.
export function ci95(hist) {
  const s = summarize(hist);
  if (s.n === 0) return null;
  const na = s.n + 3;
  const p = (s.promoters + 0.75) / na;
  const d = (s.detractors + 0.75) / na;
  const nps = p - d;
  const v = p + d - nps * nps;
  const half = Z95 * Math.sqrt(v / na);
  return [round2(Math.max(-1, nps - half) * 100), round2(Math.min(1, nps + half) * 100)];
}

// Reason texts in the words of docs/report.md.
export function reasonText(kind, value, extra = {}) {
  switch (kind) {
    case 'out_of_range': return `score ${value.trim()} is outside 0-10`;
    case 'not_integer': return `score ${value.trim()} is not a whole number`;
    case 'not_a_number': return `"${value.trim()}" is not a 0-10 score`;
    case 'short_row': return `row has ${extra.fields} fields; the score column is field ${extra.scoreField}`;
    case 'unterminated_quote': return 'unterminated quoted field at end of file';
    case 'invalid_json': return 'record is not valid JSON';
    case 'not_object': return 'JSON record is not an object';
    default: throw new Error(`unknown rejection kind ${kind}`);
  }
}

// One fixture's bookkeeping.
export class Book {
  // notices: codes the generator made the file raise on purpose (score_tie,
  // date_unreadable, score_scale_1_5, ...); rejected_rows, few_responses and
  // no_date_column follow from the bookkeeping itself.
  constructor({ file, imitates, source, columns, segmentColumn, notices = [] }) {
    this.meta = { file, imitates, source, columns };
    this.segmentColumn = segmentColumn;
    this.notices = notices;
    this.read = 0;
    this.valid = 0;
    this.blank = 0;
    this.dateMissing = 0;
    this.rejections = [];
    this.hist = tallyOf();
    this.segments = new Map(); // value -> hist
    this.months = new Map(); // 'YYYY-MM' -> hist
  }

  // A record whose score the generator wrote as a usable 0..10 value.
  valid_(score, { month, segment }) {
    if (!Number.isInteger(score) || score < 0 || score > 10) throw new Error(`bad score ${score}`);
    this.read++;
    this.valid++;
    this.hist[score]++;
    if (this.segmentColumn) {
      if (segment == null || segment === '') throw new Error('valid record without a segment value');
      if (!this.segments.has(segment)) this.segments.set(segment, tallyOf());
      this.segments.get(segment)[score]++;
    }
    if (month == null) this.dateMissing++;
    else {
      if (!/^\d{4}-\d{2}$/.test(month)) throw new Error(`bad month ${month}`);
      if (!this.months.has(month)) this.months.set(month, tallyOf());
      this.months.get(month)[score]++;
    }
  }

  blank_() {
    this.read++;
    this.blank++;
  }

  rejected_({ line, column, value, kind, extra }) {
    if (!Number.isInteger(line) || line < 1) throw new Error(`bad line ${line}`);
    this.read++;
    this.rejections.push({ line, column, value, kind, reason: reasonText(kind, value ?? '', extra) });
  }

  // outcome: { kind: 'valid', score } | { kind: 'blank' } | { kind: 'rejected', reject, value }
  add(outcome, { line, column, month, segment }) {
    if (outcome.kind === 'valid') this.valid_(outcome.score, { month, segment });
    else if (outcome.kind === 'blank') this.blank_();
    else this.rejected_({ line, column, value: outcome.value, kind: outcome.reject, extra: outcome.extra });
  }

  expected() {
    const s = summarize(this.hist);
    const segList = (m) =>
      [...m.entries()]
        .map(([value, h]) => ({ value, ...summarize(h) }))
        .sort((a, b) => b.n - a.n || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const out = {
      file: this.meta.file,
      imitates: this.meta.imitates,
      source: this.meta.source,
      columns: this.meta.columns,
      rows: {
        read: this.read,
        valid: this.valid,
        blank_score: this.blank,
        rejected: this.rejections.length,
        date_missing: this.dateMissing,
      },
      // The codes of report.notices (docs/report.md), sorted.
      notices: [...new Set([
        ...this.notices,
        ...(this.rejections.length > 0 ? ['rejected_rows'] : []),
        ...(this.valid < 30 ? ['few_responses'] : []),
        ...(this.meta.columns.date == null ? ['no_date_column'] : []),
      ])].sort(),
      rejections: this.rejections.sort((a, b) => a.line - b.line),
      overall: {
        n: s.n,
        promoters: s.promoters,
        passives: s.passives,
        detractors: s.detractors,
        histogram: this.hist,
        nps: s.nps,
        ci95: ci95(this.hist),
      },
      segments: this.segmentColumn ? { [this.segmentColumn]: segList(this.segments) } : {},
      trend: [...this.months.entries()]
        .sort((a, b) => (a[0] < b[0] ? -1 : 1))
        .map(([period, h]) => ({ period, ...summarize(h) })),
    };
    if (this.read !== this.valid + this.blank + this.rejections.length) throw new Error('row bookkeeping');
    return out;
  }
}

// Counts physical line breaks (CRLF, CR or LF each count as one).
export function countBreaks(text) {
  const m = text.match(/\r\n|\r|\n/g);
  return m ? m.length : 0;
}

// Builds delimited text and tracks the physical line where each record starts.
export class DelimitedWriter {
  constructor({ delimiter = ',', eol = '\r\n', quoteAll = false } = {}) {
    this.delimiter = delimiter;
    this.eol = eol;
    this.quoteAll = quoteAll;
    this.parts = [];
    this.line = 1; // the physical line the next record starts on
  }
  quote(cell) {
    const s = String(cell ?? '');
    const needs = this.quoteAll || s.includes('"') || s.includes('\n') || s.includes('\r') || s.includes(this.delimiter);
    return needs ? `"${s.replace(/"/g, '""')}"` : s;
  }
  // Writes one record; returns the physical line it starts on.
  row(cells, { quote } = {}) {
    const text = cells.map((c, i) => (quote && quote[i] === false ? String(c ?? '') : this.quote(c))).join(this.delimiter) + this.eol;
    return this.raw(text);
  }
  // Writes text verbatim (for hand-made malformed records); returns its start line.
  raw(text) {
    const start = this.line;
    this.parts.push(text);
    this.line += countBreaks(text);
    return start;
  }
  text() {
    return this.parts.join('');
  }
}

const CP1252_EXTRA = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

export function encodeCp1252(text) {
  const out = Buffer.alloc(text.length);
  let i = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0);
    if (CP1252_EXTRA[ch] !== undefined) out[i++] = CP1252_EXTRA[ch];
    else if (c < 0x80 || (c >= 0xa0 && c <= 0xff)) out[i++] = c;
    else throw new Error(`not encodable in Windows-1252: ${JSON.stringify(ch)}`);
  }
  return out.subarray(0, i);
}

export function encodeUtf16leBom(text) {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
}

export const pad2 = (n) => String(n).padStart(2, '0');

// Wall-clock components of a UTC epoch second shifted by an offset (minutes).
export function wall(epochSec, offsetMin = 0) {
  const d = new Date((epochSec + offsetMin * 60) * 1000);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(),
    h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(),
  };
}
export const monthOf = (w) => `${w.y}-${pad2(w.mo)}`;
export const isoNaive = (w, sep = ' ') => `${w.y}-${pad2(w.mo)}-${pad2(w.d)}${sep}${pad2(w.h)}:${pad2(w.mi)}:${pad2(w.s)}`;
export function offsetText(min, colon = true) {
  if (min === 0) return 'Z';
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${pad2(Math.floor(a / 60))}${colon ? ':' : ''}${pad2(a % 60)}`;
}
