// The data every engine test runs on: one export, written as CSV for npskit and as
// the rows each engine loads. Deterministic (a seeded generator), and it holds the
// cells that the bucket rules must get right: blanks, "9.0", "7,0", "-0", "08",
// padded scores, non-integers, out-of-range and non-numeric values, missing dates,
// blank segments, and people who answered more than once (on different days).
export const COLUMNS = ['Respondent', 'Submitted', 'Likely to recommend', 'Country', 'Plan'];
export const SCORE = 'Likely to recommend';
export const DATE = 'Submitted';
export const ID = 'Respondent';
export const BY = ['Country', 'Plan'];

function rng(seed) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const ODD_SCORES = ['', '  ', '9.0', '7,0', '-0', '08', ' 10 ', '6.5', '11', '-1', 'n/a', 'ten', '9.5', '0.00'];

// rows: [{Respondent, Submitted ('' or YYYY-MM-DD), score (text), Country, Plan}]
export function makeRows(count = 3000, seed = 7) {
  const r = rng(seed);
  const countries = ['US', 'DE', 'FR', 'GB', 'JP', ''];
  const plans = ['Free', 'Pro', 'Business', ''];
  const rows = [];
  const lastDay = new Map();  // person -> last day used, so a person's answers have distinct dates
  for (let i = 0; i < count; i++) {
    const person = r() < 0.3 ? `P${Math.floor(r() * 400)}` : `U${i}`;
    let day = Math.floor(r() * 540);  // 2024-01-01 + up to ~18 months
    if (lastDay.has(person)) day = lastDay.get(person) + 1 + Math.floor(r() * 20);
    lastDay.set(person, day);
    const date = new Date(Date.UTC(2024, 0, 1) + day * 86400000).toISOString().slice(0, 10);
    const weights = [4, 2, 2, 3, 3, 6, 6, 10, 14, 20, 30];
    let score;
    if (r() < 0.05) score = ODD_SCORES[Math.floor(r() * ODD_SCORES.length)];
    else {
      let x = r() * weights.reduce((a, b) => a + b), k = 0;
      while (x > weights[k]) x -= weights[k++];
      score = String(k);
    }
    rows.push({
      Respondent: person,
      // Only one-time respondents lack a date, so "latest per person" has no ties.
      Submitted: person.startsWith('U') && r() < 0.04 ? '' : date,
      score,
      Country: countries[Math.floor(r() * countries.length)],
      Plan: plans[Math.floor(r() * plans.length)],
    });
  }
  return rows;
}

const csvCell = (v) => (/[",\n\r]|^\s|\s$/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function toCsv(rows) {
  const lines = [COLUMNS.map(csvCell).join(',')];
  for (const x of rows) lines.push([x.Respondent, x.Submitted, x.score, x.Country, x.Plan].map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

// The rows "latest valid response per person" keeps, by the rule of docs/scale.md
// (written here independently): rows without a 0-10 score or without an id are all
// kept; among a person's valid rows the one with the latest date.
export function latestPerPerson(rows, isValid) {
  const best = new Map();
  rows.forEach((x, i) => {
    if (!isValid(x) || x.Respondent === '') return;
    const b = best.get(x.Respondent);
    if (b === undefined || (x.Submitted || '0000') >= (rows[b].Submitted || '0000')) best.set(x.Respondent, i);
  });
  const winners = new Set(best.values());
  return rows.filter((x, i) => !isValid(x) || x.Respondent === '' || winners.has(i));
}
