// With a bundler: import { init, show, on } from 'npskit/widget';
import { init, show, on } from '/dist/widget/index.mjs';

const log = document.getElementById('log');
for (const type of ['shown', 'answered', 'completed', 'dismissed'])
  on(type, (d) => { log.textContent = `${type}: ${JSON.stringify(d.response || d)}`; });

init({
  id: 'npm-demo',
  product: 'Acme',
  triggers: [{ type: 'event', name: 'never' }], // only on demand, via show()
  endpoint: 'http://localhost:8081/responses',
  onResponse: (payload) => console.info('npskit response', payload.id),
});
document.getElementById('feedback').addEventListener('click', () => show('npm-demo'));
