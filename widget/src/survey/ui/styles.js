// The widget's only CSS, adopted by its shadow roots as a constructable
// stylesheet (no <style>, no style attributes: fine under style-src 'self').
// `:host{all:initial!important}` resets whatever the page's CSS inherits or
// forces onto the host element; !important in :host beats the page's rules.
// Sizes are in px on purpose: the page's root font-size must not rescale us.
const CSS = `
*,*::before,*::after{box-sizing:border-box}
.p{--b:var(--npskit-brand,#4f46e5);--bt:var(--npskit-brand-text,#fff);--r:var(--npskit-radius,12px);
 --bg:#fff;--fg:#111827;--mu:#4b5563;--bd:#9ca3af;--sf:#f3f4f6;
 font:15px/1.45 var(--npskit-font,system-ui,sans-serif);color:var(--fg);background:var(--bg);
 border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.22),0 0 0 1px rgba(0,0,0,.08);
 padding:20px;width:min(560px,calc(100vw - 16px));max-height:calc(100vh - 16px);overflow:auto;
 position:fixed;z-index:2147483000;container-type:inline-size;animation:in .18s ease-out;text-align:start}
.dark{--bg:#1f2937;--fg:#f9fafb;--mu:#d1d5db;--bd:#9ca3af;--sf:#374151}
@media (prefers-color-scheme:dark){.auto{--bg:#1f2937;--fg:#f9fafb;--mu:#d1d5db;--bd:#9ca3af;--sf:#374151}}
.bottom-right{bottom:16px;right:16px}.bottom-left{bottom:16px;left:16px}
.top-right{top:16px;right:16px}.top-left{top:16px;left:16px}
.launched.bottom-right,.launched.bottom-left{bottom:76px}.launched.top-right,.launched.top-left{top:76px}
.ov{position:fixed;inset:0;z-index:2147482999;background:rgba(17,24,39,.55);display:grid;place-items:center;padding:8px}
.ov .p{position:relative}
.il{position:relative;width:100%;height:100%;box-shadow:0 0 0 1px var(--bd);animation:none}
@media (max-width:420px){.p{padding:14px 12px}.bottom-right,.bottom-left{bottom:8px;left:8px;right:8px;width:auto}
 .top-right,.top-left{top:8px;left:8px;right:8px;width:auto}}
@keyframes in{from{opacity:0;transform:translateY(8px)}}
@media (prefers-reduced-motion:reduce){.p{animation:none}}
fieldset{border:0;margin:0;padding:0;min-width:0}
legend,.lb{display:block;font-weight:600;font-size:16px;margin:0 40px 12px 0;padding:0;float:none}
[dir=rtl] legend,[dir=rtl] .lb{margin:0 0 12px 40px}
.sc{display:grid;grid-template-columns:repeat(11,minmax(0,1fr));gap:3px}
@container (max-width:480px){.sc{grid-template-columns:repeat(6,minmax(0,1fr));gap:3px}}
button,a.bn,input,textarea{font:inherit;color:inherit;margin:0}
.sc button{min-height:44px;min-width:0;border:1px solid var(--bd);border-radius:calc(var(--r) / 2);background:var(--sf);
 color:var(--fg);font-weight:600;cursor:pointer;padding:0}
.sc button:hover{border-color:var(--fg)}
.sc [aria-checked=true]{background:var(--b);color:var(--bt);border-color:var(--b)}
.en{display:flex;justify-content:space-between;gap:12px;font-size:13px;color:var(--mu);margin-top:8px}
:focus-visible{outline:3px solid var(--fg);outline-offset:2px}
.x{position:absolute;top:6px;inset-inline-end:6px;width:44px;height:44px;border:0;background:transparent;
 color:var(--mu);font-size:24px;line-height:1;border-radius:50%;cursor:pointer}
.x:hover{color:var(--fg);background:var(--sf)}
textarea,input[type=email]{display:block;width:100%;border:1px solid var(--bd);border-radius:calc(var(--r) / 2);
 background:var(--bg);padding:10px;min-height:44px}
textarea{min-height:88px;resize:vertical}
.ck{display:flex;align-items:center;gap:10px;min-height:44px;margin-top:8px;cursor:pointer}
.ck input{width:20px;height:20px;accent-color:var(--b)}
.fl{display:block;margin:8px 0 4px;font-size:14px}
.ac{display:flex;gap:8px;justify-content:flex-end;margin-top:12px;flex-wrap:wrap}
.bn{display:inline-flex;align-items:center;justify-content:center;min-height:44px;min-width:44px;padding:0 18px;
 border-radius:calc(var(--r) / 2);border:1px solid var(--b);background:var(--b);color:var(--bt);font-weight:600;
 cursor:pointer;text-decoration:none}
.bn.sec{background:transparent;color:var(--fg);border-color:var(--bd)}
.st{margin:0;min-height:0}
.sr{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
.st:empty{display:none}
.ty{font-size:17px;font-weight:600;margin:4px 40px 8px 0}
.er{color:#b91c1c}.dark .er{color:#fca5a5}
@media (prefers-color-scheme:dark){.auto .er{color:#fca5a5}}
.cd{font:600 18px/1.4 ui-monospace,monospace;letter-spacing:.06em;padding:8px 12px;border:1px dashed var(--bd);
 border-radius:calc(var(--r) / 2);display:inline-block;user-select:all}
.ln{position:fixed;z-index:2147483000;min-height:44px;padding:0 18px;border:0;border-radius:22px;background:var(--b,#4f46e5);
 color:var(--bt,#fff);font:600 15px/1 var(--npskit-font,system-ui,sans-serif);box-shadow:0 6px 20px rgba(0,0,0,.25);cursor:pointer;
 --b:var(--npskit-brand,#4f46e5);--bt:var(--npskit-brand-text,#fff)}
.ln:focus-visible{outline:3px solid #111827;outline-offset:3px;box-shadow:0 0 0 6px #fff}
`;

let sheet;
let float;
// Floating placements: the host is a transparent, click-through layer over the
// viewport (a popover in the top layer where supported; these rules also undo
// the browser's own popover box), and only the survey itself takes pointer events.
export function floatSheet() {
  if (!float) {
    float = new CSSStyleSheet();
    float.replaceSync(':host{all:initial!important;display:block!important;position:fixed!important;inset:0!important;' +
      'width:auto!important;height:auto!important;margin:0!important;padding:0!important;border:0!important;background:transparent!important;' +
      'overflow:visible!important;pointer-events:none!important;z-index:2147483647!important}.p,.ov,.ln{pointer-events:auto}');
  }
  return float;
}

export function baseSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

// Per-survey theme as custom properties on :host, set through the CSSOM (never
// parsed from config text). A page can still override them on the host element.
export function themeSheet(theme) {
  const s = new CSSStyleSheet();
  s.replaceSync(':host{}');
  const st = s.cssRules[0].style;
  st.setProperty('--npskit-brand', theme.brand);
  st.setProperty('--npskit-brand-text', theme.brandText);
  st.setProperty('--npskit-font', theme.font);
  st.setProperty('--npskit-radius', theme.radius + 'px');
  return s;
}
