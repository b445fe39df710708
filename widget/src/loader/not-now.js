// The loader's quick "not now": decides, without fetching the survey runtime or
// the C++ core, that a survey certainly cannot show yet. It is a one-sided
// filter in front of the core (src/core/survey/eligibility.cpp decides), never
// a second decider:
//   - "not now" is said only when the core, asked, would not show the survey;
//   - otherwise the loader asks the core, which may still say no (triggerMode
//     "all" with one trigger met, sampling, fatigue on a first visit ...).
// Anything the check does not recognise (an unknown trigger type, a parameter
// the core would reject or fill with its default) sends the question to the
// core, so an error in a trigger is reported, not hidden behind a trigger that
// never fires. tests/widget/not-now-agreement.test.mjs proves this against the
// core over every rule, and that the check is exact where it can be (one
// trigger, or triggerMode "any"). Why not one rule table shared with the C++:
// a table-driven version measured 5,160-5,222 B gzip, over the loader's 5,120.
import { toJson } from './plain.js';

// What a stored "not now" verdict of the core was computed from: the survey's
// config and the visitor's sampling key. A verdict counts only while both are
// unchanged, so the loader never second-guesses the core (FNV-1a, 32 bits).
export function verdictKey(config, user) {
  const text = toJson(config) + '|' + user;
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

// The core's stored verdict (survey/state/history.js blockUntil) says this survey
// cannot show on this page before `until` (answered, dismissed, cooldown, capped
// by impressions, sampled out), or not at this URL. Returns the verdict or null.
export function storedVerdict(h, config, user, now, href) {
  if (!h || !(h.until > now)) return null;
  if (h.key !== undefined && h.key !== verdictKey(config, user)) return null;
  if (h.why === 'url') return has(h.urls, href) ? h : null;
  return h;
}

// Each trigger type of the core (config.cpp check_trigger, eligibility.cpp
// triggers_met), with the fact it is compared with. A value is taken as given
// only where the core takes it so: a number within the core's range (a count: an
// integer), a non-empty string (an event name: of the core's characters, up to
// 64; a selector: up to 100 characters, surely within the core's 300 bytes, a
// longer one is left to the core). Anything else, an unknown type included,
// counts as met: the core is asked and reports it, so a trigger that cannot fire
// never hides an error in its type or value.
const num = (v, lo, hi) => typeof v === 'number' && v >= lo && v <= hi;
const text = (v, max) => typeof v === 'string' && v !== '' && v.length <= max;

// True when the core should be asked now: no triggers, a launcher (offered
// whatever the triggers), some trigger met, or something only the core can
// judge. False ("not now"): every trigger is well-formed and none is met yet.
export function worthAsking(config, f, now) {
  const t = config.triggers;
  if (!Array.isArray(t) || !t.length || config.placement === 'launcher') return true;
  for (let i = 0; i < t.length; i++) {
    const x = t[i] || {};
    const y = x.type;
    if (y === 'delay' ? !num(x.seconds, 0, 86400) || (now - f.start) / 1000 >= x.seconds :
        y === 'scroll' ? !num(x.percent, 1, 100) || f.scroll >= x.percent :
        y === 'pageViews' ? !num(x.count, 1, 1000) || x.count % 1 || f.pageViews >= x.count :
        y === 'exitIntent' ? f.exitIntent :
        y === 'click' ? !text(x.selector, 100) || has(f.clicked, x.selector) :
        y !== 'event' || !text(x.name, 64) || /[^\w.:-]/.test(x.name) || has(f.events, x.name))
      return true;
  }
  return false;
}

function has(list, v) {
  for (let i = 0; i < (list || []).length; i++) if (list[i] === v) return true;
  return false;
}
