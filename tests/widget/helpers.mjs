// Shared harness for the widget's browser tests: the repo's static server
// (with CSP headers), a real collector, and Debian's Chromium via playwright-core.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
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

// ?connect=<origins> adds a connect-src directive (e.g. only the collector), and
// ?scripts=<origin> another script origin (a loader served from a "CDN").
function policy(q) {
  let p = CSP[q.get('csp') || 'wasm'];
  if (q.get('scripts')) p = p.replace("script-src 'self'", "script-src 'self' " + q.get('scripts'));
  if (q.get('connect')) p += '; connect-src ' + q.get('connect');
  return p;
}

// Every test page is served under a strict CSP (?csp=wasm by default, ?csp=nowasm forbids wasm).
export function listen(server) {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server.address().port)));
}

export async function startServers() {
  const web = createStaticServer({
    root,
    headers: (url, file) => (file.endsWith('.html') ? { 'Content-Security-Policy': policy(url.searchParams) } : {}),
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

// One set of servers and one browser per test file: registers node:test's
// before/after hooks and returns stand-ins that forward to the real objects once
// before() has run, so a test file just writes
//   const { s, browser } = harness();
// and then s.web, s.records(), browser.newContext() inside its tests.
export function harness() {
  const live = {};
  before(async () => {
    live.s = await startServers();
    live.browser = await launch();
  });
  after(async () => {
    if (live.browser) await live.browser.close();
    if (live.s) await live.s.close();
  });
  const forward = (name) =>
    new Proxy({}, {
      get(_, key) {
        const target = live[name];
        if (!target) throw new Error(`harness: ${name}.${String(key)} used outside a test (before() has not run)`);
        const v = target[key];
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  return { s: forward('s'), browser: forward('browser') };
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

// A fault-injecting proxy in front of the real collector (examples/collector/server.mjs).
// Each POST is matched to a scripted plan by the payload's survey id; the plan's next
// step says what the "collector" does with it:
//   'pass'                        forward to the collector, relay its answer
//   500 (any number)              answer that status (with CORS headers)
//   { status: 429, retryAfter }   answer 429 with Retry-After (seconds, or an HTTP-date string)
//   'hang'                        never answer (until the client gives up or the test ends)
//   { slow: ms }                  wait, then forward
//   'lost'                        forward (the collector stores it), then cut the connection: the reply is lost
// Every request is logged with its arrival time, when its answer was sent and
// whether the client closed the connection before getting one. `target` is the
// collector's URL, or a function returning it (read at each request).
export async function startFaultProxy(target) {
  const plans = {};
  const log = [];
  const cors = {
    'Access-Control-Allow-Origin': '*',
    // Retry-After is not a CORS-safelisted response header: a collector that wants
    // cross-origin pages to honour it must expose it.
    'Access-Control-Expose-Headers': 'Retry-After',
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let p = {};
      try {
        p = JSON.parse(body.toString('utf8')) || {};
      } catch {
        /* not JSON: the collector will say so */
      }
      const step = (plans[p.survey] || []).shift() ?? 'pass';
      const entry = { survey: p.survey, id: p.id, step, at: Date.now(), answeredAt: null, abortedAt: null };
      log.push(entry);
      res.on('close', () => {
        if (!res.writableFinished) entry.abortedAt = Date.now();
      });
      const answer = (status, headers = {}) => {
        entry.answeredAt = Date.now();
        res.writeHead(status, { 'Content-Type': 'application/json', ...cors, ...headers });
        res.end(JSON.stringify({ ok: false, error: `injected ${status}` }));
      };
      const forward = (lose) => {
        const f = http.request(typeof target === 'function' ? target() : target, { method: 'POST', headers: {
          'Content-Type': req.headers['content-type'] || 'text/plain', 'Content-Length': body.length,
          ...(req.headers.origin ? { Origin: req.headers.origin } : {}) } }, (r) => {
          const got = [];
          r.on('data', (c) => got.push(c));
          r.on('end', () => {
            entry.collectorStatus = r.statusCode;
            if (lose) return req.socket.destroy();
            entry.answeredAt = Date.now();
            res.writeHead(r.statusCode, r.headers);
            res.end(Buffer.concat(got));
          });
        });
        f.on('error', () => req.socket.destroy());
        f.end(body);
      };
      if (step === 'pass') forward(false);
      else if (step === 'lost') forward(true);
      else if (step === 'hang') { /* never answers */ }
      else if (typeof step === 'number') answer(step);
      else if (step.slow) setTimeout(() => forward(false), step.slow);
      else answer(step.status, step.retryAfter != null ? { 'Retry-After': String(step.retryAfter) } : {});
    });
  });
  const port = await listen(server);
  return {
    endpoint: `http://127.0.0.1:${port}/responses`,
    // plan(survey, [steps...]): what the next requests for that survey meet (then 'pass').
    plan: (survey, steps) => (plans[survey] = steps.slice()),
    requests: (survey) => log.filter((e) => e.survey === survey),
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
