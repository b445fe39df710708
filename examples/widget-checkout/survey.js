window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments); };

// Known customer: attributes are attached to the response (the survey stays
// anonymous when identify() is never called).
npskit('identify', 'cust-1042', { plan: 'Plus', country: 'DE', order_value: 84.5, touchpoint: 'checkout' });

npskit('init', {
  id: 'post-purchase',
  product: 'Acme Shop',
  placement: 'modal',
  triggers: [{ type: 'event', name: 'purchase_completed' }, { type: 'delay', seconds: 1 }],
  url: [{ match: 'contains', value: '/widget-checkout/' }],
  promoterAction: { type: 'coupon', code: 'THANKYOU10', label: 'A thank-you: 10% off your next order' },
  detractorContact: true,
  frequency: { recontactDays: 60, dismissDays: 14 },
  endpoint: 'http://localhost:8081/responses',
});
