// Browser side of the dashboard benchmark: the two alternatives a team could use
// instead of npskit, each given the same File and asked for the numbers the
// dashboard shows after a drop: 0-10 histogram (valid scores), NPS per Country,
// NPS per month, comment count + first 25 comments, detractor count + first 25.
// For the complete view, papaparse + the npm `vader-sentiment` (the reference VADER
// in JS) also scores every comment and counts sentiment per NPS category (less than
// npskit's comment panels: no themes, no keyphrases).
// Bundled by bench/dashboard-bench.mjs (esbuild) into build/bench-dashboard/.
import * as duckdb from '@duckdb/duckdb-wasm';
import Papa from 'papaparse';
import vader from 'vader-sentiment';

const DIST = '/node_modules/@duckdb/duckdb-wasm/dist/';
let db = null;

/**
 * Start DuckDB before the timed part, and run the queries once over `warmup` (a
 * small export), as npskit's workers compile and warm up their wasm at page load.
 */
export async function duckdbInit(warmup) {
  const worker = new Worker(DIST + 'duckdb-browser-eh.worker.js');
  db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(DIST + 'duckdb-eh.wasm');
  const c = await db.connect();
  await c.query('SELECT 1');
  await c.close();
  if (warmup) await duckdbRun(warmup);
}

export async function duckdbRun(file) {
  const t0 = performance.now();
  await db.registerFileHandle('data.csv', file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const c = await db.connect();
  const cols = '{"Response ID":"VARCHAR","Email":"VARCHAR","Submitted At":"TIMESTAMP","How likely are you to recommend us?":"VARCHAR","Why?":"VARCHAR","Country":"VARCHAR","Plan":"VARCHAR","Channel":"VARCHAR"}';
  await c.query(`CREATE OR REPLACE TABLE t AS SELECT "Response ID" AS id, Email AS email, "Submitted At" AS ts,
      TRY_CAST("How likely are you to recommend us?" AS INTEGER) AS score, "Why?" AS comment, Country AS country, Plan AS plan, Channel AS channel
    FROM read_csv('data.csv', header = true, columns = ${cols})`);
  const valid = 'score BETWEEN 0 AND 10';
  const rows = async (sql) => (await c.query(sql)).toArray().map((r) => r.toJSON());
  const hist = await rows(`SELECT score, count(*)::INTEGER AS n FROM t WHERE ${valid} GROUP BY score`);
  const seg = await rows(`SELECT country AS k, score, count(*)::INTEGER AS n FROM t WHERE ${valid} GROUP BY ALL`);
  const month = await rows(`SELECT strftime(ts, '%Y-%m') AS k, score, count(*)::INTEGER AS n FROM t WHERE ${valid} AND ts IS NOT NULL GROUP BY ALL`);
  const comments = await rows(`SELECT count(*)::INTEGER AS n FROM t WHERE ${valid} AND comment <> ''`);
  const commentPage = await rows(`SELECT score, comment, ts FROM t WHERE ${valid} AND comment <> '' LIMIT 25`);
  const detractors = await rows(`SELECT count(*)::INTEGER AS n FROM t WHERE score BETWEEN 0 AND 6`);
  const detractorPage = await rows(`SELECT id, email, score, comment FROM t WHERE score BETWEEN 0 AND 6 LIMIT 25`);
  await c.close();
  const out = summarize(hist.map((r) => [r.score, r.n]), seg, month, comments[0].n, detractors[0].n, commentPage.length + detractorPage.length);
  await db.dropFile('data.csv');
  return { ms: performance.now() - t0, ...out };
}

/**
 * papaparse (streaming, header: false for speed) + plain JS aggregation on the main
 * thread. sentiment: also VADER over every comment of a valid score (compound
 * score, labels at ±0.05 like npskit's), counted per NPS category.
 */
export function papaRun(file, { sentiment = false } = {}) {
  const t0 = performance.now();
  const mood = { detractor: [0, 0, 0], passive: [0, 0, 0], promoter: [0, 0, 0] }; // negative, neutral, positive
  return new Promise((resolve, reject) => {
    const hist = new Array(11).fill(0);
    const seg = new Map(), month = new Map();
    let comments = 0, detractors = 0, header = null;
    const commentPage = [], detractorPage = [];
    const bump = (map, k, score) => { let t = map.get(k); if (!t) map.set(k, (t = new Array(11).fill(0))); t[score]++; };
    Papa.parse(file, {
      skipEmptyLines: true,
      chunkSize: 4 << 20,
      chunk(res) {
        for (const r of res.data) {
          if (!header) { header = r; continue; }
          const s = r[3];
          if (!/^(?:\d|10)$/.test(s)) continue;
          const score = +s;
          hist[score]++;
          bump(seg, r[5], score);
          if (r[2]) bump(month, r[2].slice(0, 7), score);
          if (r[4]) {
            comments++;
            if (commentPage.length < 25) commentPage.push(r);
            if (sentiment) {
              const c = vader.SentimentIntensityAnalyzer.polarity_scores(r[4]).compound;
              mood[score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor'][c >= 0.05 ? 2 : c <= -0.05 ? 0 : 1]++;
            }
          }
          if (score <= 6) { detractors++; if (detractorPage.length < 25) detractorPage.push(r); }
        }
      },
      complete() {
        const flat = (m) => [...m].flatMap(([k, t]) => t.map((n, score) => ({ k, score, n })).filter((x) => x.n));
        resolve({ ms: performance.now() - t0, ...summarize(hist.map((n, i) => [i, n]), flat(seg), flat(month), comments, detractors, commentPage.length + detractorPage.length), ...(sentiment ? { sentiment: mood } : {}) });
      },
      error: reject,
    });
  });
}

/** Tallies -> the dashboard's numbers (NPS per group), compact enough to compare across contenders. */
function summarize(histPairs, segRows, monthRows, comments, detractors, listed) {
  const histogram = new Array(11).fill(0);
  for (const [s, n] of histPairs) histogram[Number(s)] = Number(n);
  const group = (rows) => {
    const m = {};
    for (const r of rows) { (m[r.k] ??= new Array(11).fill(0))[Number(r.score)] += Number(r.n); }
    return Object.fromEntries(Object.entries(m).sort().map(([k, t]) => [k, nps(t)]));
  };
  return { overall: nps(histogram), histogram, segments: group(segRows), months: group(monthRows), comments, detractors, listed };
}

function nps(t) {
  const n = t.reduce((a, b) => a + b, 0);
  const p = t[9] + t[10], d = t.slice(0, 7).reduce((a, b) => a + b, 0);
  // Adjusted Wald 95% interval, as the dashboard shows.
  const n1 = n + 3, pp = (p + 0.75) / n1, dd = (d + 0.75) / n1, v = pp - dd, half = 1.96 * Math.sqrt((pp + dd - v * v) / n1);
  // Rounded to 0.01 half away from zero, like the core's report (Math.round rounds -14.625 up to -14.62).
  const r2 = (x) => (Math.sign(x) * Math.round(Math.abs(x) * 100)) / 100;
  return { n, nps: r2((100 * (p - d)) / n), ci: [r2(100 * (v - half)), r2(100 * (v + half))] };
}

window.contenders = { duckdbInit, duckdbRun, papaRun };
