// Delighted's web snippet shape (a queue named `delighted` with survey/reset/track,
// then an async script), with only the script URL changed to npskit's drop-in.
// ?snippet=<JSON of the delighted.survey() options>&dl=<script URL>.
(function (e, t, src, n) {
  if (e[n]) return;
  const a = (e[n] = []);
  for (const m of ['survey', 'reset', 'track']) a[m] = function () { a.push([m, Array.prototype.slice.call(arguments)]); };
  const o = t.createElement('script');
  o.async = true;
  o.src = src;
  t.head.appendChild(o);
})(window, document, new URLSearchParams(location.search).get('dl'), 'delighted');
delighted.survey(JSON.parse(new URLSearchParams(location.search).get('snippet') || '{}'));
