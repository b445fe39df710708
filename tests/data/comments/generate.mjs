#!/usr/bin/env node
// Writes corpus.txt: varied customer comments (one per line) for the sentiment
// agreement test (tests/js/sentiment-agreement.test.mjs) and the theme tests.
// Deterministic (seeded). Mixes hand-written comments with template-built ones
// covering negation, boosters/dampeners, ALL CAPS, "but", "!" and "?", emoji,
// idioms, "least", "kind of"/"sort of", other languages, neutral statements,
// misspellings, URLs/e-mails/numbers.
//   node tests/data/comments/generate.mjs [--count 600]
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const COUNT = process.argv.includes("--count") ? Number(process.argv[process.argv.indexOf("--count") + 1]) : 600;
let st = 20240601;
const rnd = () => { st ^= st << 13; st >>>= 0; st ^= st >>> 17; st ^= st << 5; st >>>= 0; return st / 4294967296; };
const pick = (a) => a[Math.floor(rnd() * a.length)];

const HAND = [
  'Great support, solved my issue fast', 'Fast delivery and well packed', 'Love it, I use it every single day',
  'Easy to use, good value for money', 'Fast, friendly, and fair prices', 'Works well and the app is quick 👍',
  'Checkout was quick, no hassle at all', 'Too expensive since the price change', 'Delivery was late and nobody told me',
  'The app keeps crashing at checkout', 'Late again, no tracking number', 'Support never answered my emails',
  'They said "soon", it never came', 'ok', 'Good overall', 'meh', 'n/a', '10/10 would recommend',
  'Not bad at all', 'Not great, not terrible', 'I was charged twice and nobody helps!!!', 'Refund still pending after 3 weeks',
  'The product broke after two days :(', 'Absolutely love the new design :)', 'Why is the app so slow???',
  'Customer service was AMAZING', 'Customer service was TERRIBLE', 'The delivery was kind of slow',
  'It was sort of ok I guess', 'The least helpful support team ever', 'At least the driver was friendly',
  'Never again.', 'Would not recommend to anyone', 'I cannot fault them', 'No complaints', 'No problems so far',
  'Without doubt the best shop online', 'Nothing special', 'It does the job', 'The package arrived on Tuesday',
  'I ordered a blue one and got a red one', 'see https://example.com/help for my ticket', 'mail me at jo@example.org',
  'Die Lieferung war schnell, super!', 'Kundenservice ist schlecht', 'Livraison rapide, très bien', 'Le produit est cassé',
  'El envío tardó demasiado', 'Muy buen servicio', 'Ottimo prodotto', 'A entrega atrasou', '配送が遅い', 'डिलीवरी बहुत धीमी थी',
  'التوصيل كان بطيئا', 'Great 👍', 'Terrible 😡', '😍😍😍', '👎', 'Fast delivery 🚚', 'ok 🙂', 'Love it ❤️',
  'The app is the bomb', 'Yeah right, like that will ever happen', 'The delivry was late', 'custommer servise never answered',
  'Prices are high but the quality is excellent', 'The quality is excellent but the prices are high',
  'good product, bad packaging', 'GOOD PRODUCT', 'good product!!!!', 'good product...', 'Is this a joke?',
  'Could be better', 'could be worse', 'it is what it is', 'fine', 'Fine.', 'FINE!', 'not fine',
];

const SUBJ = ['The delivery', 'Shipping', 'The support team', 'Customer service', 'The price', 'The app', 'The website',
  'Checkout', 'The refund process', 'The product', 'The quality', 'Billing', 'The warranty repair', 'The courier',
  'Your staff', 'The packaging', 'The return process', 'The subscription', 'The agent', 'Everything'];
const ADJ_POS = ['good', 'great', 'excellent', 'fantastic', 'amazing', 'helpful', 'friendly', 'nice', 'perfect', 'awesome', 'easy', 'fair', 'wonderful', 'pleasant'];
const ADJ_NEG = ['bad', 'terrible', 'awful', 'horrible', 'slow', 'rude', 'useless', 'poor', 'disappointing', 'confusing', 'annoying', 'broken', 'frustrating', 'unacceptable'];
const ADJ_NEU = ['ok', 'fine', 'average', 'as expected', 'on time', 'standard', 'the same as before', 'quick'];
const BOOST = ['very', 'really', 'extremely', 'incredibly', 'so', 'totally', 'quite', 'slightly', 'somewhat', 'barely', 'kind of', 'sort of', 'a little', 'absolutely'];
const NEG = ['not', 'never', "isn't", "wasn't", 'not very', 'hardly', 'not at all'];
const VERB = ['is', 'was', 'has been', 'seems', 'felt'];
const TAIL = ['', '', '', '!', '!!', '!!!', '.', '?', '??', ' :)', ' :(', ' 👍', ' 😡', ' 😊', ' 😞', ' ❤️', ' lol', ' smh'];
const OPEN = ['', '', '', 'Honestly, ', 'To be fair, ', 'Well, ', 'Sadly ', 'Overall ', 'Wow, ', 'Hmm, ', 'Ugh, '];
const OTHER = ['Die Lieferung war {a}', 'La livraison était {a}', 'El servicio fue {a}', 'Il prodotto è {a}', 'O atendimento foi {a}',
  'Der Preis ist zu hoch', 'Le service client ne répond pas', 'Muy caro para lo que es', 'Consegna veloce', 'Produto de ótima qualidade'];

const lines = new Set(HAND);
while (lines.size < COUNT) {
  const r = rnd();
  const subj = pick(SUBJ), verb = pick(VERB);
  let line;
  if (r < 0.2) line = `${pick(OPEN)}${subj} ${verb} ${pick(ADJ_POS)}${pick(TAIL)}`;
  else if (r < 0.4) line = `${pick(OPEN)}${subj} ${verb} ${pick(ADJ_NEG)}${pick(TAIL)}`;
  else if (r < 0.5) line = `${subj} ${verb} ${pick(BOOST)} ${pick([...ADJ_POS, ...ADJ_NEG])}${pick(TAIL)}`;
  else if (r < 0.6) line = `${subj} ${verb} ${pick(NEG)} ${pick([...ADJ_POS, ...ADJ_NEG])}${pick(TAIL)}`;
  else if (r < 0.7) line = `${subj} ${verb} ${pick(ADJ_POS)} but ${pick(SUBJ).toLowerCase()} ${pick(VERB)} ${pick(ADJ_NEG)}${pick(TAIL)}`;
  else if (r < 0.75) line = `${subj} ${verb} ${pick(ADJ_NEG)} but ${pick(SUBJ).toLowerCase()} ${pick(VERB)} ${pick(ADJ_POS)}${pick(TAIL)}`;
  else if (r < 0.8) line = `${subj} ${verb} ${pick([...ADJ_POS, ...ADJ_NEG]).toUpperCase()}${pick(TAIL)}`;
  else if (r < 0.87) line = `${pick(OPEN)}${subj} ${verb} ${pick(ADJ_NEU)}${pick(TAIL)}`;
  else if (r < 0.92) line = pick(OTHER).replace('{a}', pick(['rapide', 'lenta', 'schnell', 'ottimo', 'great', 'bad', 'terrible']));
  else if (r < 0.96) line = `${subj} ${verb} ${pick(ADJ_POS)} and ${pick(ADJ_POS)}, ${pick(['but', 'and', 'yet'])} ${pick(SUBJ).toLowerCase()} ${verb} ${pick(NEG)} ${pick(ADJ_POS)}${pick(TAIL)}`;
  else line = `Order ${Math.floor(rnd() * 90000 + 10000)} ${pick(['arrived', 'was delivered', 'is missing', 'was returned'])} ${pick(['today', 'on Monday', 'after 10 days', 'yesterday'])}${pick(TAIL)}`;
  lines.add(line.trim());
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus.txt');
writeFileSync(out, [...lines].join('\n') + '\n');
console.log(`${lines.size} comments -> ${out}`);
