#!/bin/sh
# Crawl time for 10,000 small files: the first crawl (every file read) and a re-crawl of
# the unchanged folder (only the catalog's records and a stat per file).
#   Benchmarks/crawl_bench.sh [TARN] [FILES]     (default .build/release/tarn, 10000)
set -eu
TARN=${1:-.build/release/tarn}
FILES=${2:-10000}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tarn-crawl-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
# 20 tables x 50 day=N partitions x N/1000 files each: a few lines of CSV per file.
python3 - "$WORK/lake" "$FILES" <<'PY'
import os, sys
root, total = sys.argv[1], int(sys.argv[2])
tables, partitions = 20, 50
per = max(1, total // (tables * partitions))
n = 0
for t in range(tables):
    for p in range(partitions):
        folder = os.path.join(root, f"table{t:02d}", f"day={p + 1}")
        os.makedirs(folder, exist_ok=True)
        for f in range(per):
            with open(os.path.join(folder, f"part-{f}.csv"), "w") as out:
                out.write("id,amount,name,ts\n")
                for r in range(5):
                    out.write(f"{n * 5 + r},{r}.25,name {r},2024-11-{p % 28 + 1:02d}T10:00:00Z\n")
            n += 1
print(f"{n} files under {root}", file=sys.stderr)
PY
seconds() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
run() {
    start=$(seconds)
    "$TARN" crawl "$WORK/lake" --database bench --catalog "$WORK/catalog.sqlite" --json > "$WORK/report.json"
    end=$(seconds)
    python3 - "$1" "$start" "$end" "$WORK/report.json" <<'PY'
import json, sys
label, start, end, path = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
report = json.load(open(path))
print(f"crawl {label:<10} {float(end) - float(start):7.2f} s wall  "
      f"({report['FilesFound']} files, {report['FilesRead']} read, {report['FilesUnchanged']} unchanged, "
      f"{len(report['Tables'])} tables; crawler {report['Seconds']:.2f} s)")
PY
}
run first
run re-crawl
run re-crawl
