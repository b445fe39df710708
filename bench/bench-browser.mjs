// The benches' browser: the repository served on localhost and Debian's headless
// Chromium in a fresh profile, with the flags every bench uses (no network of its
// own, no GPU). One place, so that every bench measures the same browser.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { createStaticServer } from '../scripts/serve.mjs';

// JSFLAGS=... passes V8 flags (e.g. --no-wasm-dynamic-tiering: every wasm function optimized up front).
export const CHROMIUM_ARGS = [...(process.env.JSFLAGS ? [`--js-flags=${process.env.JSFLAGS}`] : []), '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/**
 * Serves `root` and launches Chromium with a profile directory named after `name`
 * (/proc lookups find a bench's renderers by it). Resolves to { base, browser,
 * userDataDir, close() }.
 */
export async function launchBenchBrowser(root, name) {
  const server = createStaticServer({ root });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `npskit-${name}-`));
  const browser = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1360, height: 900 }, args: CHROMIUM_ARGS,
  });
  const close = async () => {
    await browser.close();
    server.close();
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { base, browser, userDataDir, close };
}
