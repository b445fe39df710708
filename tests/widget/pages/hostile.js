// Runs after page.js (which needs the real JSON) and before the widget:
// the kind of global tampering third-party scripts meet in the wild.
(function () {
  const broken = function () { throw new Error('hostile page: method disabled'); };
  for (const m of ['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'find', 'includes', 'indexOf'])
    Object.defineProperty(Array.prototype, m, { value: broken, writable: true, configurable: true });
  JSON.stringify = function () { return '"hostile"'; };
  // Built-ins the Emscripten glue used to call (issue 13).
  Object.assign = broken;
  JSON.parse = function () { return { hostile: true }; };
  const RealPromise = Promise;
  window.fetch = function () { return RealPromise.reject(new Error('hostile fetch')); };
  // A broken Promise "polyfill": the global constructor and its statics throw.
  window.Promise = function HostilePromise() { throw new Error('hostile page: Promise disabled'); };
  for (const m of ['resolve', 'reject', 'all', 'race', 'allSettled', 'any'])
    window.Promise[m] = broken;
})();
