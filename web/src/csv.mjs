// CSV export. Cells that a spreadsheet would run as a formula (starting with
// = + - @ tab or CR) get a leading apostrophe: survey comments are attacker-
// controlled text, and the CSV is meant for Excel/CRMs (OWASP CSV injection).

export function neutralize(value) {
  if (value === null || value === undefined) return '';
  const s = String(value);
  if (typeof value === 'number') return s; // a negative number is data, not a formula
  return /^[=+\-@\t\r]/.test(s) ? "'" + s : s;
}

function quote(s) {
  return /[",\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** rows: array of arrays (first is the header). Returns CSV text with CRLF line ends. */
export function toCSV(rows) {
  return rows.map((r) => r.map((c) => quote(neutralize(c))).join(',')).join('\r\n') + '\r\n';
}

/** Offer a Blob as a download (no network: an object URL on this page). */
export function download(filename, blobOrText, type = 'text/csv;charset=utf-8') {
  const blob = blobOrText instanceof Blob ? blobOrText : new Blob(['\ufeff' + blobOrText], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadCSV(filename, rows) {
  download(filename, toCSV(rows));
}
