// Who may do what at the collector: which browser origins may POST responses
// (and get CORS headers), and who may read the stored file back (a token).
import crypto from 'node:crypto';

// origins: '*' (any site may POST; development) or a list of exact Origin values.
// With a list, a POST must carry one of them: browsers always send Origin on a
// cross-origin POST (fetch, sendBeacon), so a foreign page's text/plain "simple"
// request, which skips the preflight, is refused too. Non-browser clients can
// send any Origin they like: the allowlist stops other sites' pages, not curl.
export function originAllowed(origins, origin) {
  if (origins === '*') return true;
  return typeof origin === 'string' && origins.includes(origin);
}

// CORS headers for one request. Reading the stored file never gets
// `Access-Control-Allow-Origin: *`: only a listed origin is echoed back, and the
// token is still required.
export function corsHeaders(origins, origin, { read = false } = {}) {
  const listed = origins !== '*' && typeof origin === 'string' && origins.includes(origin);
  const base = { Vary: 'Origin' };
  if (!listed && (read || origins !== '*')) return base;
  return {
    ...base,
    'Access-Control-Allow-Origin': listed ? origin : '*',
    'Access-Control-Allow-Methods': read ? 'GET, OPTIONS' : 'POST, GET, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type, Authorization',
    'Access-Control-Expose-Headers': 'Retry-After',
    'Access-Control-Max-Age': '600',
  };
}

const digest = (s) => crypto.createHash('sha256').update(String(s)).digest();

// The read token from `Authorization: Bearer <token>` or, for clients that
// cannot set headers, `?token=<token>`; compared in constant time.
export function tokenMatches(expected, req, params) {
  const header = req.headers.authorization;
  const given = typeof header === 'string' && /^Bearer\s+/i.test(header) ? header.replace(/^Bearer\s+/i, '').trim() : params.get('token');
  if (!expected || !given) return false;
  return crypto.timingSafeEqual(digest(expected), digest(given));
}

export const newToken = () => crypto.randomBytes(24).toString('base64url');
