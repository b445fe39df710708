// Every page of docs/api/ (one per public call) is true: it has the sections of
// the house style (parameters, result, errors, complexity, example), and its
// example, run against the built JS API (js/index.mjs, dist/core), prints
// exactly the output the page shows. `import ... from 'npskit'` in an example
// is the package itself, resolved to this checkout's js/index.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'docs/api');
const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
const api = pathToFileURL(path.join(root, 'js/index.mjs')).href;
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'npskit-docs-'));

// The one ```js block under "## Example" and the ```text block after "Output:".
export function exampleOf(text) {
  const section = text.split(/^## Example$/m)[1];
  if (!section) return null;
  const code = /```js\n([\s\S]*?)\n```/.exec(section);
  const output = /Output:\n\n```text\n([\s\S]*?)\n```/.exec(section);
  return code && output ? { code: code[1], output: output[1] } : null;
}

test('docs/api has a page per public call, each listed in its index', () => {
  const index = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
  const declared = fs.readFileSync(path.join(root, 'js/index.d.ts'), 'utf8');
  const calls = [...declared.matchAll(/^export function (\w+)/gm)].map((m) => m[1]);
  const methods = /export interface Session \{([\s\S]*?)\n\}/.exec(declared)[1];
  for (const m of methods.matchAll(/^\s+(\w+)\(/gm)) calls.push('session-' + m[1]);
  for (const call of calls) {
    assert.ok(pages.includes(call + '.md'), `docs/api/${call}.md documents ${call}`);
    assert.ok(index.includes(`(${call}.md)`), `docs/api/README.md links ${call}.md`);
  }
  assert.equal(pages.length, calls.length, `pages ${pages} for calls ${calls}`);
});

for (const page of pages) {
  test(`docs/api/${page}: the sections of a reference page, and an example that prints what it shows`, () => {
    const text = fs.readFileSync(path.join(dir, page), 'utf8');
    for (const section of ['Parameters', 'Result', 'Errors', 'Complexity', 'Example'])
      assert.match(text, new RegExp(`^## ${section}$`, 'm'), `${page} has "## ${section}"`);
    const example = exampleOf(text);
    assert.ok(example, `${page}: a \`\`\`js example followed by "Output:" and a \`\`\`text block`);
    assert.match(example.code, /from 'npskit'/, `${page}: the example imports the package as a user would`);
    const file = path.join(work, page.replace(/\.md$/, '.mjs'));
    fs.writeFileSync(file, example.code.split("from 'npskit'").join(`from '${api}'`));
    const printed = execFileSync(process.execPath, [file], { cwd: root, encoding: 'utf8' });
    assert.equal(printed.trimEnd(), example.output.trimEnd(), `${page}: the example's output`);
  });
}
