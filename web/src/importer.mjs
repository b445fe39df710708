// Every way data comes in: drag and drop, file picker, paste (dialog or
// Ctrl+V on the page), ?src= URLs on the same origin, and the bundled sample.
// Each produces [{ name, data: Blob }] for the worker; nothing is read here.
import { sampleGzipBase64 } from 'npskit:embedded';

export function wire({ onFiles, onError }) {
  const input = document.getElementById('file-input');
  const pick = () => input.click();
  document.getElementById('btn-open').addEventListener('click', pick);
  const zone = document.getElementById('dropzone');
  zone.addEventListener('click', pick);
  zone.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
  input.addEventListener('change', () => {
    if (input.files.length) onFiles([...input.files].map((f) => ({ name: f.name, data: f })));
    input.value = '';
  });

  // "Add files…": merge more files into what is loaded (the core dedupes by id).
  const add = document.getElementById('add-input');
  document.getElementById('btn-add').addEventListener('click', () => add.click());
  add.addEventListener('change', () => {
    if (add.files.length) onFiles([...add.files].map((f) => ({ name: f.name, data: f })), { append: true });
    add.value = '';
  });

  // Drag and drop anywhere on the page.
  let depth = 0;
  document.addEventListener('dragenter', (e) => { if (hasFiles(e)) { depth++; document.body.classList.add('dragging'); } });
  document.addEventListener('dragleave', () => { if (--depth <= 0) { depth = 0; document.body.classList.remove('dragging'); } });
  document.addEventListener('dragover', (e) => { if (hasFiles(e)) e.preventDefault(); });
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    depth = 0;
    document.body.classList.remove('dragging');
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length) onFiles(files.map((f) => ({ name: f.name, data: f })));
  });

  // Paste: a dialog for typing/pasting, and Ctrl+V anywhere outside a field.
  const dialog = document.getElementById('paste-dialog');
  const text = document.getElementById('paste-text');
  document.getElementById('btn-paste').addEventListener('click', () => { text.value = ''; dialog.showModal(); text.focus(); });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'ok' && text.value.trim()) onFiles([{ name: 'pasted.csv', data: new Blob([text.value], { type: 'text/plain' }) }]);
  });
  document.addEventListener('paste', (e) => {
    if (e.target.closest?.('input, textarea, select, dialog')) return;
    const files = [...(e.clipboardData?.files ?? [])];
    if (files.length) { e.preventDefault(); onFiles(files.map((f) => ({ name: f.name, data: f }))); return; }
    const t = e.clipboardData?.getData('text/plain');
    if (t && t.includes('\n')) { e.preventDefault(); onFiles([{ name: 'pasted.csv', data: new Blob([t]) }]); }
  });

  document.getElementById('btn-sample').addEventListener('click', () => loadSample().then(onFiles, onError));
}

function hasFiles(e) { return [...(e.dataTransfer?.types ?? [])].includes('Files'); }

/** ?src=a.csv&src=b.ndjson: files on the same static host (relative to this page). */
export async function fromQuery(search = location.search) {
  const srcs = new URLSearchParams(search).getAll('src');
  if (!srcs.length) return null;
  return Promise.all(srcs.map(async (src) => {
    const url = new URL(src, location.href);
    // Same origin only: the dashboard promises no request leaves the page's origin.
    if (url.origin !== location.origin || !/^https?:$/.test(url.protocol)) throw new Error(`?src= must be a file on this host: ${src}`);
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(`Could not load ${src}: HTTP ${res.status}`);
    return { name: decodeURIComponent(url.pathname.split('/').pop() || 'data'), data: await res.blob() };
  }));
}

/** The bundled sample: inlined (gzip, base64) in the single file, a file next to the page otherwise. */
export async function loadSample() {
  if (sampleGzipBase64) {
    const bytes = Uint8Array.from(atob(sampleGzipBase64), (c) => c.charCodeAt(0));
    const data = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).blob();
    return [{ name: 'sample-responses.csv', data }];
  }
  const res = await fetch(new URL('sample/responses.csv', location.href));
  if (!res.ok) throw new Error('The sample data is missing from this build.');
  return [{ name: 'sample-responses.csv', data: await res.blob() }];
}
