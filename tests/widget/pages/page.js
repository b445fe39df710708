// Test page bootstrap (an external file: the pages run under a strict CSP).
// ?config=<JSON> is passed to npskit('init'); events are recorded for the test.
(function () {
  const params = new URLSearchParams(location.search);
  window.__events = [];
  window.__shifts = 0;
  // What the page defined before the widget's stub and loader (to prove they add one global).
  window.__globals = Object.keys(window).concat('__globals');
  // The documented async stub: calls made before the loader arrives are queued.
  window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments); };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__shifts += e.value;
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) {}
  for (const type of ['shown', 'answered', 'dismissed', 'completed', 'error', 'skipped'])
    document.addEventListener('npskit:' + type, (e) => window.__events.push({ type, detail: e.detail }));
  if (params.get('user')) npskit('identify', params.get('user'), JSON.parse(params.get('attrs') || '{}'));
  const configs = JSON.parse(params.get('config') || '[]');
  for (const c of Array.isArray(configs) ? configs : [configs]) npskit('init', c);
  document.addEventListener('click', (e) => {
    if (e.target && e.target.id === 'buy') npskit('track', 'purchase_completed');
  });
})();
