// npm entry: `import { init, track } from 'npskit/widget'`. Same API as the
// script tag, without creating any global; chunks load beside this file.
import { createNpskit } from './loader/api.js';

const api = createNpskit(new URL('./', import.meta.url).href);

export const init = api.init;
export const identify = api.identify;
export const track = api.track;
export const show = api.show;
export const on = api.on;
export const off = api.off;
export const validate = api.validate;
export const forget = api.forget;
export default api;

// For bundlers that copy dist/widget/ somewhere else: an instance whose chunks
// (ui.mjs, core-*.mjs, core.wasm) load from `base`, e.g. '/static/npskit/'.
export const createWidget = (base) => createNpskit(base);
