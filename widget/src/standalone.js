// Single-file build (dist/widget/npskit-standalone.js): the loader with the UI and
// the JS build of the core inlined, for hosts that cannot serve the chunks beside
// the loader or set CORS headers on a CDN. It fetches nothing but what a response
// is sent to, at the price of ~45 KB gzip on every page view (instead of ~5 KB,
// the rest only when a survey shows) and the JS core (no wasm).
import { boot } from './loader/boot.js';
import * as ui from './survey/runtime.js';
import createCore from '../../dist/widget/core-js.mjs';

boot({ ui, core: { default: createCore } });
