// Highlighted comment text: spans (UTF-16 offsets from session.rows insights)
// become <mark> elements, everything else Text nodes. Never HTML parsing.
import { h } from './dom.mjs';

/** Sorted, merged, clamped [begin, end) ranges. */
export function mergeSpans(spans, length) {
  const list = (spans ?? [])
    .map((s) => [Math.max(0, Math.min(length, s.begin | 0)), Math.max(0, Math.min(length, s.end | 0))])
    .filter(([b, e]) => e > b)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out = [];
  for (const [b, e] of list) {
    const last = out[out.length - 1];
    if (last && b <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([b, e]);
  }
  return out;
}

/** Nodes for `text` with `spans` marked: strings (made Text nodes by h/mount) and <mark>s. */
export function highlighted(text, spans) {
  const s = String(text ?? '');
  const parts = [];
  let at = 0;
  for (const [b, e] of mergeSpans(spans, s.length)) {
    if (b > at) parts.push(s.slice(at, b));
    parts.push(h('mark', null, s.slice(b, e)));
    at = e;
  }
  if (at < s.length) parts.push(s.slice(at));
  return parts;
}
