// Runs after page.js (which needs the real JSON) and before the widget:
// the kind of global tampering third-party scripts meet in the wild.
(function () {
  const broken = function () { throw new Error('hostile page: method disabled'); };
  for (const m of ['forEach', 'map', 'filter', 'reduce', 'some', 'every', 'find', 'includes', 'indexOf'])
    Object.defineProperty(Array.prototype, m, { value: broken, writable: true, configurable: true });
  JSON.stringify = function () { return '"hostile"'; };
  JSON.parse = function () { return { hostile: true }; };
  window.fetch = function () { return Promise.reject(new Error('hostile fetch')); };
})();
