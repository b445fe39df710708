// Only one tab shows a survey at a time. With the Web Locks API the lock is
// atomic across tabs and released by the browser if a tab dies; elsewhere a
// lease in localStorage (renewed while open) approximates it.
import { NativePromise, randomHex, read, remove, write } from '../borrowed.js';

const NAME = 'npskit-survey';
const LEASE_MS = 4000;
let me = '';
let timer = 0;
let unlock = null;
const id = () => (me = me || randomHex(8));
const locks = () => (navigator.locks && navigator.locks.request ? navigator.locks : null);

export async function otherTabShowing() {
  const L = locks();
  if (L) {
    try {
      const held = (await L.query()).held || [];
      for (let i = 0; i < held.length; i++) if (held[i].name === NAME) return !unlock;
      return false;
    } catch (e) {
      /* fall through to the lease */
    }
  }
  const l = read('tab');
  return !!(l && l.tab !== id() && l.until > Date.now());
}

export function acquire() {
  const L = locks();
  if (L) {
    return new NativePromise((resolve) => {
      L.request(NAME, { ifAvailable: true }, (lock) => {
        if (!lock) return resolve(false);
        resolve(true);
        return new NativePromise((r) => (unlock = r)); // held until release()
      }).catch(() => resolve(false));
    });
  }
  if (read('tab') && read('tab').tab !== id() && read('tab').until > Date.now()) return NativePromise.resolve(false);
  const renew = () => write('tab', { tab: id(), until: Date.now() + LEASE_MS });
  renew();
  clearInterval(timer);
  timer = setInterval(renew, LEASE_MS / 2);
  return NativePromise.resolve(true);
}

export function release() {
  if (unlock) {
    unlock();
    unlock = null;
  }
  clearInterval(timer);
  timer = 0;
  const l = read('tab');
  if (l && l.tab === id()) remove('tab');
}

addEventListener('pagehide', release);
