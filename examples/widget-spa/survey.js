window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments); };

npskit('init', {
  id: 'spa-nps',
  product: 'Acme Tasks',
  placement: 'popup',
  position: 'bottom-left',
  url: [{ match: 'regex', value: '/widget-spa/(done|projects)$' }],
  triggers: [{ type: 'pageViews', count: 3 }],
  endpoint: 'http://localhost:8081/responses',
});
