#!/usr/bin/env node
// Writes the survey-export fixtures in tests/data/ and, for each, the ground truth
// tests/data/expected/<file>.json from the generator's own bookkeeping (what it
// meant each record to be), never by parsing the written file.
//
//   node tests/data/generate-fixtures.mjs          # (re)writes everything
//   node tests/data/generate-fixtures.mjs --check  # fails if any file would change
//
// Deterministic: a fixed seed per fixture; re-running reproduces every byte.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  makeRng, Book, DelimitedWriter, countBreaks, encodeCp1252, encodeUtf16leBom,
  wall, monthOf, isoNaive, offsetText, pad2, categoryOf,
} from './oracle.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHECK = process.argv.includes('--check');
const outputs = []; // [path, Buffer]

function emit(name, bytes) {
  outputs.push([join(HERE, name), Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes, 'utf8')]);
}
function emitExpected(book) {
  // Pretty-printed, with number arrays (histogram, ci95) kept on one line.
  const text = JSON.stringify(book.expected(), null, 2).replace(/\[\s+(-?[\d.]+(?:,\s+-?[\d.]+)*)\s+\]/g, (_, inner) => `[${inner.replace(/,\s+/g, ', ')}]`);
  emit(join('expected', `${book.meta.file}.json`), text + '\n');
}

// ---------------------------------------------------------------------------
// Scores and comments

// Weights for scores 0..10. `mood` > 0 makes answers happier, < 0 unhappier.
function scoreWeights(mood = 0) {
  const base = [3, 1.5, 2, 2.5, 3, 5, 6, 10, 16, 22, 29];
  return base.map((w, s) => [s, w * Math.exp(mood * (s - 7) / 3)]);
}
const drawScore = (rng, mood) => rng.weighted(scoreWeights(mood));

const COMMENTS_EN = {
  promoter: [
    'Support team was great, solved my issue in minutes',
    'Fast delivery and everything arrived in perfect condition 👍',
    'Love the product, easy to use',
    'Great value for money',
    'Checkout was quick, no hassle',
    "Best customer service I've had in years 🙌",
    'The app is simple and it just works',
    'Ordered 5 times, never a problem',
    'Support said "we\'ve got you" and they really did',
    'Great product, fast shipping, fair price',
    'Honestly? The best tool we pay for ❤️',
  ],
  passive: [
    'Good overall, but delivery took a few days longer than promised',
    'Product is fine, prices are a bit high',
    "It's OK. Nothing special",
    'Decent, the app could be faster',
    'Works, but the setup was confusing',
    'Mostly good.\nThe mobile app needs work though',
    'Solid, but the "Pro" plan is pricey',
  ],
  detractor: [
    'Delivery was late, twice',
    'Price is too high for what you get',
    'Support never answered my emails 😡',
    'The app keeps crashing on login',
    'Package arrived damaged, refund took 3 weeks',
    'Charged twice, still waiting for the refund',
    'Two things:\n1) delivery was late\n2) no tracking number',
    'Called it "premium", but it feels cheap',
    'Price went up again 💸',
  ],
};

function comment(rng, score, pool = COMMENTS_EN, pBlank = 0.35) {
  if (rng.chance(pBlank)) return '';
  return rng.pick(pool[categoryOf(score)]);
}

// Epoch seconds (UTC) of a random daytime moment between two dates (inclusive
// of `from`, exclusive of `to`), as Date.UTC arguments [y, m(1-12), d].
function randomDaytime(rng, from, to, { hourLo = 7, hourHi = 21 } = {}) {
  const a = Date.UTC(from[0], from[1] - 1, from[2]) / 1000;
  const b = Date.UTC(to[0], to[1] - 1, to[2]) / 1000;
  const days = Math.floor((b - a) / 86400);
  const day = rng.int(0, days - 1);
  return a + day * 86400 + rng.int(hourLo, hourHi) * 3600 + rng.int(0, 59) * 60 + rng.int(0, 59);
}

const FIRST = ['Anna', 'Ben', 'Chloe', 'David', 'Emma', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kofi', 'Lena', 'Mateo', 'Nora', 'Omar', 'Priya', 'Quinn', 'Rosa', 'Sven', 'Tara'];
const LAST = ['Smith', 'Müller', "O'Brien", 'Garcia', 'Nguyen', 'Kowalski', 'Dubois', 'Rossi', 'Tanaka', 'Okafor', 'Jensen', 'Silva', 'Novak', 'Patel', 'Cohen'];
const email = (f, l, n) => `${f}.${l}${n}`.toLowerCase().replace(/[^a-z0-9.]/g, '') + '@example.com';

const valid = (score) => ({ kind: 'valid', score });
const blank = () => ({ kind: 'blank' });
const reject = (value, kind, extra) => ({ kind: 'rejected', reject: kind, value, extra });

// Asserts that a day-first / month-first file really carries the evidence
// (a first or second component > 12) a sniffer needs.
function assertSome(list, pred, what) {
  if (!list.some(pred)) throw new Error(`no record shows ${what}`);
}

// ---------------------------------------------------------------------------
// delighted.csv: Delighted's "Download responses" CSV

function delighted() {
  const rng = makeRng(101);
  const cols = ['Response ID', 'Email', 'Name', 'Score', 'Comment', 'Created At (UTC)', 'Country', 'Plan'];
  const book = new Book({
    file: 'delighted.csv',
    imitates: 'Delighted response export (one header row, comma, LF, UTF-8, naive UTC timestamps)',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'Score', date: 'Created At (UTC)', comment: 'Comment', id: 'Response ID', segment: 'Plan' },
    segmentColumn: 'Plan',
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  const recs = [];
  for (let i = 0; i < 150; i++) {
    const t = randomDaytime(rng, [2024, 1, 1], [2024, 5, 1]);
    const plan = rng.weighted([['Free', 3], ['Pro', 4], ['Team', 2], ['Enterprise', 1]]);
    const score = drawScore(rng, plan === 'Free' ? -0.6 : plan === 'Enterprise' ? 0.4 : 0);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    recs.push({ t, plan, score, f, l, country: rng.weighted([['US', 5], ['GB', 2], ['DE', 2], ['CA', 1], ['AU', 1], ['FR', 1]]) });
  }
  recs.sort((a, b) => b.t - a.t); // newest first, as the app lists them
  recs.forEach((r, i) => {
    const wl = wall(r.t);
    const id = 318000000 + 7919 * (recs.length - i) + rng.int(0, 7000);
    const c = i === 3 ? 'Two things:\n1) delivery was late\n2) no tracking number' : comment(rng, r.score);
    const line = w.row([id, email(r.f, r.l, rng.int(1, 99)), rng.chance(0.2) ? '' : `${r.f} ${r.l}`, r.score, c, isoNaive(wl), r.country, r.plan]);
    book.add(valid(r.score), { line, column: 'Score', month: monthOf(wl), segment: r.plan });
  });
  emit('delighted.csv', w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// surveymonkey.csv: SurveyMonkey "All individual responses", expanded, two header rows

function surveymonkey() {
  const rng = makeRng(202);
  const Q = 'How likely is it that you would recommend Acme to a friend or colleague?';
  const R = 'What is the main reason for your score?';
  const G = 'Which region are you in?';
  const row1 = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name', 'Custom Data 1', Q, R, G];
  const row2 = ['', '', '', '', '', '', '', '', '', 'Response', 'Open-Ended Response', 'Response'];
  const book = new Book({
    file: 'surveymonkey.csv',
    imitates: 'SurveyMonkey expanded CSV (two header rows, month-first 12-hour dates, CRLF, UTF-8)',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 2 },
    columns: { score: Q, date: 'Start Date', comment: R, id: 'Respondent ID', segment: G },
    segmentColumn: G,
  });
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(row1);
  w.row(row2);
  const smDate = (x) => {
    const h12 = x.h % 12 === 0 ? 12 : x.h % 12;
    return `${pad2(x.mo)}/${pad2(x.d)}/${x.y} ${pad2(h12)}:${pad2(x.mi)}:${pad2(x.s)} ${x.h < 12 ? 'AM' : 'PM'}`;
  };
  const recs = [];
  for (let i = 0; i < 120; i++) recs.push(randomDaytime(rng, [2024, 2, 1], [2024, 6, 1], { hourLo: 6, hourHi: 22 }));
  recs.sort((a, b) => b - a);
  const walls = [];
  recs.forEach((t, i) => {
    const start = wall(t), end = wall(t + rng.int(40, 600));
    walls.push(start);
    const region = rng.weighted([['North America', 5], ['Europe', 4], ['Asia Pacific', 2], ['Latin America', 1]]);
    const score = drawScore(rng, region === 'Latin America' ? -0.8 : 0);
    const skipped = rng.chance(0.04);
    let cell = String(score);
    if (score === 10 && rng.chance(0.5)) cell = '10 - Extremely likely';
    if (score === 0) cell = '0 - Not at all likely';
    const emailCollector = rng.chance(0.4);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const line = w.row([
      11800000000 + 9173 * (recs.length - i) + rng.int(0, 9000),
      emailCollector ? '431205877' : '431205116',
      smDate(start), smDate(end),
      emailCollector ? '' : `198.51.100.${rng.int(1, 254)}`,
      emailCollector ? email(f, l, rng.int(1, 99)) : '',
      emailCollector ? f : '', emailCollector ? l : '', '',
      skipped ? '' : cell,
      skipped ? '' : comment(rng, score),
      region,
    ]);
    book.add(skipped ? blank() : valid(score), { line, column: Q, month: monthOf(start), segment: region });
  });
  assertSome(walls, (x) => x.d > 12, 'a day > 12 (month-first evidence)');
  emit('surveymonkey.csv', w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// typeform.csv: Typeform "Download responses" CSV

function typeform() {
  const rng = makeRng(303);
  const Q = 'How likely are you to recommend us to a friend?';
  const cols = ['#', Q, "What's the main reason?", 'Which plan are you on?', 'utm_source', 'Start Date (UTC)', 'Submit Date (UTC)', 'Network ID', 'Tags'];
  const seg = 'Which plan are you on?';
  const book = new Book({
    file: 'typeform.csv',
    imitates: 'Typeform responses CSV (token "#" id column, hidden field, Start/Submit Date (UTC), LF, UTF-8)',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: Q, date: 'Submit Date (UTC)', comment: "What's the main reason?", id: '#', segment: seg },
    segmentColumn: seg,
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  const ts = [];
  for (let i = 0; i < 100; i++) ts.push(randomDaytime(rng, [2024, 3, 1], [2024, 7, 1]));
  ts.sort((a, b) => a - b);
  for (const t of ts) {
    const plan = rng.weighted([['Starter', 4], ['Growth', 3], ['Scale', 1]]);
    const score = drawScore(rng, plan === 'Scale' ? 0.5 : 0);
    const start = wall(t), submit = wall(t + rng.int(20, 400));
    const line = w.row([
      rng.token(32), score, comment(rng, score, COMMENTS_EN, 0.25), plan,
      rng.weighted([['newsletter', 3], ['in-app', 5], ['', 2]]),
      isoNaive(start), isoNaive(submit), rng.hex(10), '',
    ]);
    book.add(valid(score), { line, column: Q, month: monthOf(submit), segment: plan });
  }
  emit('typeform.csv', w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// qualtrics.csv: Qualtrics "Download data table" CSV with three header rows

function qualtrics() {
  const rng = makeRng(404);
  const QT = 'How likely are you to recommend Acme to a friend or colleague?';
  const spec = [
    ['StartDate', 'Start Date', '{"ImportId":"startDate","timeZone":"America/Denver"}'],
    ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"America/Denver"}'],
    ['Status', 'Response Type', '{"ImportId":"status"}'],
    ['IPAddress', 'IP Address', '{"ImportId":"ipAddress"}'],
    ['Progress', 'Progress', '{"ImportId":"progress"}'],
    ['Duration (in seconds)', 'Duration (in seconds)', '{"ImportId":"duration"}'],
    ['Finished', 'Finished', '{"ImportId":"finished"}'],
    ['RecordedDate', 'Recorded Date', '{"ImportId":"recordedDate","timeZone":"America/Denver"}'],
    ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}'],
    ['RecipientLastName', 'Recipient Last Name', '{"ImportId":"recipientLastName"}'],
    ['RecipientFirstName', 'Recipient First Name', '{"ImportId":"recipientFirstName"}'],
    ['RecipientEmail', 'Recipient Email', '{"ImportId":"recipientEmail"}'],
    ['ExternalReference', 'External Data Reference', '{"ImportId":"externalDataReference"}'],
    ['LocationLatitude', 'Location Latitude', '{"ImportId":"locationLatitude"}'],
    ['LocationLongitude', 'Location Longitude', '{"ImportId":"locationLongitude"}'],
    ['DistributionChannel', 'Distribution Channel', '{"ImportId":"distributionChannel"}'],
    ['UserLanguage', 'User Language', '{"ImportId":"userLanguage"}'],
    ['Q1', QT, '{"ImportId":"QID1"}'],
    ['Q1_NPS_GROUP', `${QT} - Group`, '{"ImportId":"QID1_NPS_GROUP"}'],
    ['Q2', 'What is the main reason for your score?', '{"ImportId":"QID2_TEXT"}'],
    ['Q3_Segment', 'Which of these best describes your company?', '{"ImportId":"QID3"}'],
  ];
  const book = new Book({
    file: 'qualtrics.csv',
    imitates: 'Qualtrics data table CSV (three header rows: short names, question texts, ImportId JSON; every field quoted; UTF-8 BOM; CRLF)',
    source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ',', header_rows: 3 },
    columns: { score: 'Q1', date: 'StartDate', comment: 'Q2', id: 'ResponseId', segment: 'Q3_Segment' },
    segmentColumn: 'Q3_Segment',
  });
  const w = new DelimitedWriter({ eol: '\r\n', quoteAll: true });
  for (let k = 0; k < 3; k++) w.row(spec.map((s) => s[k]));
  const segs = [['Small business (1-49 employees)', 4], ['Mid-market (50-999 employees)', 3], ['Enterprise (1,000+ employees)', 2]];
  const ts = [];
  for (let i = 0; i < 90; i++) ts.push(randomDaytime(rng, [2024, 1, 15], [2024, 5, 15], { hourLo: 6, hourHi: 20 }));
  ts.sort((a, b) => a - b);
  for (const t of ts) {
    const segment = rng.weighted(segs);
    const score = drawScore(rng, segment.startsWith('Enterprise') ? -0.7 : 0.2);
    const partial = rng.chance(0.07); // closed partial response: the NPS question unanswered
    const dur = rng.int(35, 900);
    const start = wall(t), end = wall(t + dur);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const line = w.row([
      isoNaive(start), isoNaive(end), 'IP Address', `203.0.113.${rng.int(1, 254)}`,
      partial ? String(rng.pick([0, 14])) : '100', String(dur), partial ? 'False' : 'True', isoNaive(end),
      `R_${[...rng.token(15)].map((c) => (rng.chance(0.5) ? c.toUpperCase() : c)).join('')}`, '', '', '', '',
      (39.7 + rng.next()).toFixed(4), (-105.2 + rng.next()).toFixed(4), 'anonymous', 'EN',
      partial ? '' : String(score),
      partial ? '' : String(score >= 9 ? 3 : score >= 7 ? 2 : 1),
      partial ? '' : comment(rng, score),
      partial ? '' : segment,
    ]);
    // A partial response has no segment answer either; it is blank, so not in segments.
    book.add(partial ? blank() : valid(score), { line, column: 'Q1', month: monthOf(start), segment });
  }
  emit('qualtrics.csv', '\ufeff' + w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// excel_de.csv: German Excel "CSV (Trennzeichen-getrennt)": ';', Windows-1252, CRLF

function excelDe() {
  const rng = makeRng(505);
  const Q = 'Wie wahrscheinlich ist es, dass Sie uns weiterempfehlen?';
  const book = new Book({
    file: 'excel_de.csv',
    imitates: 'German Excel "CSV (Trennzeichen-getrennt)" save: semicolon, Windows-1252 (not UTF-8), CRLF, DD.MM.YYYY HH:MM, decimal-comma scores',
    source: { format: 'csv', encoding: 'windows-1252', delimiter: ';', header_rows: 1 },
    columns: { score: Q, date: 'Datum', comment: 'Kommentar', id: null, segment: 'Land' },
    segmentColumn: 'Land',
  });
  const C = {
    promoter: ['Sehr schön, alles hat geklappt', 'Top Service, schnelle Lieferung', 'Zufriedenheit auf ganzer Linie', 'Gute Qualität; fairer Preis', 'Der Kundendienst war großartig', '„Einfach spitze“, sagt mein Team'],
    passive: ['Ganz okay, aber die Lieferung dauerte länger', 'Preis 5 € zu hoch, sonst gut', 'Passt so', 'Die App könnte übersichtlicher sein'],
    detractor: ['Lieferung viel zu spät', 'Zu teuer für das, was man bekommt', 'Kundendienst nie erreichbar – enttäuschend', 'Ware beschädigt; Rückerstattung dauert Wochen', 'Größe passt nicht, Umtausch war mühsam'],
  };
  const w = new DelimitedWriter({ delimiter: ';', eol: '\r\n' });
  w.row(['Datum', Q, 'Kommentar', 'Land']);
  const ts = [];
  for (let i = 0; i < 80; i++) ts.push(randomDaytime(rng, [2024, 4, 1], [2024, 7, 1]));
  ts.sort((a, b) => a - b);
  const walls = [];
  ts.forEach((t, i) => {
    const x = wall(t);
    walls.push(x);
    const land = rng.weighted([['Deutschland', 6], ['Österreich', 3], ['Schweiz', 2]]);
    const score = drawScore(rng, land === 'Schweiz' ? 0.5 : 0);
    let cell = String(score), outcome = valid(score);
    let text = comment(rng, score, C, 0.3);
    if (rng.chance(0.15)) cell = `${score},0`;
    if (i === 40) text = 'Lieferung kam zu spät.\nAber der Support war freundlich.'; // Alt+Enter in a cell
    if (i === 41) { cell = 'k.A.'; outcome = reject(cell, 'not_a_number'); }
    if (i === 60) { cell = ''; outcome = blank(); }
    const date = `${pad2(x.d)}.${pad2(x.mo)}.${x.y} ${pad2(x.h)}:${pad2(x.mi)}`;
    const line = w.row([date, cell, text, land]);
    book.add(outcome, { line, column: Q, month: monthOf(x), segment: land });
  });
  assertSome(walls, (x) => x.d > 12, 'a day > 12');
  emit('excel_de.csv', encodeCp1252(w.text()));
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// excel_unicode.txt: Excel "Unicode Text (*.txt)": UTF-16LE with BOM, TAB, CRLF

function excelUnicode() {
  const rng = makeRng(606);
  const book = new Book({
    file: 'excel_unicode.txt',
    imitates: 'Excel "Unicode Text" save: UTF-16LE with BOM, TAB-delimited, CRLF, US M/D/YYYY H:MM dates',
    source: { format: 'csv', encoding: 'utf-16le', delimiter: '\t', header_rows: 1 },
    columns: { score: 'NPS', date: 'Date', comment: 'Feedback', id: null, segment: 'Region' },
    segmentColumn: 'Region',
  });
  const C = {
    promoter: ['素晴らしいサービスです 👍', 'Super rápido y fácil 🚀', 'Great support, thanks Zoë!', 'Très bon rapport qualité/prix', 'Love it 😍😍'],
    passive: ['まあまあです', 'OK, but the "export" button is hidden', 'Bien, mais un peu cher', 'Fine overall'],
    detractor: ['配送が遅れました 😞', 'Demasiado caro', 'Support took 5 days to reply', 'App crashes:\tevery time I open reports'],
  };
  const w = new DelimitedWriter({ delimiter: '\t', eol: '\r\n' });
  w.row(['Date', 'NPS', 'Feedback', 'Region', 'Plan']);
  const ts = [];
  for (let i = 0; i < 60; i++) ts.push(randomDaytime(rng, [2024, 1, 1], [2024, 4, 1]));
  ts.sort((a, b) => a - b);
  const walls = [];
  ts.forEach((t, i) => {
    const x = wall(t);
    walls.push(x);
    const region = rng.weighted([['APAC', 3], ['EMEA', 3], ['LATAM', 2], ['NA', 2]]);
    const score = drawScore(rng, region === 'LATAM' ? -0.5 : 0.1);
    let cell = String(score), outcome = valid(score);
    if (i === 17) { cell = 'N/A'; outcome = reject(cell, 'not_a_number'); }
    const text = i === 16 ? 'Good product.\nBut shipping to Japan took 3 weeks 📦' : comment(rng, score, C, 0.3);
    const line = w.row([`${x.mo}/${x.d}/${x.y} ${x.h}:${pad2(x.mi)}`, cell, text, region, rng.pick(['Basic', 'Plus'])]);
    book.add(outcome, { line, column: 'NPS', month: monthOf(x), segment: region });
  });
  assertSome(walls, (x) => x.d > 12, 'a day > 12 (month-first evidence)');
  emit('excel_unicode.txt', encodeUtf16leBom(w.text()));
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// utf8_bom_semicolon.csv: French Excel "CSV UTF-8": BOM, ';', DD/MM/YYYY

function frenchBom() {
  const rng = makeRng(707);
  const Q = 'Probabilité de recommandation';
  const book = new Book({
    file: 'utf8_bom_semicolon.csv',
    imitates: 'French Excel "CSV UTF-8 (délimité par des virgules)" save: UTF-8 BOM, semicolon, CRLF, DD/MM/YYYY HH:MM dates',
    source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ';', header_rows: 1 },
    columns: { score: Q, date: 'Date de réponse', comment: 'Commentaire', id: null, segment: 'Région' },
    segmentColumn: 'Région',
  });
  const C = {
    promoter: ['Service client très réactif, merci !', 'Livraison rapide ; produit conforme', 'Très satisfait 👏', 'Simple, efficace, pas cher'],
    passive: ['Correct, sans plus', "L'application est un peu lente", 'Bon produit mais livraison en retard'],
    detractor: ['Trop cher pour ce que c\'est', 'Colis abîmé ; remboursement très long', 'Le « support » ne répond jamais', 'Déçu 😕'],
  };
  const w = new DelimitedWriter({ delimiter: ';', eol: '\r\n' });
  w.row(['Date de réponse', Q, 'Commentaire', 'Région', 'Offre']);
  const ts = [];
  for (let i = 0; i < 70; i++) ts.push(randomDaytime(rng, [2024, 9, 1], [2024, 12, 1]));
  ts.sort((a, b) => a - b);
  const walls = [];
  for (const t of ts) {
    const x = wall(t);
    walls.push(x);
    const region = rng.weighted([['Île-de-France', 4], ['Auvergne-Rhône-Alpes', 2], ["Provence-Alpes-Côte d'Azur", 2], ['Occitanie', 1], ['Hauts-de-France', 1]]);
    const score = drawScore(rng, region === 'Hauts-de-France' ? -0.8 : 0);
    const line = w.row([`${pad2(x.d)}/${pad2(x.mo)}/${x.y} ${pad2(x.h)}:${pad2(x.mi)}`, score, comment(rng, score, C, 0.3), region, rng.pick(['Essentiel', 'Premium'])]);
    book.add(valid(score), { line, column: Q, month: monthOf(x), segment: region });
  }
  assertSome(walls, (x) => x.d > 12, 'a day > 12 (day-first evidence)');
  emit('utf8_bom_semicolon.csv', '\ufeff' + w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// JSON: responses.json (array), wrapped.json (object holding the array), responses.ndjson

const COUNTRY_OFFSETS = { DE: 60, FR: 60, GB: 0, US: -300, IN: 330, JP: 540, BR: -180 };

function jsonRecords(rng, count, from, to) {
  const recs = [];
  for (let i = 0; i < count; i++) {
    const country = rng.weighted([['DE', 3], ['FR', 2], ['GB', 2], ['US', 3], ['IN', 1], ['JP', 1], ['BR', 1]]);
    // Any hour of the local day: some local dates fall in another UTC month.
    const t = randomDaytime(rng, from, to, { hourLo: 0, hourHi: 23 });
    recs.push({ t, country, plan: rng.weighted([['Free', 3], ['Pro', 3], ['Business', 1]]) });
  }
  // Force a few records just across a month boundary: local date in the next
  // month, UTC instant still in the previous one (and vice versa).
  recs[3] = { ...recs[3], country: 'DE', t: Date.UTC(from[0], from[1], 1, 0, 0, 0) / 1000 - 1800 }; // 00:30+01:00 on the 1st
  recs[7] = { ...recs[7], country: 'US', t: Date.UTC(from[0], from[1], 1, 2, 15, 0) / 1000 }; // 21:15-05:00, last day
  recs[11] = { ...recs[11], country: 'IN', t: Date.UTC(from[0], from[1] + 1, 1, 0, 0, 0) / 1000 - 3600 }; // 04:30+05:30 on the 1st
  recs.sort((a, b) => a.t - b.t);
  return recs.map((r) => {
    const off = COUNTRY_OFFSETS[r.country];
    const local = wall(r.t, off);
    return { ...r, off, text: `${isoNaive(local, 'T')}${offsetText(off).replace('Z', '+00:00')}`, month: monthOf(wall(r.t)) };
  });
}

function jsonFixture({ file, seed, count, from, to, wrap }) {
  const rng = makeRng(seed);
  const book = new Book({
    file,
    imitates: wrap
      ? 'an API export: an object whose "responses" member holds records with nested "answers" and "meta" objects'
      : 'a JSON array of response records with nested "answers" and "meta" objects (pretty-printed, 2-space indent)',
    source: { format: 'json', encoding: 'utf-8', delimiter: null, header_rows: 0 },
    columns: { score: 'answers.nps', date: 'submitted_at', comment: 'answers.reason', id: 'id', segment: 'meta.country' },
    segmentColumn: 'meta.country',
  });
  const recs = jsonRecords(rng, count, from, to);
  const objs = [];
  for (const r of recs) {
    const score = drawScore(rng, r.country === 'BR' ? -0.7 : 0);
    const unanswered = rng.chance(0.05);
    const asString = !unanswered && rng.chance(0.05); // some tools write "9"
    const o = {
      id: `resp_${rng.token(12)}`,
      answers: { nps: unanswered ? null : asString ? String(score) : score, reason: comment(rng, score) || null },
      meta: { country: r.country, plan: r.plan, language: { DE: 'de', FR: 'fr', JP: 'ja', BR: 'pt' }[r.country] ?? 'en' },
      submitted_at: r.text,
    };
    objs.push([o, unanswered ? blank() : valid(score), r]);
  }
  const indent = wrap ? '    ' : '  ';
  let text = wrap
    ? `{\n  "survey": {\n    "id": "srv_8f2k1q",\n    "name": "Relationship NPS Q1",\n    "question": "How likely are you to recommend us to a friend or colleague?"\n  },\n  "exported_at": "2024-04-02T08:00:00Z",\n  "total": ${objs.length},\n  "responses": [\n`
    : '[\n';
  let line = countBreaks(text) + 1;
  objs.forEach(([o, outcome, r], i) => {
    const body = JSON.stringify(o, null, 2).split('\n').map((s) => indent + s).join('\n') + (i < objs.length - 1 ? ',' : '') + '\n';
    book.add(outcome, { line, column: 'answers.nps', month: r.month, segment: r.country });
    text += body;
    line += countBreaks(body);
  });
  text += wrap ? '  ],\n  "next_cursor": null\n}\n' : ']\n';
  emit(file, text);
  emitExpected(book);
}

function ndjson() {
  const rng = makeRng(909);
  const book = new Book({
    file: 'responses.ndjson',
    imitates: 'the npskit widget collector log: one JSON object per line (score, comment, category, ts in UTC with ms, attributes, page); the last line was cut off mid-write',
    source: { format: 'ndjson', encoding: 'utf-8', delimiter: null, header_rows: 0 },
    // Keys inside the "attributes" bag are named by their own key (docs/report.md).
    columns: { score: 'score', date: 'ts', comment: 'comment', id: 'id', segment: 'plan' },
    segmentColumn: 'plan',
  });
  let text = '';
  let line = 1;
  const ts = [];
  for (let i = 0; i < 80; i++) ts.push(randomDaytime(rng, [2024, 1, 1], [2024, 4, 1], { hourLo: 0, hourHi: 23 }));
  ts.sort((a, b) => a - b);
  for (const t of ts) {
    const plan = rng.weighted([['Free', 4], ['Pro', 3], ['Team', 2]]);
    const score = drawScore(rng, plan === 'Free' ? -0.4 : 0.2);
    const o = {
      id: rng.uuid(), score, comment: comment(rng, score, COMMENTS_EN, 0.5), category: categoryOf(score), survey: 'main',
      ts: new Date(t * 1000 + rng.int(0, 999)).toISOString(),
      attributes: { plan, country: rng.pick(['DE', 'US', 'GB', 'FR', 'IN']) },
      page: rng.pick(['/checkout', '/account', '/orders', '/']),
    };
    if (!o.comment) delete o.comment;
    text += JSON.stringify(o) + '\n';
    book.add(valid(score), { line, column: 'score', month: monthOf(wall(t)), segment: plan });
    line++;
  }
  // A record cut off by a crash mid-write: no closing brace, no final newline.
  const cut = `{"id":"${rng.uuid()}","score":9,"comment":"Great, th`;
  text += cut;
  book.add(reject(cut, 'invalid_json'), { line, column: 'score' });
  emit('responses.ndjson', text);
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// Edge cases

// edge_quotes.csv: RFC 4180 corner cases and every odd score form.
function edgeQuotes() {
  const rng = makeRng(1001);
  const book = new Book({
    file: 'edge_quotes.csv',
    imitates: 'hand-made: quoted fields with commas, doubled quotes and line breaks (LF and CRLF) inside, a short row, and every odd score form; CRLF',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'score', date: 'submitted_at', comment: 'comment', id: 'id', segment: 'segment' },
    segmentColumn: 'segment',
  });
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(['id', 'submitted_at', 'score', 'comment', 'segment']);
  // [score cell, outcome, comment, raw row override]
  const cases = [
    ['9', valid(9), 'Fast, friendly, and cheap'],
    ['10', valid(10), 'They said "no problem" and fixed it'],
    ['7', valid(7), 'Line one\nLine two'],
    ['11', reject('11', 'out_of_range'), 'typo?'],
    ['-1', reject('-1', 'out_of_range'), ''],
    ['ten', reject('ten', 'not_a_number'), 'wrote the word'],
    ['9.5', reject('9.5', 'not_integer'), 'between 9 and 10'],
    ['', blank(), 'skipped the question'],
    [' 9 ', valid(9), 'spaces around the score'],
    ['10 - Extremely likely', valid(10), 'label after the number'],
    ['0 = Not at all likely', valid(0), 'Terrible, "worst" ever'],
    ['9.0', valid(9), ''],
    ['   ', blank(), 'only spaces in the score'],
    ['10 (Extremely likely)', valid(10), ''],
    ['6', valid(6), '"Quoted at start", then more'],
    ['3', valid(3), 'First\r\nsecond ""x"" after a CRLF inside the field'],
    ['8', valid(8), 'a\n\nb\nc'],
    [null, reject('', 'short_row', { fields: 2, scoreField: 3 }), null],
    ['n/a', reject('n/a', 'not_a_number'), ''],
    ['8', valid(8), 'the score itself was quoted', { quoteScore: true }],
    ['5', valid(5), 'Ends with a comma,'],
    ['4', valid(4), ',,,'],
    ['12', reject('12', 'out_of_range'), 'multi\nline\nbefore a rejection'],
    ['10', valid(10), 'emoji 🎉🎉 and an apostrophe\'s fine'],
  ];
  // Plus plain rows so segments and months have some weight.
  for (let i = 0; i < 36; i++) {
    const s = drawScore(rng, 0);
    cases.push([String(s), valid(s), comment(rng, s)]);
  }
  cases.forEach(([cell, outcome, text, opt], i) => {
    const t = randomDaytime(rng, [2024, 1, 1], [2024, 4, 1]);
    const x = wall(t);
    const seg = ['A', 'B', 'C'][i % 3];
    const id = 1000 + i;
    const date = `${isoNaive(x, 'T')}Z`;
    let line;
    if (cell === null) line = w.raw(`${id},${date}\r\n`);
    else if (opt?.quoteScore) line = w.raw(`${id},${date},"${cell}",${w.quote(text)},${seg}\r\n`);
    else line = w.row([id, date, cell, text, seg], { quote: [true, true, false, true, true] });
    book.add(outcome, { line, column: 'score', month: monthOf(x), segment: seg });
  });
  emit('edge_quotes.csv', w.text());
  emitExpected(book);
}

// edge_cr.csv: old Mac Excel: CR-only line ends, CR inside quoted fields, no final line break.
function edgeCr() {
  const rng = makeRng(1002);
  const book = new Book({
    file: 'edge_cr.csv',
    imitates: 'classic Mac Excel save: CR-only line ends (also inside quoted fields), no line break after the last record',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'Score', date: 'Date', comment: 'Comment', id: null, segment: 'Store' },
    segmentColumn: 'Store',
  });
  const w = new DelimitedWriter({ eol: '\r' });
  w.row(['Date', 'Score', 'Comment', 'Store']);
  const n = 30;
  for (let i = 0; i < n; i++) {
    const t = randomDaytime(rng, [2024, 5, 1], [2024, 8, 1]);
    const x = wall(t);
    const store = rng.pick(['Berlin', 'Hamburg', 'Munich']);
    const s = drawScore(rng, store === 'Hamburg' ? -0.6 : 0);
    let cell = String(s), outcome = valid(s);
    let text = comment(rng, s);
    if (i === 5 || i === 20) text = 'first line\rsecond line, with a comma';
    if (i === 6) { cell = '12'; outcome = reject(cell, 'out_of_range'); }
    if (i === 21) { cell = ''; outcome = blank(); }
    if (i === 25) { cell = 'nine'; outcome = reject(cell, 'not_a_number'); }
    let rowText = [`${x.y}-${pad2(x.mo)}-${pad2(x.d)}`, cell, text, store].map((c) => w.quote(c)).join(',');
    if (i < n - 1) rowText += '\r';
    const line = w.raw(rowText);
    book.add(outcome, { line, column: 'Score', month: monthOf(x), segment: store });
  }
  emit('edge_cr.csv', w.text());
  emitExpected(book);
}

function edgeHeaderOnly() {
  const book = new Book({
    file: 'edge_header_only.csv',
    imitates: 'an export of a survey with no responses yet: the header line only',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'Score', date: 'Created At', comment: 'Comment', id: 'Response ID', segment: 'Plan' },
    segmentColumn: 'Plan',
  });
  emit('edge_header_only.csv', 'Response ID,Score,Comment,Created At,Plan\r\n');
  emitExpected(book);
}

// edge_unterminated.csv: the last record opens a quote that never closes.
function edgeUnterminated() {
  const rng = makeRng(1004);
  const book = new Book({
    file: 'edge_unterminated.csv',
    imitates: 'a truncated download: the last record opens a quoted field that never closes (LF)',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'score', date: 'date', comment: 'comment', id: 'id', segment: 'plan' },
    segmentColumn: 'plan',
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(['id', 'date', 'score', 'comment', 'plan']);
  for (let i = 0; i < 12; i++) {
    const x = wall(randomDaytime(rng, [2024, 1, 1], [2024, 4, 1]));
    const s = drawScore(rng, 0);
    const plan = rng.pick(['Free', 'Pro']);
    const line = w.row([i + 1, `${x.y}-${pad2(x.mo)}-${pad2(x.d)}`, s, comment(rng, s), plan]);
    book.add(valid(s), { line, column: 'score', month: monthOf(x), segment: plan });
  }
  const line = w.raw('13,2024-03-30,6,"The download stopped here, mid-comment\nand this line is still inside the quote\n');
  book.add(reject('', 'unterminated_quote'), { line, column: 'score' });
  emit('edge_unterminated.csv', w.text());
  emitExpected(book);
}

// edge_unix_time.csv: Unix seconds; months by UTC.
function edgeUnix() {
  const rng = makeRng(1005);
  const book = new Book({
    file: 'edge_unix_time.csv',
    imitates: 'a database dump: dates as 10-digit Unix seconds (months counted in UTC), LF',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'nps_score', date: 'created', comment: null, id: 'user_id', segment: 'plan' },
    segmentColumn: 'plan',
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(['user_id', 'created', 'nps_score', 'plan']);
  const ts = [];
  for (let i = 0; i < 30; i++) ts.push(randomDaytime(rng, [2024, 1, 1], [2024, 4, 1], { hourLo: 0, hourHi: 23 }));
  // Around month boundaries (UTC): one second before / at midnight.
  ts.push(Date.UTC(2024, 1, 1) / 1000 - 1, Date.UTC(2024, 1, 1) / 1000, Date.UTC(2024, 2, 1) / 1000 - 1, Date.UTC(2024, 2, 1) / 1000);
  ts.sort((a, b) => a - b);
  for (const t of ts) {
    const s = drawScore(rng, 0);
    const plan = rng.pick(['basic', 'premium']);
    const line = w.row([rng.int(10000, 99999), t, s, plan]);
    book.add(valid(s), { line, column: 'nps_score', month: monthOf(wall(t)), segment: plan });
  }
  emit('edge_unix_time.csv', w.text());
  emitExpected(book);
}

// edge_offsets.csv: ISO 8601 with offsets (+05:30, -08:00, Z, +0100); months by the UTC instant.
function edgeOffsets() {
  const rng = makeRng(1006);
  const book = new Book({
    file: 'edge_offsets.csv',
    imitates: 'ISO 8601 timestamps with offsets (+05:30, -08:00, Z, +0100 without colon, fractions); months by UTC instant; two valid rows with an empty / unreadable date',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'score', date: 'submitted_at', comment: null, id: 'response_id', segment: 'team' },
    segmentColumn: 'team',
    notices: ['date_unreadable'], // the row written with `not a date`
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(['response_id', 'submitted_at', 'score', 'team']);
  const rows = [];
  const offs = [330, -480, 0, 60, -180];
  for (let i = 0; i < 30; i++) rows.push({ t: randomDaytime(rng, [2024, 1, 3], [2024, 3, 28]), off: offs[i % offs.length] });
  // Local date in one month, UTC instant in another.
  rows.push({ t: Date.UTC(2024, 1, 1, 0, 0, 0) / 1000 - 600, off: 330 });  // 2024-02-01T05:20+05:30 -> 2024-01
  rows.push({ t: Date.UTC(2024, 2, 1, 3, 0, 0) / 1000, off: -480 });       // 2024-02-29T19:00-08:00 -> 2024-03
  rows.push({ t: Date.UTC(2024, 3, 1, 0, 0, 0) / 1000 - 60, off: 60, noColon: true }); // 2024-04-01T00:59+0100 -> 2024-03
  rows.push({ t: Date.UTC(2024, 1, 29, 23, 59, 59) / 1000, off: 0, frac: '.999' });   // Z -> 2024-02
  rows.sort((a, b) => a.t - b.t);
  rows.forEach((r, i) => {
    const s = drawScore(rng, 0);
    const team = ['north', 'south'][i % 2];
    const local = wall(r.t, r.off);
    const frac = r.frac ?? (i % 4 === 0 ? `.${String(rng.int(0, 999)).padStart(3, '0')}` : '');
    const text = `${isoNaive(local, 'T')}${frac}${offsetText(r.off, !r.noColon)}`;
    const line = w.row([`r${100 + i}`, text, s, team]);
    book.add(valid(s), { line, column: 'score', month: monthOf(wall(r.t)), segment: team });
  });
  // Valid scores whose date is missing or unreadable: counted overall, not in the trend.
  let line = w.row(['r900', '', 9, 'north']);
  book.add(valid(9), { line, column: 'score', month: null, segment: 'north' });
  line = w.row(['r901', 'not a date', 4, 'south']);
  book.add(valid(4), { line, column: 'score', month: null, segment: 'south' });
  emit('edge_offsets.csv', w.text());
  emitExpected(book);
}

// ---------------------------------------------------------------------------
// Exports of other survey tools, shaped after each tool's public documentation
// of its export (column headers, date formats, header rows, quirks).

const NPS_Q = 'How likely are you to recommend Acme to a friend or colleague?';
const WHY_Q = 'What is the main reason for your score?';

// Sorted daytime instants (UTC epoch seconds) between two dates.
function instants(rng, n, from, to, opts) {
  const ts = [];
  for (let i = 0; i < n; i++) ts.push(randomDaytime(rng, from, to, opts));
  return ts.sort((a, b) => a - b);
}

// Qualtrics data table, numeric values ("Download data table" > "Use numeric values"):
// three header rows; the derived Q1_NPS_GROUP (1 = detractor, 2 = passive,
// 3 = promoter) comes BEFORE Q1; -99 marks a question seen but not answered.
function qualtricsNumeric() {
  const rng = makeRng(1101);
  const spec = [
    ['StartDate', 'Start Date', '{"ImportId":"startDate","timeZone":"Europe/Berlin"}'],
    ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"Europe/Berlin"}'],
    ['Status', 'Response Type', '{"ImportId":"status"}'],
    ['Progress', 'Progress', '{"ImportId":"progress"}'],
    ['Duration (in seconds)', 'Duration (in seconds)', '{"ImportId":"duration"}'],
    ['Finished', 'Finished', '{"ImportId":"finished"}'],
    ['RecordedDate', 'Recorded Date', '{"ImportId":"recordedDate","timeZone":"Europe/Berlin"}'],
    ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}'],
    ['DistributionChannel', 'Distribution Channel', '{"ImportId":"distributionChannel"}'],
    ['UserLanguage', 'User Language', '{"ImportId":"userLanguage"}'],
    ['Q1_NPS_GROUP', `${NPS_Q} - Group`, '{"ImportId":"QID1_NPS_GROUP"}'],
    ['Q1', NPS_Q, '{"ImportId":"QID1"}'],
    ['Q2', WHY_Q, '{"ImportId":"QID2_TEXT"}'],
    ['Q3', 'How often do you use Acme?', '{"ImportId":"QID3"}'],
    ['Region', 'Region', '{"ImportId":"Region"}'], // embedded data: text even in numeric exports
  ];
  const book = new Book({
    file: 'qualtrics_numeric.csv',
    imitates: 'Qualtrics data table with numeric values: three header rows, Q1_NPS_GROUP (1-3) before Q1, -99 for seen-but-unanswered, embedded data Region',
    source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ',', header_rows: 3 },
    columns: { score: 'Q1', date: 'RecordedDate', comment: 'Q2', id: 'ResponseId', segment: 'Region' },
    segmentColumn: 'Region',
  });
  const w = new DelimitedWriter({ eol: '\r\n', quoteAll: true });
  for (let k = 0; k < 3; k++) w.row(spec.map((s) => s[k]));
  const regions = [['EMEA', 5], ['Americas', 4], ['APAC', 2]];
  for (const t of instants(rng, 110, [2025, 1, 10], [2025, 5, 20], { hourLo: 6, hourHi: 20 })) {
    const region = rng.weighted(regions);
    const score = drawScore(rng, region === 'APAC' ? -0.6 : 0.1);
    const unanswered = rng.chance(0.08); // -99 in Q1 (and in its group)
    const dur = rng.int(30, 600);
    const start = wall(t), end = wall(t + dur);
    const group = score >= 9 ? 3 : score >= 7 ? 2 : 1;
    const line = w.row([
      isoNaive(start), isoNaive(end), '0', '100', String(dur), '1', isoNaive(end), `R_${rng.token(15)}`,
      'anonymous', 'EN',
      unanswered ? '-99' : String(group), unanswered ? '-99' : String(score),
      unanswered ? '' : comment(rng, score),
      rng.chance(0.1) ? '-99' : String(rng.int(1, 4)), region,
    ]);
    book.add(unanswered ? blank() : valid(score), { line, column: 'Q1', month: monthOf(end), segment: region });
  }
  emit('qualtrics_numeric.csv', '\ufeff' + w.text());
  emitExpected(book);
}

// Qualtrics data table with choice text ("Use choice text"): the NPS answers are
// written as their labels at the ends ("0 - Not at all likely", "10 - Extremely
// likely"), the group column holds Detractor / Passive / Promoter, before Q1.
function qualtricsText() {
  const rng = makeRng(1102);
  const spec = [
    ['StartDate', 'Start Date', '{"ImportId":"startDate","timeZone":"America/New_York"}'],
    ['EndDate', 'End Date', '{"ImportId":"endDate","timeZone":"America/New_York"}'],
    ['Status', 'Response Type', '{"ImportId":"status"}'],
    ['Finished', 'Finished', '{"ImportId":"finished"}'],
    ['RecordedDate', 'Recorded Date', '{"ImportId":"recordedDate","timeZone":"America/New_York"}'],
    ['ResponseId', 'Response ID', '{"ImportId":"_recordId"}'],
    ['Q1_NPS_GROUP', `${NPS_Q} - Group`, '{"ImportId":"QID1_NPS_GROUP"}'],
    ['Q1', NPS_Q, '{"ImportId":"QID1"}'],
    ['Q2', WHY_Q, '{"ImportId":"QID2_TEXT"}'],
    ['Q3', 'Which plan are you on?', '{"ImportId":"QID3"}'],
  ];
  const book = new Book({
    file: 'qualtrics_text.csv',
    imitates: 'Qualtrics data table with choice text: Q1_NPS_GROUP (Detractor/Passive/Promoter) before Q1, end labels on 0 and 10',
    source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ',', header_rows: 3 },
    columns: { score: 'Q1', date: 'RecordedDate', comment: 'Q2', id: 'ResponseId', segment: 'Q3' },
    segmentColumn: 'Q3',
  });
  const w = new DelimitedWriter({ eol: '\r\n', quoteAll: true });
  for (let k = 0; k < 3; k++) w.row(spec.map((s) => s[k]));
  for (const t of instants(rng, 80, [2025, 2, 1], [2025, 5, 1], { hourLo: 6, hourHi: 20 })) {
    const plan = rng.weighted([['Basic', 4], ['Premium', 3], ['Family', 2]]);
    const score = drawScore(rng, plan === 'Basic' ? -0.4 : 0.2);
    const partial = rng.chance(0.06);
    const start = wall(t), end = wall(t + rng.int(30, 500));
    const label = score === 0 ? '0 - Not at all likely' : score === 10 ? '10 - Extremely likely' : String(score);
    const group = score >= 9 ? 'Promoter' : score >= 7 ? 'Passive' : 'Detractor';
    const line = w.row([
      isoNaive(start), isoNaive(end), 'IP Address', partial ? 'False' : 'True', isoNaive(end), `R_${rng.token(15)}`,
      partial ? '' : group, partial ? '' : label, partial ? '' : comment(rng, score), partial ? '' : plan,
    ]);
    book.add(partial ? blank() : valid(score), { line, column: 'Q1', month: monthOf(end), segment: plan });
  }
  emit('qualtrics_text.csv', '\ufeff' + w.text());
  emitExpected(book);
}

// Google Forms "Download responses (.csv)": Timestamp first, as
// `2025/03/04 5:06:07 PM GMT+1` in the respondent form owner's zone; months by UTC instant.
function googleForms() {
  const rng = makeRng(1103);
  const cols = ['Timestamp', 'Email Address', NPS_Q, WHY_Q, 'Which country do you live in?'];
  const seg = 'Which country do you live in?';
  const book = new Book({
    file: 'google_forms.csv',
    imitates: 'Google Forms responses CSV: Timestamp like 2025/03/04 5:06:07 PM GMT+1 (GMT, GMT-5, GMT+5:30), e-mail column',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: NPS_Q, date: 'Timestamp', comment: WHY_Q, id: null, segment: seg },
    segmentColumn: seg,
  });
  const zones = { 'United Kingdom': [0, 'GMT'], Germany: [60, 'GMT+1'], 'United States': [-300, 'GMT-5'], India: [330, 'GMT+5:30'] };
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(cols);
  const ts = instants(rng, 90, [2025, 1, 1], [2025, 4, 1], { hourLo: 0, hourHi: 23 });
  // Across a month boundary: local time in March, UTC instant still in February (and the reverse).
  ts[10] = Date.UTC(2025, 1, 28, 23, 20, 0) / 1000; // Germany: 2025/03/01 12:20:00 AM GMT+1
  ts[20] = Date.UTC(2025, 2, 1, 2, 10, 0) / 1000;   // United States: 2025/02/28 9:10:00 PM GMT-5
  const forced = { 10: 'Germany', 20: 'United States' };
  ts.forEach((t, i) => {
    const country = forced[i] ?? rng.weighted([['United Kingdom', 3], ['Germany', 3], ['United States', 4], ['India', 2]]);
    const [off, zone] = zones[country];
    const x = wall(t, off);
    const h12 = x.h % 12 === 0 ? 12 : x.h % 12;
    const stamp = `${x.y}/${pad2(x.mo)}/${pad2(x.d)} ${h12}:${pad2(x.mi)}:${pad2(x.s)} ${x.h < 12 ? 'AM' : 'PM'} ${zone}`;
    const score = drawScore(rng, country === 'India' ? 0.4 : 0);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const line = w.row([stamp, email(f, l, rng.int(1, 99)), score, comment(rng, score), country]);
    book.add(valid(score), { line, column: NPS_Q, month: monthOf(wall(t)), segment: country });
  });
  emit('google_forms.csv', w.text());
  emitExpected(book);
}

// The same form's responses downloaded from the linked Google Sheet: Timestamp
// as `3/4/2025 17:06:07` (month first, no zone: counted as written).
function googleSheets() {
  const rng = makeRng(1104);
  const cols = ['Timestamp', NPS_Q, WHY_Q, 'Which team are you in?'];
  const seg = 'Which team are you in?';
  const book = new Book({
    file: 'google_sheets.csv',
    imitates: 'Google Sheets CSV of Forms responses: Timestamp like 3/4/2025 17:06:07 (month first, 24-hour, no zone)',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: NPS_Q, date: 'Timestamp', comment: WHY_Q, id: null, segment: seg },
    segmentColumn: seg,
  });
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(cols);
  const walls = [];
  for (const t of instants(rng, 70, [2025, 3, 1], [2025, 6, 1])) {
    const x = wall(t);
    walls.push(x);
    const team = rng.weighted([['Sales', 3], ['Support', 3], ['Engineering', 2]]);
    const score = drawScore(rng, 0);
    const line = w.row([`${x.mo}/${x.d}/${x.y} ${x.h}:${pad2(x.mi)}:${pad2(x.s)}`, score, comment(rng, score), team]);
    book.add(valid(score), { line, column: NPS_Q, month: monthOf(x), segment: team });
  }
  assertSome(walls, (x) => x.d > 12, 'a day > 12 (month-first evidence)');
  emit('google_sheets.csv', w.text());
  emitExpected(book);
}

// Microsoft Forms "Open results in Excel", saved as CSV: Id, Start time,
// Completion time, Email, Name, Last modified time (empty unless a response was
// edited), then the questions. Times as `3/4/25 17:06:07` (two-digit years).
function microsoftForms() {
  const rng = makeRng(1105);
  const cols = ['Id', 'Start time', 'Completion time', 'Email', 'Name', 'Last modified time', NPS_Q, WHY_Q, 'Department'];
  const book = new Book({
    file: 'microsoft_forms.csv',
    imitates: 'Microsoft Forms responses saved as CSV: Id, Start time, Completion time (M/D/YY H:MM:SS), anonymous Email, empty Last modified time',
    source: { format: 'csv', encoding: 'utf-8-bom', delimiter: ',', header_rows: 1 },
    columns: { score: NPS_Q, date: 'Completion time', comment: WHY_Q, id: 'Id', segment: 'Department' },
    segmentColumn: 'Department',
    layout: { not_segments: ['Email', 'Last modified time', 'Name'] },
  });
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(cols);
  const fmt = (x) => `${x.mo}/${x.d}/${String(x.y).slice(2)} ${x.h}:${pad2(x.mi)}:${pad2(x.s)}`;
  const walls = [];
  instants(rng, 75, [2025, 1, 5], [2025, 4, 25]).forEach((t, i) => {
    const start = wall(t), done = wall(t + rng.int(25, 300));
    walls.push(done);
    const dept = rng.weighted([['Finance', 2], ['Marketing', 3], ['Operations', 3], ['IT', 2]]);
    const score = drawScore(rng, dept === 'IT' ? 0.5 : 0);
    const line = w.row([i + 1, fmt(start), fmt(done), 'anonymous', '', '', score, comment(rng, score), dept]);
    book.add(valid(score), { line, column: NPS_Q, month: monthOf(done), segment: dept });
  });
  assertSome(walls, (x) => x.d > 12, 'a day > 12 (month-first evidence)');
  emit('microsoft_forms.csv', '\ufeff' + w.text());
  emitExpected(book);
}

// Formbricks "Download all responses (CSV)": No., Response ID, Timestamp,
// Finished, Survey ID, Formbricks ID (internal), User ID, Notes, Tags, the meta
// fields (url, country, userAgent - ...), numbered questions, hidden fields.
function formbricks() {
  const rng = makeRng(1106);
  const Q = `1. ${NPS_Q}`, R = '2. What could we do better?';
  const cols = ['No.', 'Response ID', 'Timestamp', 'Finished', 'Survey ID', 'Formbricks ID (internal)', 'User ID', 'Notes', 'Tags',
    'url', 'country', 'userAgent - browser', 'userAgent - os', 'userAgent - device', Q, R, 'plan'];
  const book = new Book({
    file: 'formbricks.csv',
    imitates: 'Formbricks responses CSV: No., Response ID, Timestamp, Finished, Survey ID, ids, Notes, Tags, meta (url, country, userAgent - ...), numbered questions, hidden field plan',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: Q, date: 'Timestamp', comment: R, id: 'Response ID', segment: 'country' },
    segmentColumn: 'country',
    layout: { first_segment: 'country', not_segments: ['url', 'Survey ID', 'Formbricks ID (internal)', 'No.'] },
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  instants(rng, 85, [2025, 2, 1], [2025, 5, 1]).forEach((t, i) => {
    const x = wall(t);
    const country = rng.weighted([['US', 4], ['DE', 3], ['NL', 2], ['BR', 1]]);
    const score = drawScore(rng, country === 'BR' ? -0.5 : 0);
    const finished = !rng.chance(0.07);
    const line = w.row([
      i + 1, rng.token(25), isoNaive(x), finished ? 'Yes' : 'No', 'cm6ab12cd0001survey', rng.chance(0.5) ? rng.token(25) : '',
      rng.chance(0.4) ? `user-${rng.int(100, 999)}` : '', '', rng.weighted([['', 6], ['vip', 1], ['follow-up, vip', 1]]),
      `https://app.acme.com/${rng.pick(['dashboard', 'billing', 'settings'])}?ref=${rng.hex(6)}`, country,
      rng.pick(['Chrome', 'Firefox', 'Safari']), rng.pick(['Windows', 'macOS', 'iOS', 'Android']), rng.pick(['desktop', 'phone']),
      finished ? score : '', finished ? comment(rng, score) : '', rng.pick(['free', 'pro']),
    ]);
    book.add(finished ? valid(score) : blank(), { line, column: Q, month: monthOf(x), segment: country });
  });
  emit('formbricks.csv', w.text());
  emitExpected(book);
}

// PostHog events export (Activity > Explore, filtered to survey events, "Export
// CSV"): the `*` column holds each whole event as JSON; `survey shown` and
// `survey dismissed` rows carry no answer; `$survey_response` is the 0-10
// answer and `$survey_response_1` the open question.
function posthog() {
  const rng = makeRng(1107);
  const S = 'properties.$survey_response', C = 'properties.$survey_response_1';
  const cols = ['*', 'event', 'person', S, C, 'properties.$geoip_country_code', 'properties.$current_url', 'timestamp'];
  const book = new Book({
    file: 'posthog_survey_events.csv',
    imitates: 'PostHog survey events export: whole-event JSON in "*", survey shown / dismissed rows without an answer, $survey_response(_1), ISO timestamps with +00:00',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: S, date: 'timestamp', comment: C, id: null, segment: 'properties.$geoip_country_code' },
    segmentColumn: 'properties.$geoip_country_code',
    layout: { first_segment: 'properties.$geoip_country_code', not_segments: ['*', 'properties.$current_url', 'person'], not_comment: ['*'] },
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  for (const t of instants(rng, 140, [2025, 1, 1], [2025, 4, 1], { hourLo: 0, hourHi: 23 })) {
    const event = rng.weighted([['survey shown', 3], ['survey sent', 5], ['survey dismissed', 1]]);
    const country = rng.weighted([['US', 4], ['GB', 2], ['DE', 2], ['FR', 1]]);
    const score = drawScore(rng, 0);
    const sent = event === 'survey sent';
    const text = sent ? comment(rng, score) : '';
    const url = `https://app.acme.com/${rng.pick(['home', 'reports', 'billing'])}`;
    const distinct = rng.uuid();
    const ts = `${isoNaive(wall(t), 'T')}.${String(rng.int(0, 999999)).padStart(6, '0')}+00:00`;
    const props = { $survey_id: '0190a1b2-c3d4-7000-8000-00000000abcd', $survey_name: 'NPS 2025', $geoip_country_code: country, $current_url: url };
    if (sent) Object.assign(props, { $survey_response: String(score), $survey_response_1: text });
    const whole = JSON.stringify({ uuid: rng.uuid(), event, distinct_id: distinct, properties: props, timestamp: ts });
    const line = w.row([whole, event, `${rng.pick(FIRST).toLowerCase()}@example.com`, sent ? score : '', text, country, url, ts]);
    book.add(sent ? valid(score) : blank(), { line, column: S, month: monthOf(wall(t)), segment: country });
  }
  emit('posthog_survey_events.csv', w.text());
  emitExpected(book);
}

// Hotjar survey responses CSV: Number, User, Date Submitted, Country, Source URL,
// Device, Browser, OS, Hotjar User ID, then each question; Tags.
function hotjar() {
  const rng = makeRng(1108);
  const cols = ['Number', 'User', 'Date Submitted', 'Country', 'Source URL', 'Device', 'Browser', 'OS', 'Hotjar User ID', NPS_Q, WHY_Q, 'Tags'];
  const book = new Book({
    file: 'hotjar.csv',
    imitates: 'Hotjar survey responses CSV: Number, User (Anonymous), Date Submitted, Country, Source URL, Device/Browser/OS, Hotjar User ID, questions, Tags',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: NPS_Q, date: 'Date Submitted', comment: WHY_Q, id: 'Hotjar User ID', segment: 'Country' },
    segmentColumn: 'Country',
    layout: { first_segment: 'Country', not_segments: ['Source URL', 'User', 'Number'] },
  });
  const w = new DelimitedWriter({ eol: '\r\n' });
  w.row(cols);
  const ts = instants(rng, 95, [2025, 3, 1], [2025, 6, 1]);
  ts.reverse().forEach((t, i) => { // newest first
    const x = wall(t);
    const country = rng.weighted([['United States', 4], ['France', 2], ['Spain', 2], ['Canada', 1]]);
    const score = drawScore(rng, country === 'Spain' ? -0.5 : 0);
    const skipped = rng.chance(0.05);
    const line = w.row([
      ts.length - i, 'Anonymous', isoNaive(x), country, `https://www.acme.com/${rng.pick(['pricing', 'blog/how-to', 'checkout/done'])}`,
      rng.pick(['desktop', 'mobile', 'tablet']), rng.pick(['Chrome 121', 'Safari 17', 'Firefox 122']), rng.pick(['Windows', 'Mac OS', 'iOS', 'Android']),
      rng.hex(8), skipped ? '' : score, skipped ? '' : comment(rng, score), rng.weighted([['', 5], ['pricing', 1], ['bug', 1]]),
    ]);
    book.add(skipped ? blank() : valid(score), { line, column: NPS_Q, month: monthOf(x), segment: country });
  });
  emit('hotjar.csv', w.text());
  emitExpected(book);
}

// Survicate responses CSV: one row per respondent, "Date (UTC)" written with a
// trailing "UTC", respondent attributes, then "Q1: ..." question columns.
function survicate() {
  const rng = makeRng(1109);
  const Q = `Q1: ${NPS_Q}`, R = `Q2: ${WHY_Q}`;
  const cols = ['Response ID', 'Date (UTC)', 'Survey name', 'Email', 'First name', 'Plan', 'Device type', Q, R];
  const book = new Book({
    file: 'survicate.csv',
    imitates: 'Survicate responses CSV: Date (UTC) with a UTC suffix, constant Survey name, respondent attributes, "Q1: ..." columns',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: Q, date: 'Date (UTC)', comment: R, id: 'Response ID', segment: 'Plan' },
    segmentColumn: 'Plan',
    layout: { not_segments: ['Survey name'], not_comment: ['Survey name'] },
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  for (const t of instants(rng, 88, [2025, 1, 1], [2025, 4, 1], { hourLo: 0, hourHi: 23 })) {
    const x = wall(t);
    const plan = rng.weighted([['Starter', 3], ['Business', 3], ['Enterprise', 1]]);
    const score = drawScore(rng, plan === 'Starter' ? -0.3 : 0.2);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const line = w.row([rng.int(10000000, 99999999), `${isoNaive(x)} UTC`, 'Website NPS', email(f, l, rng.int(1, 99)), f, plan,
      rng.pick(['Desktop', 'Mobile']), score, comment(rng, score)]);
    book.add(valid(score), { line, column: Q, month: monthOf(x), segment: plan });
  }
  emit('survicate.csv', w.text());
  emitExpected(book);
}

// Intercom conversation ratings (CSAT) export: a 1-5 rating, not 0-10. npskit
// reads it but must say so (score_scale_1_5) beside the number.
function intercomCsat() {
  const rng = makeRng(1110);
  const cols = ['Conversation ID', 'Rating', 'Remark', 'Rated at', 'Teammate', 'Team'];
  const book = new Book({
    file: 'intercom_csat.csv',
    imitates: 'Intercom conversation ratings CSV (CSAT 1-5 with remark, ISO Z times): a 1-5 scale, flagged, not silently an NPS',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'Rating', date: 'Rated at', comment: 'Remark', id: 'Conversation ID', segment: 'Team' },
    segmentColumn: 'Team',
    notices: ['score_scale_1_5'],
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  const remarks = ['Quick and helpful, thanks!', 'Took two days to get an answer', 'Solved it in one reply', 'Did not fix my problem', ''];
  for (const t of instants(rng, 60, [2025, 2, 1], [2025, 5, 1], { hourLo: 0, hourHi: 23 })) {
    const x = wall(t);
    const team = rng.weighted([['Tier 1', 3], ['Billing', 2], ['Technical', 2]]);
    const rating = rng.weighted([[1, 1], [2, 1], [3, 2], [4, 4], [5, 6]]);
    const line = w.row([String(rng.int(100000000000, 999999999999)), rating, rng.pick(remarks), `${isoNaive(x, 'T')}Z`,
      rng.pick(['Maria Lopez', 'Tom Becker', 'Aiko Sato']), team]);
    book.add(valid(rating), { line, column: 'Rating', month: monthOf(x), segment: team });
  }
  emit('intercom_csat.csv', w.text());
  emitExpected(book);
}

// Delighted API: GET /v1/survey_responses.json with expand[]=person, a JSON array:
// created_at / updated_at in Unix seconds, person_properties (custom properties),
// notes and tags arrays, additional_answers (an array of objects: a JSON blob, not a comment).
function delightedApi() {
  const rng = makeRng(1111);
  const book = new Book({
    file: 'delighted_api.json',
    imitates: 'Delighted API survey_responses JSON: Unix created_at/updated_at, person_properties, notes/tags arrays, additional_answers',
    source: { format: 'json', encoding: 'utf-8', delimiter: null, header_rows: 0 },
    // Keys inside the "person_properties" bag are named by their own key, as in
    // Delighted's CSV export (docs/report.md).
    columns: { score: 'score', date: 'created_at', comment: 'comment', id: 'id', segment: 'Plan' },
    segmentColumn: 'Plan',
    layout: { not_segments: ['additional_answers', 'tags', 'notes', 'permalink', 'survey_type'], not_comment: ['additional_answers'] },
  });
  const objs = [];
  instants(rng, 70, [2025, 1, 1], [2025, 4, 1], { hourLo: 0, hourHi: 23 }).forEach((t, i) => {
    const plan = rng.weighted([['Basic', 3], ['Plus', 3], ['Premium', 1]]);
    const score = drawScore(rng, plan === 'Basic' ? -0.4 : 0.2);
    const text = comment(rng, score);
    const o = {
      id: String(40000000 + i * 37 + rng.int(0, 30)),
      person: String(900000 + rng.int(0, 99999)),
      survey_type: 'nps',
      score,
      comment: text || null,
      permalink: `https://delighted.com/r/${rng.token(20)}`,
      created_at: t,
      updated_at: t + rng.int(0, 86400 * 3),
      person_properties: { Plan: plan, 'Delighted Source': rng.pick(['Email', 'Web']), Country: rng.pick(['US', 'CA', 'GB']) },
      notes: [],
      tags: rng.chance(0.2) ? ['follow-up'] : [],
      additional_answers: [{ id: String(rng.int(1000, 9999)), value: { free_response: null, scale: null, select_one: { id: 'so_1', text: rng.pick(['Price', 'Support', 'Features']) }, select_many: null }, question: { id: 'enps_1', type: 'select_one', text: 'What matters most to you?' } }],
    };
    objs.push([o, score, t, plan]);
  });
  let text = '[\n';
  let line = 2;
  objs.forEach(([o, score, t, plan], i) => {
    const body = JSON.stringify(o, null, 2).split('\n').map((s) => '  ' + s).join('\n') + (i < objs.length - 1 ? ',' : '') + '\n';
    book.add(valid(score), { line, column: 'score', month: monthOf(wall(t)), segment: plan });
    text += body;
    line += countBreaks(body);
  });
  emit('delighted_api.json', text + ']\n');
  emitExpected(book);
}

// ---------------------------------------------------------------------------

delighted();
surveymonkey();
typeform();
qualtrics();
excelDe();
excelUnicode();
frenchBom();
jsonFixture({ file: 'responses.json', seed: 808, count: 60, from: [2024, 1, 1], to: [2024, 4, 1], wrap: false });
jsonFixture({ file: 'wrapped.json', seed: 818, count: 40, from: [2024, 1, 1], to: [2024, 4, 1], wrap: true });
ndjson();
const MONTH_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// Alchemer (SurveyGizmo) CSV export: Response ID, Time Started, Date Submitted
// (blank for partials), Status, the always-empty "Legacy Comments" and "Comments"
// columns, session metadata (Referer, User Agent, IP, Longitude/Latitude, City,
// Postal), then the question columns by their full text.
function alchemer() {
  const rng = makeRng(1113);
  const plan = 'Which plan are you on?';
  const cols = ['Response ID', 'Time Started', 'Date Submitted', 'Status', 'Contact ID', 'Legacy Comments', 'Comments', 'Language',
    'Referer', 'SessionID', 'User Agent', 'Tags', 'IP Address', 'Longitude', 'Latitude', 'Country', 'City', 'State/Region', 'Postal',
    NPS_Q, WHY_Q, plan];
  const book = new Book({
    file: 'alchemer.csv',
    imitates: 'Alchemer (SurveyGizmo) CSV export: empty Legacy Comments / Comments columns before the questions, coordinates and postal codes, blank Date Submitted on partials',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: NPS_Q, date: 'Date Submitted', comment: WHY_Q, id: 'Response ID', segment: plan },
    segmentColumn: plan,
    layout: { not_comment: ['Legacy Comments', 'Comments', 'User Agent'], not_segments: ['Legacy Comments', 'Comments', 'Postal', 'Latitude'] },
  });
  const w = new DelimitedWriter({ eol: '\r\n', quoteAll: true });
  w.row(cols);
  const places = [['United States', 'New York', 'NY', '10001', -73.99, 40.73], ['France', 'Paris', '', '75001', 2.35, 48.86],
    ['Germany', 'Berlin', '', '10115', 13.4, 52.52], ['United Kingdom', 'London', '', 'EC1A 1BB', -0.1, 51.51]];
  let id = 100;
  for (const t of instants(rng, 70, [2024, 3, 1], [2024, 6, 1])) {
    const x = wall(t);
    const started = wall(t - rng.int(40, 600));
    const partial = rng.chance(0.08);
    const [country, city, region, postal, lon, lat] = rng.pick(places);
    const p = rng.weighted([['Free', 3], ['Pro', 2], ['Team', 1]]);
    const score = drawScore(rng, p === 'Free' ? -0.3 : 0.2);
    const line = w.row([id++, isoNaive(started).replace('T', ' '), partial ? '' : isoNaive(x).replace('T', ' '), partial ? 'Partial' : 'Complete',
      '', '', '', 'English', rng.chance(0.5) ? 'https://acme.example/account' : '', `${1709284364 + id}_65e1b2${id}`,
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0 Safari/537.36', '',
      `203.0.113.${rng.int(1, 254)}`, (lon + rng.int(-50, 50) / 1000).toFixed(4), (lat + rng.int(-50, 50) / 1000).toFixed(4),
      country, city, region, postal, score, comment(rng, score), p]);
    book.add(valid(score), { line, column: NPS_Q, month: partial ? null : monthOf(x), segment: p });
  }
  emit('alchemer.csv', w.text());
  emitExpected(book);
}

// Jotform submissions CSV: "Submission Date" written "Jul 21, 2024" (a month
// word, a comma inside the quoted cell), the questions by their text, a short
// "Why?" whose answers are few words each.
function jotform() {
  const rng = makeRng(1114);
  const Q = 'How likely is it that you would recommend us to a friend?';
  const cols = ['Submission Date', Q, 'Why?', 'Email', 'Submission ID'];
  const book = new Book({
    file: 'jotform.csv',
    imitates: 'Jotform submissions CSV: Submission Date as "Jul 21, 2024", short "Why?" answers',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: Q, date: 'Submission Date', comment: 'Why?', id: 'Submission ID', email: 'Email' },
  });
  const w = new DelimitedWriter({ eol: '\n', quoteAll: true });
  w.row(cols);
  const short = { promoter: ['Love it', 'Fast', 'Great team', 'Easy'], passive: ['Fine', 'OK I guess', 'Pricey'], detractor: ['Slow', 'Buggy', 'Too expensive'] };
  let n = 0;
  for (const t of instants(rng, 40, [2024, 7, 1], [2024, 10, 1])) {
    const x = wall(t);
    const score = drawScore(rng, 0);
    const f = rng.pick(FIRST), l = rng.pick(LAST);
    const line = w.row([`${MONTH_ABBR[x.mo - 1]} ${x.d}, ${x.y}`, score, comment(rng, score, short, 0.3), email(f, l, n), `59123456789012${String(34567 + n++)}`]);
    book.add(valid(score), { line, column: Q, month: monthOf(x) });
  }
  emit('jotform.csv', w.text());
  emitExpected(book);
}

// Pendo NPS export: visitor and account ids, "NPS Score", the open answer under a
// bare "Response", "Browser Time" in ISO UTC, and the constant poll and guide names.
function pendo() {
  const rng = makeRng(1115);
  const cols = ['Visitor ID', 'Account ID', 'NPS Score', 'Response', 'Browser Time', 'Poll Name', 'Guide Name'];
  const book = new Book({
    file: 'pendo.csv',
    imitates: 'Pendo NPS responses export: "NPS Score", open answer under "Response", constant Poll Name / Guide Name',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'NPS Score', date: 'Browser Time', comment: 'Response', id: 'Visitor ID' },
    layout: { not_comment: ['Poll Name', 'Guide Name'], not_segments: ['Poll Name', 'Guide Name'] },
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  let n = 0;
  for (const t of instants(rng, 60, [2024, 4, 1], [2024, 7, 1])) {
    const x = wall(t);
    const score = drawScore(rng, 0.1);
    const line = w.row([`v-${1000 + n++}`, rng.pick(['acme', 'globex', 'initech', 'umbrella']), score, comment(rng, score),
      `${isoNaive(x)}.000Z`, 'How likely is it that you would recommend Acme to a friend or colleague?', 'NPS Q2 2024']);
    book.add(valid(score), { line, column: 'NPS Score', month: monthOf(x) });
  }
  emit('pendo.csv', w.text());
  emitExpected(book);
}

// SatisMeter responses CSV, a small one: "Rating", the derived "Category"
// (promoter / passive / detractor, text), one-word "Feedback", a constant campaign.
function satismeter() {
  const rng = makeRng(1116);
  const cols = ['Date', 'Email', 'User ID', 'Name', 'Rating', 'Category', 'Feedback', 'Campaign', 'Plan'];
  const book = new Book({
    file: 'satismeter.csv',
    imitates: 'SatisMeter responses CSV (a small one): Rating, derived Category text, one-word Feedback, constant Campaign',
    source: { format: 'csv', encoding: 'utf-8', delimiter: ',', header_rows: 1 },
    columns: { score: 'Rating', date: 'Date', comment: 'Feedback', id: 'User ID', email: 'Email', name: 'Name', segment: 'Plan' },
    segmentColumn: 'Plan',
    layout: { not_comment: ['Campaign'], not_segments: ['Campaign'] },
  });
  const w = new DelimitedWriter({ eol: '\n' });
  w.row(cols);
  const words = ['Nice', 'Meh', 'Love it', 'Slow', 'Great', 'Pricey'];
  let n = 0;
  for (const t of instants(rng, 6, [2024, 2, 1], [2024, 3, 1])) {
    const x = wall(t);
    const score = drawScore(rng, 0);
    const f = FIRST[n], l = LAST[n];
    const p = rng.pick(['Free', 'Pro', 'Team']);
    const line = w.row([`${isoNaive(x)}Z`, email(f, l, n), `u${n + 1}`, `${f} ${l}`, score, categoryOf(score), n === 2 ? '' : words[n], 'NPS web', p]);
    n++;
    book.add(valid(score), { line, column: 'Rating', month: monthOf(x), segment: p });
  }
  emit('satismeter.csv', w.text());
  emitExpected(book);
}

edgeQuotes();
edgeCr();
edgeHeaderOnly();
edgeUnterminated();
edgeUnix();
edgeOffsets();
qualtricsNumeric();
qualtricsText();
googleForms();
googleSheets();
microsoftForms();
formbricks();
posthog();
hotjar();
survicate();
intercomCsat();
delightedApi();
alchemer();
jotform();
pendo();
satismeter();

mkdirSync(join(HERE, 'expected'), { recursive: true });
let changed = 0;
for (const [path, bytes] of outputs) {
  const same = existsSync(path) && Buffer.compare(readFileSync(path), bytes) === 0;
  if (!same) {
    changed++;
    if (CHECK) console.error(`would change: ${path}`);
    else writeFileSync(path, bytes);
  }
}
if (CHECK && changed) process.exit(1);
console.log(`${outputs.length} files, ${changed} ${CHECK ? 'differ' : 'written'}`);
