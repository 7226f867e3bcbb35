#!/usr/bin/env python3
"""Writer benchmark: the same in-memory table written by Tarn and by pyarrow.

    python Benchmarks/writer_bench.py --tarn-bench .build/release/tarn-bench [--rows N] [--runs R]

1. Builds a deterministic trips-like table in pyarrow (ints, timestamps, dates, doubles,
   low- and high-cardinality strings, UUID text, booleans, a decimal, nulls).
2. Dumps its Arrow buffers to a folder; `tarn-bench` loads them into a ColumnBatch (not
   timed) and times ParquetWriter on it, in its own process.
3. Times `pyarrow.parquet.write_table` on the same table, in this process.
Both use each tool's default encodings, with snappy and with zstd. The figure is the
in-memory size of the table (Arrow buffers, `table.nbytes`) divided by the median wall
time of the write. Tarn's output is read back with pyarrow and compared with the table.
"""

import argparse
import datetime
import decimal
import json
import shutil
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time

import pyarrow as pa
import pyarrow.parquet as pq

ZONES = [f"{a} {b}" for a in ["North", "South", "East", "West", "Upper", "Lower", "Old", "New", "Port", "Lake",
                               "Hill", "Park", "Mill", "Bridge", "Market"]
         for b in ["Harbor", "Heights", "Village", "Square", "Gardens", "Point", "Commons", "Row", "Yard", "Flats",
                   "Green", "Cross", "Landing", "Terrace", "Quay", "Field", "Gate", "End", "Side", "Court"]]
PAYMENTS = ["card", "cash", "no charge", "dispute", "unknown", "voided"]
WORDS = "the quick brown fox jumps over lazy dog rain late airport luggage friendly driver music window".split()


def make_table(rows, seed):
    rnd = random.Random(seed)
    base = datetime.datetime(2024, 1, 1)
    pickup, dropoff, dates = [], [], []
    for i in range(rows):
        t = base + datetime.timedelta(seconds=i * 3 + rnd.randrange(0, 600), microseconds=rnd.randrange(0, 1000000))
        pickup.append(t)
        dropoff.append(t + datetime.timedelta(seconds=rnd.randrange(60, 3600)))
        dates.append(t.date())
    def maybe(p, value):
        return None if rnd.random() < p else value
    columns = {
        "vendor_id": pa.array([rnd.randrange(1, 7) for _ in range(rows)], pa.int64()),
        "pickup_at": pa.array(pickup, pa.timestamp("us")),
        "dropoff_at": pa.array(dropoff, pa.timestamp("us")),
        "pickup_date": pa.array(dates, pa.date32()),
        "passenger_count": pa.array([maybe(0.02, rnd.randrange(1, 7)) for _ in range(rows)], pa.int64()),
        "trip_distance": pa.array([round(rnd.expovariate(0.3), 2) for _ in range(rows)], pa.float64()),
        "fare": pa.array([round(2.5 + rnd.random() * 80, 2) for _ in range(rows)], pa.float64()),
        "tip": pa.array([maybe(0.3, round(rnd.random() * 15, 2)) for _ in range(rows)], pa.float64()),
        "payment_type": pa.array([rnd.choice(PAYMENTS) for _ in range(rows)], pa.string()),
        "store_and_forward": pa.array([rnd.random() < 0.05 for _ in range(rows)], pa.bool_()),
        "pickup_zone": pa.array([rnd.choice(ZONES) for _ in range(rows)], pa.string()),
        "note": pa.array([maybe(0.35, " ".join(rnd.choice(WORDS) for _ in range(rnd.randrange(1, 8))))
                          for _ in range(rows)], pa.string()),
        "trip_id": pa.array([f"{rnd.getrandbits(32):08x}-{rnd.getrandbits(16):04x}-4{rnd.getrandbits(12):03x}-"
                             f"a{rnd.getrandbits(12):03x}-{rnd.getrandbits(48):012x}" for _ in range(rows)], pa.string()),
        "total": pa.array([decimal.Decimal(rnd.randrange(250, 20000)) / 100 for _ in range(rows)], pa.decimal128(10, 2)),
    }
    return pa.table(columns)


TARN_TYPES = {
    "int64": "int64", "timestamp[us]": "timestamp[us]", "date32[day]": "date", "double": "float64",
    "string": "string", "bool": "boolean", "decimal128(10, 2)": "decimal(10,2)",
}


def dump(table, folder):
    """Writes each column's Arrow buffers as raw files plus a manifest for tarn-bench."""
    manifest = {"rows": table.num_rows, "columns": []}
    for i, name in enumerate(table.column_names):
        array = table.column(i).combine_chunks()
        assert array.offset == 0
        entry = {"name": name, "type": TARN_TYPES[str(array.type)], "nulls": array.null_count}
        buffers = array.buffers()
        kinds = ["validity", "offsets", "data"] if pa.types.is_string(array.type) else ["validity", "data"]
        for kind, buffer in zip(kinds, buffers):
            if buffer is None or (kind == "validity" and array.null_count == 0):
                continue
            path = os.path.join(folder, f"{i}.{kind}")
            with open(path, "wb") as f:
                f.write(buffer.to_pybytes())
            entry[kind] = path
        manifest["columns"].append(entry)
    with open(os.path.join(folder, "manifest.json"), "w") as f:
        json.dump(manifest, f)


def time_pyarrow(table, path, codec, runs):
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        pq.write_table(table, path, compression=codec)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), os.path.getsize(path)


def run_tarn(binary, folder, path, codec, runs, repeat=1):
    out = subprocess.run([binary, "--data", folder, "--compression", codec, "--runs", str(runs), "--out", path,
                          "--repeat", str(repeat)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def time_tarn(binary, folder, path, codec, runs):
    report = run_tarn(binary, folder, path, codec, runs)
    return statistics.median(report["seconds"]), os.path.getsize(path)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tarn-bench", required=True)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="tarn-writer-bench-")
    print(f"building a {args.rows:,}-row table (seed {args.seed}) ...", file=sys.stderr)
    table = make_table(args.rows, args.seed)
    dump(table, work)
    megabytes = table.nbytes / 1e6
    print(f"table: {args.rows:,} rows, {table.num_columns} columns, {megabytes:.1f} MB in memory; "
          f"pyarrow {pa.__version__}; {os.cpu_count()} cores; median of {args.runs} runs\n")
    print("| codec | writer | seconds | MB/s | file MB | Tarn/pyarrow speed | Tarn/pyarrow size |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for codec in ["snappy", "zstd"]:
        tarn_path = os.path.join(work, f"tarn-{codec}.parquet")
        arrow_path = os.path.join(work, f"pyarrow-{codec}.parquet")
        tarn_s, tarn_size = time_tarn(args.tarn_bench, work, tarn_path, codec, args.runs)
        arrow_s, arrow_size = time_pyarrow(table, arrow_path, codec, args.runs)
        back = pq.read_table(tarn_path)
        if not back.equals(table):
            for name in table.column_names:
                if not back.column(name).equals(table.column(name)):
                    print(f"MISMATCH in column {name}: tarn wrote {back.column(name).type}", file=sys.stderr)
            sys.exit(f"Tarn's {codec} file does not read back equal to the table")
        print(f"| {codec} | tarn | {tarn_s:.3f} | {megabytes / tarn_s:.0f} | {tarn_size / 1e6:.2f} | "
              f"{arrow_s / tarn_s:.2f}x | {tarn_size / arrow_size:.3f} |")
        print(f"| {codec} | pyarrow | {arrow_s:.3f} | {megabytes / arrow_s:.0f} | {arrow_size / 1e6:.2f} | | |")

    # Memory stays bounded by the row group: the table written once, then ten times into
    # one file (10x the rows), should peak at about the same resident size.
    print("\n| copies of the table in one file | rows | file MB | seconds | peak RSS MiB (whole process, table included) |")
    print("| --- | --- | --- | --- | --- |")
    for repeat in [1, 10]:
        path = os.path.join(work, f"tarn-repeat-{repeat}.parquet")
        report = run_tarn(args.tarn_bench, work, path, "snappy", 1, repeat)
        print(f"| {repeat} | {report['rows']:,} | {os.path.getsize(path) / 1e6:.1f} | {report['seconds'][0]:.2f} | "
              f"{report['peak_rss_bytes'] / 2**20:.0f} |")
        os.remove(path)
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
