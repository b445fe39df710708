// The sheet picker: shown beside the file buttons when a loaded workbook has
// several sheets. The core picks the sheet that holds the scores and names the
// others (report source.sheet / source.sheets); choosing another sheet re-opens
// the file with the `sheet` option. Props in (info), one callback out (reopen).
import { h, options } from './dom.mjs';

let root = null;

/** info: session.info(); reopen(choice): re-opens the loaded files with { sheet }. */
export function showSheetPicker(info, reopen) {
  const workbook = (info?.files ?? []).map((f) => f.source).find((s) => s?.format === 'xlsx' && s.sheets?.length > 1);
  if (!root) {
    root = h('span', { class: 'sheet-picker', hidden: true });
    document.getElementById('btn-add').after(root);
  }
  root.replaceChildren();
  root.hidden = !workbook;
  if (!workbook) return;
  const select = h('select', { id: 'sheet-pick', 'aria-describedby': 'sheet-pick-note', onchange: (e) => reopen({ sheet: e.target.value }) },
    options(workbook.sheets.map((s) => [s, s]), workbook.sheet));
  root.append(
    h('label', { for: 'sheet-pick' }, 'Sheet '), select,
    h('span', { id: 'sheet-pick-note', class: 'sr-only' }, `This workbook has ${workbook.sheets.length} sheets; "${workbook.sheet}" is shown.`));
}
