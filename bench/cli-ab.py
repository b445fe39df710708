#!/usr/bin/env python3
"""Before/after of the native CLI's full report: two builds of `npskit` analyse the
same file in turn (A B A B ..., so a busy shared machine slows both alike); prints
the medians of each one's CPU time (user + system of the child, from getrusage:
microseconds, where /usr/bin/time rounds to 10 ms), MB/s, and the median of the
pair-by-pair ratios B/A. Only the standard library.

  python3 bench/cli-ab.py BASELINE_CLI NEW_CLI [FILE (bench/data/1000000.csv)] [RUNS (9)]
"""
import os
import resource
import statistics
import subprocess
import sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
base, new = sys.argv[1], sys.argv[2]
path = sys.argv[3] if len(sys.argv) > 3 else 'bench/data/1000000.csv'
runs = int(sys.argv[4]) if len(sys.argv) > 4 else 9


def cpu_seconds(cli):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([cli, 'analyze', path], stdout=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


a, b = [], []
for _ in range(runs):
    a.append(cpu_seconds(base))
    b.append(cpu_seconds(new))
mb = os.path.getsize(path) / 1e6
ma, mb_ = statistics.median(a), statistics.median(b)
ratio = statistics.median(y / x for x, y in zip(a, b))
print(f'{path} ({mb:.1f} MB), {runs} interleaved runs, CPU time')
print(f'A {base}: median {ma * 1e3:.1f} ms ({mb / ma:.0f} MB/s)')
print(f'B {new}: median {mb_ * 1e3:.1f} ms ({mb / mb_:.0f} MB/s)')
print(f'B/A ratio, median of pairs: {ratio:.3f}')
