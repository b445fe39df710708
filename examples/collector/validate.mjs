// The collector's view of a widget response: the same rules the C++ core
// applies when it builds the payload, checked again on arrival (never trust
// the client). Returns { record } (only the known, flat fields) or { errors }.
const ID = /^[A-Za-z0-9_.:-]{1,200}$/;
const NAME = /^[A-Za-z0-9_.:-]{1,64}$/;
const ATTR = /^[A-Za-z0-9_.:-]{1,40}$/;

const categoryOf = (s) => (s >= 9 ? 'promoter' : s >= 7 ? 'passive' : 'detractor');
const str = (v, max) => typeof v === 'string' && v.length <= max;

export function validateResponse(p) {
  const errors = [];
  const bad = (field, message) => errors.push({ field, message });
  if (!p || typeof p !== 'object' || Array.isArray(p)) return { errors: [{ field: '', message: 'must be a JSON object' }] };
  if (typeof p.id !== 'string' || !ID.test(p.id)) bad('id', 'must be the idempotency key (1-200 of A-Z a-z 0-9 _ . : -)');
  if (typeof p.survey !== 'string' || !NAME.test(p.survey)) bad('survey', 'must be a survey id');
  if (!Number.isInteger(p.score) || p.score < 0 || p.score > 10) bad('score', 'must be an integer from 0 to 10');
  else if (p.category !== categoryOf(p.score)) bad('category', `must be "${categoryOf(p.score)}" for score ${p.score}`);
  if (p.comment != null && !str(p.comment, 2000)) bad('comment', 'must be null or at most 2000 characters');
  if (typeof p.ts !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(p.ts) || isNaN(Date.parse(p.ts)))
    bad('ts', 'must be an ISO 8601 UTC timestamp');
  if (p.locale != null && !str(p.locale, 35)) bad('locale', 'must be a language tag');
  if (p.page != null && !str(p.page, 500)) bad('page', 'must be a path of at most 500 characters');
  if (p.user_id != null && !(str(p.user_id, 128) && p.user_id.length)) bad('user_id', 'must be null or a string of 1-128');
  if (p.contact_email != null && !(str(p.contact_email, 254) && /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/.test(p.contact_email)))
    bad('contact_email', 'must be null or an email address');
  const attrs = p.attributes == null ? {} : p.attributes;
  if (typeof attrs !== 'object' || Array.isArray(attrs)) bad('attributes', 'must be an object');
  else {
    const keys = Object.keys(attrs);
    if (keys.length > 30) bad('attributes', 'must have at most 30 keys');
    for (const k of keys) {
      const v = attrs[k];
      if (!ATTR.test(k)) bad(`attributes.${k}`, 'invalid name');
      else if (!(v === null || ['string', 'number', 'boolean'].includes(typeof v))) bad(`attributes.${k}`, 'must be a plain value');
      else if (typeof v === 'string' && v.length > 200) bad(`attributes.${k}`, 'must be at most 200 characters');
    }
  }
  if (errors.length) return { errors };
  return {
    record: {
      id: p.id, survey: p.survey, score: p.score, category: p.category, comment: p.comment ?? null, ts: p.ts,
      locale: p.locale ?? null, page: p.page ?? null, user_id: p.user_id ?? null,
      contact_email: p.contact_email ?? null, attributes: attrs,
    },
  };
}
