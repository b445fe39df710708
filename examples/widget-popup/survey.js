// The async stub queues calls until the loader arrives; then they replay in order.
window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments); };

npskit('init', {
  id: 'acme-site-nps',
  product: 'Acme Coffee',
  placement: 'popup',
  position: 'bottom-right',
  triggers: [{ type: 'delay', seconds: 3 }],
  followUp: { detractor: 'What went wrong? We read every answer.' },
  promoterAction: { type: 'link', url: 'https://example.com/review', label: 'Leave us a review' },
  detractorContact: true,
  theme: { brand: '#7c2d12', radius: 14 },
  endpoint: 'http://localhost:8081/responses',
});
