// Builds one C++ benchmark of bench/CMakeLists.txt in the native build tree
// (build/native, configured like scripts/build-native.sh) and returns the path of
// its executable. The benchmarks are CMake targets, not hand-written compile
// lines: they build with the core's own flags and sources.
import { execFileSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function buildBenchTarget(target) {
  const build = join(ROOT, 'build/native');
  console.error(`building ${target} (cmake --build build/native --target ${target}) ...`);
  execFileSync('cmake', ['-S', ROOT, '-B', build, '-DCMAKE_BUILD_TYPE=Release'], { stdio: ['ignore', 'ignore', 'inherit'] });
  execFileSync('cmake', ['--build', build, '--target', target, '-j', process.env.NPSKIT_JOBS ?? '2'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return join(build, 'bench', target);
}
