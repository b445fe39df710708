// Shared harness for the widget's browser tests: the repo's static server
// (with CSP headers), a real collector, and Debian's Chromium via playwright-core.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createStaticServer } from '../../scripts/serve.mjs';
import { createCollector } from '../../examples/collector/server.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'test-artifacts/widget');
fs.mkdirSync(artifacts, { recursive: true });

export const CSP = {
  wasm: "script-src 'self' 'wasm-unsafe-eval'; style-src 'self'",
  nowasm: "script-src 'self'; style-src 'self'",
};

// Every test page is served under a strict CSP (?csp=wasm by default, ?csp=nowasm forbids wasm).
export function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

export async function startServers() {
  const web = createStaticServer({
    root,
    headers: (url, file) => (file.endsWith('.html') ? { 'Content-Security-Policy': CSP[url.searchParams.get('csp') || 'wasm'] } : {}),
  });
  const webPort = await listen(web);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-collector-'));
  const file = path.join(dir, 'responses.ndjson');
  let collector = createCollector({ file });
  const collectorPort = await listen(collector);
  return {
    web: `http://127.0.0.1:${webPort}`,
    endpoint: `http://127.0.0.1:${collectorPort}/responses`,
    file,
    get collector() {
      return collector;
    },
    records: () => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)) : []),
    async stopCollector() {
      await new Promise((r) => {
        collector.closeAllConnections();
        collector.close(r);
      });
    },
    async restartCollector() {
      collector = createCollector({ file });
      await new Promise((r) => collector.listen(collectorPort, '127.0.0.1', r));
    },
    async close() {
      web.closeAllConnections();
      collector.closeAllConnections();
      await Promise.all([new Promise((r) => web.close(r)), new Promise((r) => collector.close(r))]);
    },
  };
}

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export function pageUrl(base, config, extra = {}) {
  const q = new URLSearchParams({ config: JSON.stringify(config), ...extra });
  return `${base}/tests/widget/pages/${extra.page || 'survey'}.html?${q}`;
}

// Collects everything the host page would notice: console errors, uncaught
// exceptions, and CSP violations.
export function watchPage(page) {
  const problems = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push('console: ' + m.text());
  });
  page.on('pageerror', (e) => problems.push('pageerror: ' + e.message));
  return problems;
}

// The widget's shadow roots are closed; tests reach them the way assistive
// technology does: through the accessibility tree and real keyboard/mouse.
export async function waitFor(fn, { timeout = 10000, interval = 50 } = {}) {
  const start = Date.now();
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() - start > timeout) throw new Error('timed out waiting: ' + fn.toString().slice(0, 120));
    await new Promise((r) => setTimeout(r, interval));
  }
}

// Event types the page saw, in order (a plain loop: the hostile page breaks Array#map).
export const events = (page) =>
  page.evaluate(() => {
    const out = [];
    for (let i = 0; i < window.__events.length; i++) out[out.length] = window.__events[i].type;
    return out;
  });

export const waitEvent = (page, type, timeout = 15000) =>
  waitFor(async () => (await events(page)).includes(type), { timeout });

export async function lastEvent(page, type) {
  return page.evaluate((t) => {
    let found = null;
    for (let i = 0; i < window.__events.length; i++) if (window.__events[i].type === t) found = window.__events[i].detail;
    return found;
  }, type);
}

// The active element inside the widget's shadow root (focus management checks).
export const focused = (page, host = 'npskit-popup') =>
  page.evaluate((h) => {
    const el = document.querySelector(h);
    const a = el && el.shadowRoot && el.shadowRoot.activeElement;
    if (!a) return null;
    if (a.getAttribute('aria-label')) return a.getAttribute('aria-label');
    if (a.tagName === 'BUTTON') return a.textContent;
    return a.tagName.toLowerCase() + (a.tagName === 'INPUT' ? ':' + a.type : '');
  }, host);
