// Watches what the page does and keeps the facts the survey rules decide on
// (time on page, scroll depth, exit intent, clicks, tracked events, page views,
// SPA navigation). It only observes; the C++ core decides.
import { read, write } from './storage.js';

export function createFacts(onChange) {
  const facts = {
    start: Date.now(),
    scroll: 0,
    exitIntent: false,
    clicked: [],
    events: [],
    pageViews: countView(),
  };
  const selectors = [];
  const timers = [];

  function countView() {
    const n = (read('pv', 'session') || 0) + 1;
    write('pv', n, 'session');
    return n;
  }

  function add(list, v) {
    for (let i = 0; i < list.length; i++) if (list[i] === v) return;
    list[list.length] = v;
  }

  // Scroll depth of the window, or of a scroll container at least half the
  // viewport tall (app shells scroll a <main>, not the window; small lists do not count).
  let lastY = 0;
  let lastT = 0;
  let upFrom = 0;
  let upT = 0;
  function onScroll(e) {
    const t = e && e.target;
    const box = t && t !== document && t.nodeType === 1 ? t : null;
    if (box && box.clientHeight < innerHeight / 2) return;
    const y = box ? box.scrollTop : scrollY;
    const max = box ? box.scrollHeight - box.clientHeight : document.documentElement.scrollHeight - innerHeight;
    const pct = max <= 0 ? 100 : Math.min(100, Math.round((y / max) * 100));
    if (pct > facts.scroll) {
      facts.scroll = pct;
      onChange('scroll');
    }
    // Touch exit intent: a fast flick back up (towards the address bar / back
    // button): one upward run of more than 300 px at over 1.5 px/ms on average.
    const now = Date.now();
    if (y < lastY) {
      // A pause (no scroll event for 100 ms) starts a new run, one frame before this event.
      if (!upT || now - lastT > 100) {
        upFrom = lastY;
        upT = now - 16;
      }
      if (touch && upFrom - y > 300 && (upFrom - y) / Math.max(1, now - upT) > 1.5) exit();
    } else upT = 0;
    lastY = y;
    lastT = now;
  }
  const touch = !!(window.matchMedia && matchMedia('(hover: none)').matches);

  function exit() {
    if (!facts.exitIntent) {
      facts.exitIntent = true;
      onChange('exit');
    }
  }

  function onClick(e) {
    const t = e.target;
    for (let i = 0; i < selectors.length; i++) {
      try {
        if (t && t.closest && t.closest(selectors[i])) {
          add(facts.clicked, selectors[i]);
          onChange('click');
        }
      } catch (_) {
        /* an invalid selector simply never matches */
      }
    }
  }

  function onLeave(e) {
    // Desktop exit intent: the pointer leaves through the top edge of the viewport.
    if (!e.relatedTarget && e.clientY <= 0) exit();
  }

  function onNavigate() {
    facts.start = Date.now();
    facts.scroll = 0;
    facts.exitIntent = false;
    facts.clicked = [];
    facts.pageViews = countView();
    armTimers();
    onChange('navigate');
  }

  // Capture: scroll events of elements do not bubble, but they pass the document.
  document.addEventListener('scroll', onScroll, { passive: true, capture: true });
  // Leaving the tab (switching apps on a phone) also counts as exit intent.
  document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && exit());
  document.addEventListener('click', onClick, true);
  document.addEventListener('mouseout', onLeave);
  watchNavigation(onNavigate);

  return {
    facts,
    // Arms watchers for one survey's triggers; delays restart on SPA navigation.
    watch(triggers) {
      for (let i = 0; i < triggers.length; i++) {
        const t = triggers[i] || {};
        if (t.type === 'click' && typeof t.selector === 'string') add(selectors, t.selector);
        if (t.type === 'delay') timers[timers.length] = +t.seconds || 0;
      }
      armTimers();
    },
    track(name) {
      add(facts.events, String(name));
      onChange('event');
    },
  };

  function armTimers() {
    const since = (Date.now() - facts.start) / 1000;
    for (let i = 0; i < timers.length; i++) {
      if (timers[i] >= since) setTimeout(() => onChange('delay'), (timers[i] - since) * 1000 + 20);
    }
  }
}

// SPA route changes: the Navigation API where present, else history patching
// (pushState/replaceState are wrapped, never replaced in behaviour).
function watchNavigation(fn) {
  let last = location.href;
  const check = () => {
    if (location.href !== last) {
      last = location.href;
      fn();
    }
  };
  addEventListener('popstate', check);
  const h = history;
  for (const m of ['pushState', 'replaceState']) {
    const orig = h[m];
    if (typeof orig !== 'function') continue;
    h[m] = function () {
      const r = orig.apply(this, arguments);
      try {
        check();
      } catch (_) {
        /* never break the host's navigation */
      }
      return r;
    };
  }
}
