// What Prototype.js 1.6 and prototype-pollution bugs do to a page, before any other script:
// arrays serialise themselves as strings, every object inherits extra enumerable fields.
(function () {
  Object.defineProperty(Array.prototype, 'toJSON', { value: function () { return '[prototype.js array]'; }, writable: true, configurable: true });
  Object.prototype.polluted = 'yes';
  Object.prototype.triggers = [{ type: 'event', name: 'never' }];
  Object.prototype.until = 9e15;
  Object.prototype.onShown = 'not a function';
})();
