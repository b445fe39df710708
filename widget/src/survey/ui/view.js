// The survey's DOM: built with createElement/textContent only (config text is
// never parsed as HTML). Steps: 0-10 scale -> optional reason (and contact
// consent) -> thank-you. Keyboard: one tab stop on the scale, arrows move,
// Enter/Space confirm, Escape dismisses; modal placement traps focus.
function h(tag, attrs, kids) {
  const el = document.createElement(tag);
  // Own keys only: a polluted Object.prototype must not become attributes or listeners.
  const keys = attrs ? Object.keys(attrs) : [];
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = attrs[k];
    if (k === 'text') el.textContent = v;
    else if (typeof v === 'function') el.addEventListener(k, v);
    else if (v != null && v !== false) el.setAttribute(k, v === true ? '' : v);
  }
  for (let i = 0; kids && i < kids.length; i++) if (kids[i]) el.appendChild(kids[i]);
  return el;
}

let uid = 0;

// opts: { root, placement, position, mode, t (texts), launched, focus (the visitor asked: take focus), onScore(score) -> {followUp, action}
//         | Promise, onFinish({comment, consent, email}) -> null | errors, onDismiss(), onClose() }
export function openView(opts) {
  const { t, placement } = opts;
  const n = 'n' + ++uid;
  const modal = placement === 'modal';
  const inline = placement === 'inline';
  // Where focus was (inside shadow roots too), to return it on close.
  let before = document.activeElement;
  while (before && before.shadowRoot && before.shadowRoot.activeElement) before = before.shadowRoot.activeElement;
  let step = 'scale';
  let score = -1;
  let closed = false;
  let timer = 0;
  let action = { type: 'none' };

  const status = h('p', { class: 'st', role: 'status', 'aria-live': 'polite' });
  // Announces the survey's arrival once when it does not take focus (a focused
  // dialog is announced by the screen reader itself): filled after it is in the
  // tree, as live regions speak changes, not initial content.
  const news = h('p', { class: 'sr', 'aria-live': 'polite' });
  const body = h('div');
  const close = inline ? null : h('button', { type: 'button', class: 'x', 'aria-label': t.close, text: '\u00d7', click: () => dismiss() });
  const panel = h('div', {
    class: 'p ' + (inline ? 'il' : modal ? '' : opts.position) + (opts.launched ? ' launched' : '') + ' ' + opts.mode,
    role: inline ? 'region' : 'dialog',
    'aria-modal': modal ? 'true' : null,
    'aria-labelledby': n + 'q',
    dir: t.dir,
    lang: opts.locale,
    keydown: onKey,
  }, [close, body, status, news]);
  const shell = modal ? h('div', { class: 'ov', click: (e) => e.target === shell && dismiss() }, [panel]) : panel;
  opts.root.appendChild(shell);

  // ---- step 1: the 0-10 scale
  const radios = [];
  const low = h('span', { id: n + 'lo', text: t.low });
  const high = h('span', { id: n + 'hi', text: t.high });
  const group = h('div', { class: 'sc', role: 'radiogroup', 'aria-labelledby': n + 'q', 'aria-required': 'true', keydown: onArrows });
  for (let i = 0; i <= 10; i++) {
    const b = h('button', {
      type: 'button', role: 'radio', 'aria-checked': 'false', tabindex: i === 0 ? '0' : '-1',
      'aria-label': t.scoreLabel.split('{score}').join(String(i)),
      'aria-describedby': i === 0 ? n + 'lo' : i === 10 ? n + 'hi' : null,
      text: String(i), click: () => { check(i); confirm(); },
    });
    radios[i] = b;
    group.appendChild(b);
  }
  body.appendChild(h('fieldset', null, [h('legend', { id: n + 'q', text: t.question }), group,
    h('div', { class: 'en', 'aria-hidden': 'true' }, [h('span', { text: t.low }), h('span', { text: t.high })]), low, high]));
  low.hidden = high.hidden = true; // describedby targets; the visible row above is aria-hidden

  function check(i) {
    score = i;
    for (let k = 0; k <= 10; k++) {
      radios[k].setAttribute('aria-checked', k === i ? 'true' : 'false');
      radios[k].tabIndex = k === i ? 0 : -1;
    }
    radios[i].focus();
  }

  function onArrows(e) {
    const rtl = t.dir === 'rtl';
    const cur = score < 0 ? 0 : score;
    const next = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1, ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (next) check(Math.max(0, Math.min(10, cur + next)));
    else if (e.key === 'Home') check(0);
    else if (e.key === 'End') check(10);
    else if ((e.key === 'Enter' || e.key === ' ') && score >= 0) confirm();
    else return;
    e.preventDefault();
  }

  async function confirm() {
    if (step !== 'scale' || score < 0) return;
    step = 'busy';
    const r = await opts.onScore(score);
    action = r.action;
    if (closed) return;
    if (!r.followUp.ask) return finish({});
    showReason(r);
  }

  // ---- step 2: reason (+ contact consent for detractors)
  let fields = null;
  function showReason(r) {
    step = 'reason';
    const text = h('textarea', { id: n + 'c', maxlength: '2000', rows: '3' });
    const kids = [h('label', { class: 'lb', id: n + 'q', for: n + 'c', text: r.followUp.text || t[r.followUp.key] }), text];
    let consent = null;
    let email = null;
    if (r.action.type === 'contact') {
      consent = h('input', { type: 'checkbox', id: n + 'k', change: () => { emailBox.hidden = !consent.checked; } });
      email = h('input', { type: 'email', id: n + 'e', autocomplete: 'email', 'aria-describedby': n + 's' });
      const emailBox = h('div', null, [h('label', { class: 'fl', for: n + 'e', text: t.email }), email]);
      emailBox.hidden = true;
      kids[kids.length] = h('label', { class: 'ck', for: n + 'k' }, [consent, h('span', { text: t.consent })]);
      kids[kids.length] = emailBox;
    }
    status.id = n + 's';
    kids[kids.length] = h('div', { class: 'ac' }, [
      h('button', { type: 'button', class: 'bn sec', text: t.skip, click: () => finish({}) }),
      h('button', { type: 'submit', class: 'bn', text: t.submit }),
    ]);
    fields = { text, consent, email };
    const form = h('form', { novalidate: true, submit: (e) => { e.preventDefault(); finish(values()); } }, kids);
    body.replaceChildren(form);
    text.focus();
  }

  function values() {
    if (!fields) return {};
    return {
      comment: fields.text.value,
      consent: !!(fields.consent && fields.consent.checked),
      email: fields.email ? fields.email.value : '',
    };
  }

  async function finish(v, closing) {
    if (step === 'done' || step === 'sending') return;
    const prev = step;
    step = 'sending';
    let errors = await opts.onFinish(v);
    // Closing with an invalid email: keep the score and comment, drop the contact request.
    if (errors && closing) errors = await opts.onFinish({ comment: v.comment });
    if (errors) {
      step = prev;
      status.className = 'st er';
      status.textContent = t.error;
      if (fields && fields.email) {
        fields.email.setAttribute('aria-invalid', 'true');
        fields.email.focus();
      }
      return;
    }
    if (!closed) showThanks();
  }

  // ---- step 3: thank-you (+ review link or coupon for promoters)
  function showThanks() {
    step = 'done';
    status.className = 'st ty';
    const kids = [];
    const a = action;
    if (a.type === 'link') kids[0] = h('p', { class: 'ac' }, [h('a', { class: 'bn', href: a.url, target: '_blank', rel: 'noopener noreferrer', text: a.label || t.review })]);
    if (a.type === 'coupon') kids[0] = h('div', null, [h('p', { text: a.label || t.coupon }), h('p', { class: 'cd', text: a.code })]);
    body.replaceChildren.apply(body, kids);
    panel.insertBefore(status, body); // the thank-you heads the step, above any reward
    status.textContent = t.thanks;
    panel.setAttribute('aria-labelledby', n + 's');
    // Focus was on a control that just disappeared: put it somewhere useful.
    const link = kids[0] && kids[0].querySelector('a');
    if (link) link.focus();
    else if (close) close.focus();
    if (!inline && a.type !== 'link' && a.type !== 'coupon') timer = setTimeout(() => remove(), 6000);
  }

  function onKey(e) {
    if (e.key === 'Escape' && !inline) {
      e.preventDefault();
      dismiss();
    } else if (e.key === 'Tab' && modal) {
      // Keep focus inside the modal dialog.
      const f = panel.querySelectorAll('button:not([tabindex="-1"]),textarea,input,a[href]');
      const vis = [];
      for (let i = 0; i < f.length; i++) if (f[i].offsetParent !== null) vis[vis.length] = f[i];
      const first = vis[0];
      const last = vis[vis.length - 1];
      const active = opts.root.activeElement;
      if (e.shiftKey && active === first) { last.focus(); e.preventDefault(); }
      else if (!e.shiftKey && active === last) { first.focus(); e.preventDefault(); }
    }
  }

  // Closing: before a score it is a dismissal; after a score, whatever was
  // entered so far is still sent (the answer is never thrown away).
  function dismiss() {
    if (closed) return;
    if (step === 'reason' || step === 'busy') {
      finish(values(), true).then(remove);
      return;
    }
    if (step === 'scale') opts.onDismiss();
    remove();
  }

  function remove() {
    if (closed) return;
    closed = true;
    clearTimeout(timer);
    clearTimeout(said);
    removeEventListener('keydown', onPageKey);
    shell.remove();
    opts.onClose();
    if ((modal || opts.launched || opts.focus) && before && before.focus && before.isConnected) before.focus();
  }

  const takeFocus = modal || opts.launched || opts.focus;
  if (takeFocus) radios[0].focus();
  const said = takeFocus || inline ? 0 : setTimeout(() => (news.textContent = t.question), 150);

  // Escape with focus elsewhere on the page: dismisses a floating survey unless
  // the page handled the key itself (defaultPrevented) or the visitor is typing.
  function onPageKey(e) {
    if (e.key !== 'Escape' || e.defaultPrevented || inline || closed) return;
    const a = document.activeElement;
    if (a && (a.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(a.tagName) || a.closest('dialog[open]'))) return;
    if (a && a.shadowRoot === opts.root) return; // inside the survey: its own handler ran
    dismiss();
  }
  if (!inline) addEventListener('keydown', onPageKey);

  return {
    // Called on pagehide mid-answer: keep the score (and any text) as a response.
    pending: () => (step === 'reason' || step === 'busy' ? values() : null),
    close: remove,
    panel,
  };
}

export function launcherButton(root, t, position, onOpen) {
  const b = h('button', { type: 'button', class: 'ln ' + position, 'aria-haspopup': 'dialog', text: t.launcher, click: onOpen });
  root.appendChild(b);
  return b;
}
