// Delighted's web snippet as sites pasted it (a queue named `delighted`, then an
// async script), with one change: the script URL is npskit's drop-in, given the
// collector as `endpoint`. The delighted.survey() call below is untouched.
!function (e, t, src, n) {
  if (!e[n]) {
    for (var a = (e[n] = []), i = ['survey', 'reset', 'track'], s = 0; s < i.length; s++) {
      var c = i[s];
      a[c] = a[c] || (function (m) { return function () { a.push([m, Array.prototype.slice.call(arguments)]); }; })(c);
    }
    var o = t.createElement('script');
    o.type = 'text/javascript';
    o.async = !0;
    o.src = src; // was: "https://d2yyd1h5u9mauk.cloudfront.net/integrations/web/v1/library/" + TOKEN + "/delighted.js"
    var l = t.getElementsByTagName('script')[0];
    l.parentNode.insertBefore(o, l);
  }
}(window, document, '/dist/widget/delighted.js?survey=acme-cloud-nps&product=Acme%20Cloud&endpoint=' +
  encodeURIComponent('http://localhost:8081/responses'), 'delighted');

delighted.survey({
  email: 'jony@example.com',
  name: 'Jony Appleseed',
  createdAt: '2024-01-15T09:30:00Z',
  properties: { Plan: 'Team', Country: 'DE' },
  minTimeOnPage: 2,
  recurringPeriod: 7776000, // 90 days, in seconds as Delighted counted it
});
