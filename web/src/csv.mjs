// CSV export. Cells that a spreadsheet would run as a formula get a leading
// apostrophe: survey comments are attacker-controlled text, and the CSV is meant
// for Excel/CRMs (OWASP CSV injection). A formula may start with = + - @ or |
// (DDE), their fullwidth forms (＝ ＋ － ＠, which some spreadsheets fold), after
// leading white space of any kind (a non-breaking space before = still runs), or
// with a tab, CR or LF. A cell that is wholly a number (-2, -3.5, +1e3) is data,
// not a formula, and stays a number.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const FORMULA = /^[\s\u00a0\u2000-\u200b\u3000\ufeff]*[=+\-@|\uff1d\uff0b\uff0d\uff20\uff5c]|^[\t\r\n]/;

export function neutralize(value) {
  if (value === null || value === undefined) return '';
  const s = String(value);
  if (typeof value === 'number' || NUMBER.test(s)) return s;
  return FORMULA.test(s) ? "'" + s : s;
}

function quote(s) {
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** rows: array of arrays (first is the header). Returns CSV text with CRLF line ends. */
export function toCSV(rows) {
  return rows.map((r) => r.map((c) => quote(neutralize(c))).join(',')).join('\r\n') + '\r\n';
}

/**
 * A download name safe on every OS (some names hold column names from the data):
 * no path separators, reserved or control characters, bidi overrides or edge dots.
 */
export function safeFileName(name) {
  const s = String(name).replace(/[/\\:*?"<>|\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]+/g, '_');
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(s)?.[0] ?? '';
  const stem = s.slice(0, s.length - ext.length).replace(/^[.\s]+|[.\s]+$/g, '').slice(0, 120);
  return (stem || 'download') + ext;
}

/** Offer a Blob as a download (no network: an object URL on this page). */
export function download(filename, blobOrText, type = 'text/csv;charset=utf-8') {
  const blob = blobOrText instanceof Blob ? blobOrText : new Blob(['\ufeff' + blobOrText], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(filename);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadCSV(filename, rows) {
  download(filename, toCSV(rows));
}
