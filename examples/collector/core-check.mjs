// Would the analytics core read this record? The collector stores only lines
// the dashboard and the CLI will count, so it asks the same core (the wasm build
// in dist/core, through js/index.mjs) instead of keeping a second copy of its
// rules: a JSON string the core cannot decode (a lone surrogate, "\ud800"), a
// date that is not a date ("2024-02-31"), a score out of range ... are refused
// here, with the core's own reason, instead of turning up later as rejections.
// Loaded on first use, so a collector whose core is not built yet starts (and is
// importable by tests) and says what is missing instead of failing at import.
let api;
const analyze = async (...args) => (await (api ??= import('../../js/index.mjs'))).analyze(...args);

// The collector's columns, named so the core does not have to guess the layout
// from one record.
const ROLES = { score: 'score', date: 'ts', comment: 'comment', id: 'id' };
// A record the core always accepts, put first so the input is read as NDJSON
// and the candidate is judged as line 2 (an invalid first line would make the
// core reject the whole input as "not JSON", with no line to point at).
const PROBE = JSON.stringify({ id: 'probe', score: 0, ts: '2000-01-01T00:00:00.000Z', comment: null });
const encoder = new TextEncoder();

// One line through the core: null if it is read as a valid row with a readable
// date, else the core's reason (and the column it names, if any).
async function judge(line) {
  let report;
  try {
    report = await analyze(encoder.encode(PROBE + '\n' + line + '\n'), ROLES);
  } catch (e) {
    return { column: null, reason: String(e.message || e) };
  }
  const rows = report.rows;
  if (rows.read === 2 && rows.valid === 2 && rows.date_missing === 0) return null;
  const found = [...report.rejections, ...report.warnings].find((r) => r.line === 2);
  if (found) return { column: found.column ?? null, reason: found.column && found.value != null ? `${JSON.stringify(found.value)}: ${found.reason}` : found.reason };
  return { column: null, reason: `not read as one valid dated row (rows: ${JSON.stringify(rows)})` };
}

// -> null when the core reads `record` (the exact object to be stored) as a
// valid row, else [{ field, message }]. When the core refuses the line as a
// whole ("record is not valid JSON"), each field is tried on its own in the
// probe record to name the culprit: at most one extra core call per field.
export async function coreCheck(record) {
  const verdict = await judge(JSON.stringify(record));
  if (!verdict) return null;
  const message = `the analytics core would not read this record: ${verdict.reason}`;
  if (verdict.column) return [{ field: verdict.column, message }];
  const probe = JSON.parse(PROBE);
  for (const key of Object.keys(record)) {
    if (key in probe && key !== 'comment') continue; // score, ts, id: judged by their column above
    const alone = await judge(JSON.stringify({ ...probe, [key]: record[key] }));
    // JSON.stringify always writes valid JSON syntax; what the core's decoder refuses
    // in it is a string with a lone UTF-16 surrogate ("\ud800"), hence the hint.
    if (alone) return [{ field: key, message: `the analytics core would not read this value: ${alone.reason} (a lone UTF-16 surrogate?)` }];
  }
  return [{ field: '', message }];
}

// Loads the core now (startup), so a missing build is reported before the
// first response arrives rather than answered with a 500.
export async function coreReady() {
  await analyze(encoder.encode(PROBE + '\n'), ROLES);
}
