// <npskit-survey survey="id">: the in-app / inline placement. The element owns
// its shadow root from the moment it upgrades and reserves its height there, so
// the survey appearing later does not shift the page's layout.
import { safe } from './env.js';

export const roots = new WeakMap();

export function defineElement(ctx) {
  if (!window.customElements || customElements.get('npskit-survey')) return;
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(':host{all:initial!important;display:block!important;height:var(--npskit-inline-height,280px)!important;contain:layout}');
  class NpskitSurvey extends HTMLElement {
    connectedCallback() {
      safe(() => {
        if (!roots.has(this)) {
          const root = this.attachShadow({ mode: 'open' });
          root.adoptedStyleSheets = [sheet];
          roots.set(this, root);
        }
        const id = this.getAttribute('survey');
        if (ctx.surveys[id]) ctx.mount(this);
      })();
    }
  }
  customElements.define('npskit-survey', NpskitSurvey);
}
