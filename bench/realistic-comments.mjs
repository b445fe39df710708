// Survey comments shaped like real NPS answers, for the dashboard benchmark's
// "realistic" data (bench/dashboard-data.mjs). Real comments are mostly distinct,
// use a large vocabulary, are often a few words and sometimes a few hundred
// characters, carry commas, quotes and line breaks, and lean positive for promoters
// and negative for detractors. Deterministic: the caller's seeded rng decides all.
//
// Vocabulary: ~7,000 sentiment words from the VADER lexicon shipped with the npm
// `vader-sentiment` package (a devDependency; the same words both contenders score),
// split by valence, plus the nouns, verbs and phrases a product survey's answers use.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const lexiconFile = path.join(path.dirname(createRequire(import.meta.url).resolve('vader-sentiment')), '..', 'vader_lexicon.txt');

/** The lexicon's plain words by valence: positive (> 1.2), negative (< -1.2), mild. */
function lexicon() {
  const pos = [], neg = [], mild = [];
  for (const line of fs.readFileSync(lexiconFile, 'utf8').split('\n')) {
    const [word, v] = line.split('\t');
    if (!/^[a-z]{3,}$/.test(word ?? '')) continue;
    const valence = Number(v);
    (valence > 1.2 ? pos : valence < -1.2 ? neg : mild).push(word);
  }
  return { pos, neg, mild };
}

const NOUNS = `app website checkout delivery shipping price prices pricing subscription plan support team agent chat
phone call email invoice billing refund return returns order orders package parcel courier driver tracking update
updates feature features dashboard report reports export login password account onboarding setup installation
integration api documentation docs manual tutorial interface design layout menu search filter notifications
reminder performance speed loading sync battery storage upload download camera screen button form survey offer
discount coupon voucher loyalty points membership renewal cancellation contract trial demo sales manager store
shop branch staff cashier warehouse stock product products quality packaging size colour fit material fabric
taste flavour portion menu table booking reservation room bed breakfast check-in parking location map route
ticket seat flight train bus luggage gate lounge wifi connection network coverage signal data plan roaming
insurance claim policy premium quote advisor bank card payment transfer fee fees charges statement statement
mortgage loan interest rate savings budget spreadsheet template workflow automation permissions admin settings
profile avatar message inbox calendar meeting video audio microphone headset keyboard printer scanner laptop
tablet watch charger cable adapter firmware bug bugs crash crashes error errors outage downtime latency backup
privacy security verification code sms authenticator guide chatbot community forum webinar training course
lesson teacher coach instructor class schedule timetable replacement repair warranty technician engineer visit`.split(/\s+/).filter(Boolean);

const VERBS = `use love like hate need want expect wish recommend suggest tried try waited wait paid pay ordered order
called call emailed contacted contact received receive returned return cancelled cancel upgraded upgrade switched
switch found find lost lose asked ask fixed fix broke break opened open closed close installed install updated
update booked book changed change moved move helped help explained explain solved solve`.split(/\s+/).filter(Boolean);

const TIME = ['today', 'yesterday', 'last week', 'last month', 'this year', 'twice', 'again', 'every time', 'since the update',
  'after three weeks', 'for months', 'on Monday', 'in March', 'at the weekend', 'during the sale', 'before Christmas'];
const NAMES = ['Anna', 'Tom', 'Priya', 'José', 'Chen', 'Fatima', 'Lukas', 'Zoë', 'Mehmet', 'Sara', 'Olu', 'Ines'];
const SHORT_POS = ['Great', 'Love it', 'Excellent service', 'Very happy', 'Good value', 'Easy to use', 'Fast delivery', 'Perfect', 'Amazing app', 'Nice people'];
const SHORT_NEG = ['Too expensive', 'Slow', 'Bad support', 'Buggy', 'Terrible', 'Never again', 'Hidden fees', 'Late delivery', 'Useless app', 'Rude staff'];
const SHORT_MID = ['OK', 'Fine', 'Average', 'It works', 'Could be better', 'Not bad', 'Decent', 'Meh', 'So-so', 'Depends'];
const EMOJI = ['🙂', '😡', '👍', '❤️', '🙄', '😍'];

/**
 * A comment generator over `rng` (() => [0, 1)). `comment(score)` returns the raw
 * comment text ('' for no comment: about half the rows), not yet CSV-quoted.
 */
export function commentMaker(rng) {
  const { pos, neg, mild } = lexicon();
  const pick = (a) => a[Math.floor(rng() * a.length)];
  // How likely a sentiment word is positive, by score: promoters praise, detractors complain.
  const lean = (score) => (score >= 9 ? 0.82 : score >= 7 ? 0.55 : score >= 5 ? 0.3 : 0.15);

  function word(score) {
    const r = rng();
    if (r < 0.12) return pick(mild);
    return rng() < lean(score) ? pick(pos) : pick(neg);
  }
  function sentence(score) {
    const a = word(score), b = word(score), n1 = pick(NOUNS), n2 = pick(NOUNS);
    switch (Math.floor(rng() * 9)) {
      case 0: return `The ${n1} is ${a}`;
      case 1: return `${a[0].toUpperCase() + a.slice(1)} ${n1}, ${b} ${n2}`;
      case 2: return `I ${pick(VERBS)} the ${n1} ${pick(TIME)} and it was ${a}`;
      case 3: return `${pick(NAMES)} from the ${n1} team was ${a}`;
      case 4: return `Not ${a} at all, the ${n1} ${rng() < 0.5 ? 'needs work' : 'is another story'}`;
      case 5: return `Why is the ${n1} so ${a}? ${rng() < 0.5 ? 'Please fix it' : 'No idea'}`;
      case 6: return `${Math.floor(rng() * 30) + 2} ${n1}s ${pick(TIME)}, ${b}`;
      case 7: return `Would ${rng() < lean(score) ? '' : 'not '}${pick(VERBS)} the ${n1} to a friend: ${a}`;
      default: return `${a[0].toUpperCase() + a.slice(1)} ${n1} but the ${n2} is ${b}`;
    }
  }

  return function comment(score) {
    if (rng() >= 0.5) return ''; // half the rows answer the open question
    const r = rng();
    if (r < 0.22) { // a few words
      const l = lean(score), q = rng();
      return q < l ? pick(SHORT_POS) : q < l + 0.15 ? pick(SHORT_MID) : pick(SHORT_NEG);
    }
    if (r < 0.4) return `${word(score)} ${pick(NOUNS)}`; // two words, lowercase, as typed on a phone
    let parts = r < 0.8 ? 1 : r < 0.95 ? 2 + Math.floor(rng() * 2) : 4 + Math.floor(rng() * 5); // long tail
    const out = [];
    while (parts-- > 0) out.push(sentence(score));
    let text = out.join(rng() < 0.15 ? '.\n' : '. ') + (rng() < 0.6 ? '.' : rng() < 0.5 ? '!' : '');
    if (text.length > 600) text = text.slice(0, 600).trimEnd(); // ASCII so far: no pair cut
    if (rng() < 0.05) text = `"${text}" says it all`; // quotes inside (doubled when written)
    if (rng() < 0.04) text += ' ' + pick(EMOJI);
    return text;
  };
}

/** The CSV cell for `text` (RFC 4180: quoted when it holds a comma, a quote or a line break). */
export function csvCell(text) {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
