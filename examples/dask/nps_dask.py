#!/usr/bin/python3
"""NPS with comment analytics on a Dask cluster: map npskit over the parts of an
export, add the partials up on the client, report once (docs/scale.md).

    /usr/bin/python3 examples/dask/nps_dask.py EXPORT.csv --by month,Country,Plan \
        --score "Score" --date "Submitted" --comment "Reason" --workers 4 --parts 8

Each part goes through `npskit tally --comments` on a worker and yields a partial:
tallies (11 score counts per period and segment value) plus theme, sentiment and
keyphrase counts. Partials add up (`npskit merge`), keyphrases are ranked only after
the merge, so the report equals `npskit analyze --comments` on the whole file.

EXPORT may be one CSV (split here into --parts files, quote-aware) or a folder of
CSV parts with the same header (as warehouses export them). Name the columns:
each part is read on its own, and detection on a small part could pick other
columns than on the whole file. Start a real cluster with --scheduler ADDRESS
(every worker needs the npskit binary at --npskit). Run it with Debian's
/usr/bin/python3 (python3-dask, python3-distributed).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile

from dask.distributed import Client, LocalCluster

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_NPSKIT = os.path.join(ROOT, "build", "native", "bin", "npskit")


def split_export(path, parts, out_dir):
    """Splits one CSV into `parts` CSV files with its header, reading records with
    the csv module (quoted line breaks stay inside their record). Rows are dealt
    round-robin: every figure npskit makes from partials is order-free."""
    csv.field_size_limit(1 << 20)
    with open(path, newline="", encoding="utf-8-sig") as f:
        reader = csv.reader(f)
        header = next(reader)
        files = [open(os.path.join(out_dir, f"part-{i:04d}.csv"), "w", newline="", encoding="utf-8") for i in range(parts)]
        writers = [csv.writer(x) for x in files]
        for w in writers:
            w.writerow(header)
        for i, row in enumerate(reader):
            writers[i % parts].writerow(row)
        for x in files:
            x.close()
    return sorted(os.path.join(out_dir, n) for n in os.listdir(out_dir) if n.startswith("part-"))


def tally_part(npskit, path, args):
    """On a worker: one part -> its partial (JSON text)."""
    result = subprocess.run([npskit, "tally", path, "--comments", *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(f"npskit tally {path}: {result.stderr.strip()}")
    return result.stdout


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("export")
    p.add_argument("--by", required=True, help="period and segment columns, e.g. month,Country,Plan")
    for role in ("score", "date", "comment"):
        p.add_argument(f"--{role}")
    p.add_argument("--themes", help="your themes JSON (docs/comments.md), the same for every part")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--parts", type=int, default=0, help="parts to split one CSV into (default: 2 per worker)")
    p.add_argument("--scheduler", help="address of an existing Dask scheduler (default: a local cluster)")
    p.add_argument("--npskit", default=DEFAULT_NPSKIT)
    p.add_argument("--partial-out", help="also write the merged partial here")
    a = p.parse_args()

    tally_args = ["--by", a.by]
    for role in ("score", "date", "comment"):
        if getattr(a, role):
            tally_args += [f"--{role}", getattr(a, role)]
    if a.themes:
        tally_args += ["--themes", a.themes]

    with tempfile.TemporaryDirectory(prefix="npskit-dask-") as tmp:
        if os.path.isdir(a.export):
            parts = sorted(os.path.join(a.export, n) for n in os.listdir(a.export) if n.endswith(".csv"))
        else:
            parts = split_export(a.export, a.parts or 2 * a.workers, tmp)
        if a.scheduler:
            client = Client(a.scheduler)
            cluster = None
        else:
            # Worker processes (not threads): npskit runs as a subprocess anyway, and
            # this is the shape of a real cluster. Loopback only, no dashboard.
            cluster = LocalCluster(n_workers=a.workers, threads_per_worker=1, processes=True,
                                   host="127.0.0.1", dashboard_address=None)
            client = Client(cluster)
        try:
            futures = client.map(tally_part, [a.npskit] * len(parts), parts, [tally_args] * len(parts))
            partials = client.gather(futures)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

        # The reduce step on the client: add the partials, then report once.
        names = []
        for i, text in enumerate(partials):
            name = os.path.join(tmp, f"partial-{i:04d}.json")
            with open(name, "w", encoding="utf-8") as f:
                f.write(text)
            names.append(name)
        themes = ["--themes", a.themes] if a.themes else []
        merged = subprocess.run([a.npskit, "merge", *names, *themes], capture_output=True, text=True)
        if merged.returncode != 0:
            sys.exit(f"npskit merge: {merged.stderr.strip()}")
        merged_path = a.partial_out or os.path.join(tmp, "merged.json")
        with open(merged_path, "w", encoding="utf-8") as f:
            f.write(merged.stdout)
        period = a.by.split(",")[0]
        period_args = ["--period", period] if period in ("day", "week", "month", "quarter") else []
        report = subprocess.run([a.npskit, "analyze", merged_path, *period_args, *themes, "--compact"],
                                capture_output=True, text=True)
        if report.returncode != 0:
            sys.exit(f"npskit analyze: {report.stderr.strip()}")
        json.loads(report.stdout)  # a report, or fail here
        sys.stdout.write(report.stdout)
        print(f"dask: {len(parts)} parts on {a.workers if not a.scheduler else 'the cluster'} workers", file=sys.stderr)


if __name__ == "__main__":
    main()
