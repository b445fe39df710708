window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments); };

npskit('identify', 'user-77', { plan: 'Team', country: 'FR', touchpoint: 'settings' });
npskit('init', {
  id: 'in-app',
  product: 'Acme Cloud',
  placement: 'inline',
  locale: 'auto', // the page's lang, then the browser's languages
  theme: { brand: '#2563eb', mode: 'auto' },
  endpoint: 'http://localhost:8081/responses',
});
