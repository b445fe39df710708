// Main-thread cost of the widget on page views where no survey can show, in
// Debian Chromium with the CPU slowed 4x (CDP Emulation.setCPUThrottlingRate):
// long tasks (> 50 ms) and the loader's own script time, per page view.
// Also counts CSP violation reports from the wasm probe over repeated views under
// a CSP without 'wasm-unsafe-eval'.
// Usage: node bench/widget-longtasks.mjs [views=9]   (after node widget/build.mjs)
import { startServers, launch, pageUrl } from '../tests/widget/helpers.mjs';

const views = Number(process.argv[2] || 9);
const s = await startServers();
const browser = await launch();
const median = (a) => a.slice().sort((x, y) => x - y)[a.length >> 1];

async function measure(config, extra, label, prime) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await context.addInitScript(() => {
    window.__long = [];
    window.__violations = 0;
    addEventListener('securitypolicyviolation', () => window.__violations++);
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  const url = pageUrl(s.web, config, extra);
  if (prime) await prime(page, url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
  const long = [], fetched = [], violations = [];
  for (let i = 0; i < views; i++) {
    const seen = [];
    const onReq = (r) => seen.push(new URL(r.url()).pathname);
    page.on('request', onReq);
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForTimeout(2500); // the idle work and any decision
    page.off('request', onReq);
    const r = await page.evaluate(() => {
      let sum = 0;
      for (const d of window.__long) sum += d;
      return { long: sum, violations: window.__violations };
    });
    long.push(r.long);
    violations.push(r.violations);
    fetched.push(seen.filter((p) => p.startsWith('/dist/widget/') && !p.endsWith('npskit.js')).length);
  }
  console.log(`${label.padEnd(58)} long tasks ${String(Math.round(median(long))).padStart(4)} ms (median)  ` +
    `chunks fetched/view ${median(fetched)}  CSP reports total ${violations.reduce((a, b) => a + b, 0)}`);
  await context.close();
}

const showOnce = async (page, url) => {
  await page.goto(url);
  await page.waitForTimeout(3000);
};
console.log(`Chromium, CPU 4x slower, ${views} page views each\n`);
await measure([], {}, 'loader only, no survey registered', null);
await measure({ id: 'bench-sample', sampleRate: 0 }, {}, 'sampled out (verdict stored after the first view)', showOnce);
await measure({ id: 'bench-capped', frequency: { maxImpressions: 1, cooldownDays: 0 } }, {}, 'capped by maxImpressions (verdict stored)',
  async (page, url) => { await showOnce(page, url); await showOnce(page, url); });
await measure({ id: 'bench-shows', frequency: { maxImpressions: 100, cooldownDays: 0, dismissDays: 0 } }, {}, 'a survey shows on every view (reference)', null);
await measure({ id: 'bench-nowasm', sampleRate: 0 }, { csp: 'nowasm' }, "CSP without 'wasm-unsafe-eval', sampled out", null);
await measure({ id: 'bench-nowasm-js', engine: 'js', frequency: { maxImpressions: 100, cooldownDays: 0, dismissDays: 0 } }, { csp: 'nowasm' },
  "same CSP, engine: 'js', survey shows each view", null);
await browser.close();
await s.close();
