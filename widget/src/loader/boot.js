// Script-tag start-up shared by npskit.js and the single-file build: replaces the
// queueing stub
//   window.npskit = window.npskit || function () { (npskit.q = npskit.q || []).push(arguments) };
// with the real API and replays the calls made before it loaded. `npskit` is
// the only global the widget creates.
import { createNpskit } from './api.js';

export function boot(inline) {
  try {
    const stub = window.npskit;
    if (stub && stub.version) return; // loaded twice: keep the first
    const src = (document.currentScript && document.currentScript.src) || '';
    const api = createNpskit(src.slice(0, src.lastIndexOf('/') + 1), inline);
    const queue = (stub && stub.q) || [];
    window.npskit = api;
    for (let i = 0; i < queue.length; i++) api.apply(null, queue[i]);
  } catch (e) {
    /* never throw into the host page */
  }
}
