// Shared by the dashboard's end-to-end tests: a static server on the repo root,
// Debian's Chromium through playwright-core (never a downloaded browser), and
// page helpers that wait for the dashboard to finish rendering.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { before, after } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { createStaticServer } from '../../scripts/serve.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const artifacts = path.join(root, 'test-artifacts', 'dashboard');
fs.mkdirSync(artifacts, { recursive: true });

export async function startServer() {
  const server = createStaticServer({ root });
  await new Promise((res) => server.listen(0, '127.0.0.1', res));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { server, base, close: () => new Promise((res) => server.close(res)) };
}

export async function launch() {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--allow-file-access-from-files'],
    viewport: { width: 1360, height: 900 },
    acceptDownloads: true,
  });
  return {
    context,
    async close() { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/** Open a page that records console errors, page errors and every request. */
export async function openPage(context, url) {
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', (d) => { errors.push('dialog opened: ' + d.message()); d.dismiss(); });
  page.on('request', (r) => requests.push(r.url()));
  if (url) await page.goto(url);
  return { page, errors, requests };
}

/** Wait until the dashboard has rendered more than `after` times. */
export async function rendered(page, after = 0, timeout = 30000) {
  await page.waitForFunction((n) => Number(document.body.dataset.renders || 0) > n, after, { timeout });
  return page.evaluate(() => Number(document.body.dataset.renders));
}

export const renders = (page) => page.evaluate(() => Number(document.body.dataset.renders || 0));

/**
 * A browser test file's set-up, once: the dashboard built, a server and a browser
 * started before its tests and closed after them. Returns { srv, browser }, filled in
 * by the time a test runs.
 */
export function withDashboard() {
  const dash = { srv: null, browser: null };
  before(async () => {
    execFileSync(process.execPath, [path.join(root, 'web/build.mjs')], { stdio: 'inherit' });
    dash.srv = await startServer();
    dash.browser = await launch();
  });
  after(async () => { await dash.browser?.close(); await dash.srv?.close(); });
  return dash;
}
