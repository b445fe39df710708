# UNTESTED: no Spark on the machine this project is tested on. The same pattern as
# nps_dask.py (which is tested) for Spark's mapPartitions; review before use.
#
# Each partition of the export is written to a local CSV on the executor, turned
# into a partial by `npskit tally --comments` (the npskit binary must be on every
# executor, e.g. shipped with --files), and the partials are added up on the
# driver by `npskit merge`, then reported once by `npskit analyze`.
#
#   spark-submit --files build/native/bin/npskit spark_mappartitions_UNTESTED.py \
#       s3://bucket/export/*.csv month,Country,Plan "Score" "Submitted" "Reason"
import csv
import io
import os
import subprocess
import sys
import tempfile

from pyspark import SparkFiles
from pyspark.sql import SparkSession

export, by, score, date, comment = sys.argv[1:6]
spark = SparkSession.builder.appName("npskit-partials").getOrCreate()
# Read every column as text: npskit reads the cells itself (scores, dates, comments).
df = spark.read.option("header", True).option("multiLine", True).option("escape", '"').csv(export)
header = df.columns


def to_partial(rows):
    npskit = SparkFiles.get("npskit")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "part.csv")
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            count = 0
            for row in rows:
                w.writerow(["" if v is None else v for v in row])
                count += 1
        if count == 0:
            return
        r = subprocess.run([npskit, "tally", path, "--by", by, "--score", score, "--date", date,
                            "--comment", comment, "--comments"], capture_output=True, text=True)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        yield r.stdout


partials = df.rdd.mapPartitions(to_partial).collect()  # small: counts, not rows
with tempfile.TemporaryDirectory() as tmp:
    names = []
    for i, text in enumerate(partials):
        names.append(os.path.join(tmp, f"partial-{i}.json"))
        with open(names[-1], "w", encoding="utf-8") as f:
            f.write(text)
    merged = subprocess.run(["npskit", "merge", *names], capture_output=True, text=True, check=True).stdout
    merged_path = os.path.join(tmp, "merged.json")
    with open(merged_path, "w", encoding="utf-8") as f:
        f.write(merged)
    print(subprocess.run(["npskit", "analyze", merged_path], capture_output=True, text=True, check=True).stdout)
