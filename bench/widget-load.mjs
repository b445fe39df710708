// Time from loader start to survey-ready, in real Chromium (Debian's, via
// playwright-core), cold cache, survey configured to show on load:
//   t(shown) - t(loader request start)  and  t(shown) - t(loader arrived).
// Matrix: wasm core vs JS fallback (CSP without 'wasm-unsafe-eval'), unthrottled
// localhost vs throttled (4x slower CPU; 150 ms RTT, 1.6 Mbit/s down: "slow 4G").
// Usage: node bench/widget-load.mjs [runs=9]   (after the build); medians printed
// and written to bench/results/widget-load.json.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, pageUrl, startServers } from '../tests/widget/helpers.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[2] || 9);
const s = await startServers();
const browser = await launch();
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

async function once(engine, throttled) {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    document.addEventListener('npskit:shown', () => (window.__shownAt = performance.now()));
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (throttled) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: 200000, uploadThroughput: 90000 });
  }
  await page.goto(pageUrl(s.web, { id: 'bench-' + Math.random().toString(36).slice(2) }, { csp: engine === 'js' ? 'nowasm' : 'wasm' }));
  await page.waitForFunction(() => window.__shownAt, null, { timeout: 60000 });
  const r = await page.evaluate(() => {
    const loader = performance.getEntriesByType('resource').find((e) => e.name.endsWith('/npskit.js'));
    return { fromStart: window.__shownAt - loader.startTime, fromArrival: window.__shownAt - loader.responseEnd };
  });
  await context.close();
  return r;
}

const results = [];
for (const throttled of [false, true]) {
  for (const engine of ['wasm', 'js']) {
    await once(engine, throttled); // warm the server and the OS file cache
    const xs = [];
    for (let i = 0; i < runs; i++) xs.push(await once(engine, throttled));
    const row = {
      engine, network: throttled ? 'slow 4G + 4x CPU' : 'localhost', runs,
      median_ms_from_loader_start: Math.round(median(xs.map((x) => x.fromStart))),
      median_ms_from_loader_arrival: Math.round(median(xs.map((x) => x.fromArrival))),
    };
    results.push(row);
    console.log(JSON.stringify(row));
  }
}
await browser.close();
await s.close();
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/widget-load.json'), JSON.stringify(results, null, 2) + '\n');
