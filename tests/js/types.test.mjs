// js/index.d.ts: a small TypeScript program using the API type-checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, rmSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsc = join(root, 'node_modules/typescript/bin/tsc');
const skip = !existsSync(join(root, 'js/index.d.ts')) ? 'no js/index.d.ts' : !existsSync(tsc) ? 'typescript not installed' : false;

// A throwaway consumer project: node_modules/npskit links to this repository, so
// the import resolves through package.json "exports" -> "types" as it would for a user.
function project() {
  const dir = mkdtempSync(join(tmpdir(), 'npskit-types-'));
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(root, join(dir, 'node_modules', 'npskit'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{"type": "module"}');
  return dir;
}

const program = `
import { analyze, inspect, openSession, NpskitError, type Report, type Options } from 'npskit';
async function main(): Promise<number> {
  const options: Options = { period: 'week', confidence: 0.9, segments: ['Country'], utcOffset: '+05:30',
    filters: { from: '2024-01-01', where: [{ column: 'Country', op: 'eq', value: 'DE' }] },
    onProgress: ({ bytes }) => void bytes, signal: new AbortController().signal };
  const report: Report = await analyze(new Uint8Array([57]), options);
  const nps: number = report.overall.nps ?? 0;  // null when no answers
  const first: string | undefined = report.trend.points[0]?.period;
  const ins = await inspect('Score\\n9\\n', { records: 3 });
  const role: string = ins.columns[0].role;
  const session = await openSession([{ name: 'a.csv', data: 'Score\\n9\\n' }]);
  const rows = session.rows({ category: 'promoter', search: 'x', limit: 5 });
  session.close();
  try { await analyze(''); } catch (e) { if (e instanceof NpskitError) return 2; }
  return nps + rows.total + (first ? 1 : 0) + role.length;
}
void main;
`;

test('index.d.ts type-checks a program using the API', { skip }, () => {
  const dir = project();
  try {
    const file = join(dir, 'use.ts');
    writeFileSync(file, program);
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', file],
    { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a type error is caught (the check is not vacuous)', { skip }, () => {
  const dir = project();
  try {
    const file = join(dir, 'bad.ts');
    writeFileSync(file, `import { analyze } from 'npskit';\nconst p: 'year' = 'year';\nanalyze('x', { period: p });\n`);
    const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext',
      '--moduleResolution', 'nodenext', '--lib', 'es2022,dom', file], { encoding: 'utf8' });
    assert.notEqual(r.status, 0);
    assert.match(r.stdout, /period|Period/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
