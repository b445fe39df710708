// The page-wide pieces the loader owns (storage with its memory fallback,
// pristine built-ins, error containment, element roots). The survey runtime (ui.mjs) is built
// separately, so it borrows the loader's instances instead of bundling copies.
export let read, write, remove, parse, stringify, fetchFn, randomHex, safe, fail, roots, NativePromise, verdictKey;

export function bind(lib) {
  ({ read, write, remove, parse, stringify, fetchFn, randomHex, safe, fail, roots, NativePromise, verdictKey } = lib);
}
