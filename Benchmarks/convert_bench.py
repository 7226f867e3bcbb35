#!/usr/bin/env python3
"""Conversion benchmark: raw CSV / JSON lines to Parquet with Tarn and with its peers.

    python Benchmarks/convert_bench.py --tarn .build/release/tarn
        [--rows-trips 5000000] [--rows-events 1000000] [--repeat 3] [--threads 2]
        [--data .bench-data] [--tools tarn,pyarrow,duckdb,polars] [--datasets trips,events]
        [--json FILE] [--keep-outputs]

1. Data: `trips` (CSV, 18 taxi-trip columns) and `events` (JSON lines, nested) from the
   shared deterministic generator (`../shared/bench/gen_data.py`, or --gen / $TARN_BENCH_GEN),
   cached under --data (default `.bench-data/`, git-ignored) by dataset, rows and seed.
2. Conversions, each tool in its own process, with snappy and each tool's defaults otherwise,
   given the same thread count (--threads, default 2):
     tarn     `tarn convert IN OUT --json --compression snappy --threads N`
     pyarrow  `pyarrow.csv.open_csv` / `pyarrow.json.open_json` -> `ParquetWriter.write_batch`
              (streaming, as the shared peers.py's `pyarrow-stream` row)
     duckdb   `COPY (SELECT * FROM read_csv / read_json(IN)) TO OUT (FORMAT parquet,
              COMPRESSION snappy)` after `SET threads = N`
     polars   `scan_csv / scan_ndjson(IN).sink_parquet(OUT)`, when polars is installed
              (Benchmarks/requirements-bench.txt)
   Runs are interleaved (run 1 of every tool, then run 2, ...) so a change in machine load
   falls on all of them; the input is read once beforehand so it is in the page cache.
3. Per run: wall seconds (the whole process), user + system CPU seconds and peak RSS of the
   child (`os.wait4` in a small launcher that forks it, the figure `/usr/bin/time -v`
   prints; see `spawn`), output bytes; the output's row
   count is read back with pyarrow and must equal the rows generated.
4. Prints a markdown table of medians with Tarn/peer ratios and writes every run's raw
   figures as JSON (--json, default `<data>/convert-results.json`).

A tool that fails (for example a format Tarn does not convert yet) is shown as FAILED with
the last line of its error output, and not run again.
"""

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATASETS = {
    # name: (gen_data.py dataset, file suffix, format, default rows)
    "trips": ("trips", "csv", "csv", 5_000_000),
    "events": ("events", "jsonl", "json", 1_000_000),
}
TOOLS = ["tarn", "pyarrow", "duckdb", "polars"]
COMPRESSION = "snappy"


# --------------------------------------------------------------------------- child side

def worker(tool, fmt, src, dst, threads):
    """One peer conversion, run in a child process (this script with --worker)."""
    if tool == "pyarrow":
        import pyarrow as pa
        import pyarrow.parquet as pq
        pa.set_cpu_count(threads)
        pa.set_io_thread_count(threads)
        if fmt == "csv":
            import pyarrow.csv as reader_module
            reader = reader_module.open_csv(src)
        else:
            import pyarrow.json as reader_module
            reader = reader_module.open_json(src)
        with pq.ParquetWriter(dst, reader.schema, compression=COMPRESSION) as writer:
            for batch in reader:
                writer.write_batch(batch)
    elif tool == "duckdb":
        import duckdb
        con = duckdb.connect()
        con.execute(f"SET threads = {int(threads)}")
        quoted = lambda p: "'" + p.replace("'", "''") + "'"
        function = "read_csv" if fmt == "csv" else "read_json"
        con.execute(f"COPY (SELECT * FROM {function}({quoted(src)})) TO {quoted(dst)} "
                    f"(FORMAT parquet, COMPRESSION {COMPRESSION})")
        con.close()
    elif tool == "polars":
        import polars as pl  # POLARS_MAX_THREADS is set by the parent
        frame = pl.scan_csv(src) if fmt == "csv" else pl.scan_ndjson(src)
        frame.sink_parquet(dst, compression=COMPRESSION)
    else:
        raise SystemExit(f"unknown tool {tool}")


# --------------------------------------------------------------------------- parent side

def find_generator(explicit):
    candidates = [explicit, os.environ.get("TARN_BENCH_GEN"),
                  os.path.join(os.path.dirname(ROOT), "shared", "bench", "gen_data.py")]
    for path in candidates:
        if path and os.path.isfile(path):
            return path
    raise SystemExit("convert_bench.py: the data generator gen_data.py was not found (looked at "
                     + ", ".join(repr(p) for p in candidates if p)
                     + "); pass --gen PATH or set TARN_BENCH_GEN")


def ensure_data(name, rows, seed, folder, generator):
    """The cached input file for (dataset, rows, seed), generated when missing."""
    dataset, suffix, _, _ = DATASETS[name]
    path = os.path.join(folder, f"{name}-{rows}-seed{seed}.{suffix}")
    if os.path.exists(path):
        return path
    os.makedirs(folder, exist_ok=True)
    partial = path + ".partial"
    print(f"generating {path} ({rows:,} rows) ...", file=sys.stderr, flush=True)
    started = time.perf_counter()
    subprocess.run([sys.executable, generator, dataset, "--rows", str(rows), "--out", partial,
                    "--seed", str(seed)], check=True)
    os.replace(partial, path)
    print(f"  {os.path.getsize(path) / 1e6:,.0f} MB in {time.perf_counter() - started:.0f} s",
          file=sys.stderr, flush=True)
    return path


def warm(path):
    """Reads the file once so every timed run starts with it in the page cache."""
    with open(path, "rb") as f:
        while f.read(1 << 24):
            pass


def command(tool, fmt, src, dst, args):
    if tool == "tarn":
        return [args.tarn, "convert", src, dst, "--json", "--compression", COMPRESSION,
                "--threads", str(args.threads)]
    return [sys.executable, os.path.abspath(__file__), "--worker", tool, fmt, src, dst, str(args.threads)]


def spawn(result_path, argv):
    """Launcher side (this script with --spawn): fork, exec `argv`, wait, and write its wall
    seconds and rusage to `result_path`.

    Why a launcher: on Linux a child's ru_maxrss starts from the high-water mark of the
    process it was forked from, carried across exec. Spawned straight from this script
    (which holds pyarrow, DuckDB and polars by then), every tool would report at least this
    script's own peak (a 1 MB `true` reported 384 MiB). Forked from this small launcher,
    the measured process starts from a few MB.
    """
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    with open(result_path, "w") as f:
        json.dump({"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "maxrss": usage.ru_maxrss,
                   "exit_code": os.waitstatus_to_exitcode(status)}, f)
    return 0


def measure(argv, env, timeout):
    """Runs one process through the launcher: wall seconds, CPU seconds, peak RSS bytes,
    exit code, output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, \
            tempfile.NamedTemporaryFile(suffix=".json") as result:
        launcher = [sys.executable, "-I", os.path.abspath(__file__), "--spawn", result.name, "--"] + argv
        started = time.perf_counter()
        # A session of its own, so a timeout ends the launcher and the tool together.
        process = subprocess.Popen(launcher, stdout=out, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                   start_new_session=True)
        try:
            process.wait(timeout=timeout)
            timed_out = False
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
            timed_out = True
        wall = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        try:
            with open(result.name) as f:
                figures = json.load(f)
        except (OSError, ValueError):
            figures = {"wall_s": wall, "cpu_s": 0.0, "maxrss": 0, "exit_code": process.returncode or -9}
    # ru_maxrss is KiB on Linux, bytes on macOS.
    rss = figures["maxrss"] if sys.platform == "darwin" else figures["maxrss"] * 1024
    return {"wall_s": figures["wall_s"], "cpu_s": figures["cpu_s"], "peak_rss_bytes": rss,
            "exit_code": -9 if timed_out else figures["exit_code"], "timed_out": timed_out,
            "stdout": stdout[-4000:], "stderr": stderr[-4000:]}


def parquet_rows(path):
    import pyarrow.parquet as pq
    metadata = pq.ParquetFile(path).metadata
    return metadata.num_rows, metadata.num_row_groups


def remove(path):
    if os.path.isdir(path):
        shutil.rmtree(path, ignore_errors=True)
    elif os.path.lexists(path):
        os.remove(path)


def versions(args, tools):
    found = {"python": platform.python_version()}
    for module in ("pyarrow", "duckdb", "polars"):
        if module in tools or module == "pyarrow":
            try:
                found[module] = __import__(module).__version__
            except ImportError:
                pass
    try:
        found["tarn"] = os.path.realpath(args.tarn)
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        found["tarn_commit"] = head.stdout.strip()
    except OSError:
        pass
    return found


def available_tools(requested, tarn):
    tools = []
    for tool in requested:
        if tool == "tarn":
            if not os.access(tarn, os.X_OK):
                raise SystemExit(f"convert_bench.py: no tarn binary at {tarn} (swift build -c release --product tarn)")
        elif tool != "tarn":
            try:
                __import__(tool)
            except ImportError:
                print(f"note: {tool} is not installed in {sys.executable}; its rows are skipped "
                      f"(pip install -r Benchmarks/requirements-bench.txt)", file=sys.stderr)
                continue
        tools.append(tool)
    return tools


def ratio(a, b):
    return f"{a / b:.2f}x" if a and b else "-"


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tarn", default=os.path.join(ROOT, ".build/release/tarn"))
    p.add_argument("--rows-trips", type=int, default=DATASETS["trips"][3])
    p.add_argument("--rows-events", type=int, default=DATASETS["events"][3])
    p.add_argument("--seed", type=int, default=42)
    p.add_argument("--repeat", type=int, default=3, help="timed runs per tool and dataset (median shown)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=os.path.join(ROOT, ".bench-data"), help="cache of generated inputs")
    p.add_argument("--gen", help="path of gen_data.py (default ../shared/bench/gen_data.py)")
    p.add_argument("--tools", default=",".join(TOOLS))
    p.add_argument("--datasets", default="trips,events")
    p.add_argument("--json", help="raw results (default <data>/convert-results.json)")
    p.add_argument("--timeout", type=float, default=1800, help="seconds per run")
    p.add_argument("--keep-outputs", action="store_true", help="keep the last output of every tool")
    p.add_argument("--worker", nargs=5, metavar=("TOOL", "FMT", "IN", "OUT", "THREADS"), help=argparse.SUPPRESS)
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--spawn"]:
        # --spawn RESULT -- COMMAND...: before argparse, which would take the command's options.
        return spawn(argv[1], argv[3:])
    args = p.parse_args(argv)

    if args.worker:
        tool, fmt, src, dst, threads = args.worker
        worker(tool, fmt, src, dst, int(threads))
        return 0

    tools = available_tools([t for t in args.tools.split(",") if t], args.tarn)
    generator = find_generator(args.gen)
    rows_for = {"trips": args.rows_trips, "events": args.rows_events}
    datasets = [d for d in args.datasets.split(",") if d]
    for d in datasets:
        if d not in DATASETS:
            raise SystemExit(f"convert_bench.py: unknown dataset {d} (trips, events)")
    inputs = {d: ensure_data(d, rows_for[d], args.seed, args.data, generator) for d in datasets}

    env = dict(os.environ)
    n = str(args.threads)
    env.update({"OMP_NUM_THREADS": n, "POLARS_MAX_THREADS": n, "RAYON_NUM_THREADS": n, "TARN_THREADS": n})
    workdir = tempfile.mkdtemp(prefix="convert-bench-", dir=args.data)
    meta = {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "machine": platform.platform(),
            "cpus": os.cpu_count(), "load_average_before": os.getloadavg(), "threads": args.threads,
            "repeat": args.repeat, "compression": COMPRESSION, "versions": versions(args, tools)}
    results = []
    try:
        for dataset in datasets:
            src = inputs[dataset]
            fmt = DATASETS[dataset][2]
            expected_rows = rows_for[dataset]
            warm(src)
            rows = {t: {"dataset": dataset, "tool": t, "input": src, "input_bytes": os.path.getsize(src),
                        "rows": expected_rows, "runs": [], "failed": None} for t in tools}
            for repeat in range(args.repeat):
                for tool in tools:
                    row = rows[tool]
                    if row["failed"]:
                        continue
                    dst = os.path.join(workdir, f"{dataset}-{tool}.parquet")
                    remove(dst)
                    run = measure(command(tool, fmt, src, dst, args), env, args.timeout)
                    if run["exit_code"] == 0 and not run["timed_out"]:
                        try:
                            run["output_rows"], run["row_groups"] = parquet_rows(dst)
                            run["output_bytes"] = os.path.getsize(dst)
                        except Exception as e:  # noqa: BLE001 - an unreadable output is a failure
                            run["error"] = f"output unreadable: {type(e).__name__}: {e}"
                        else:
                            if run["output_rows"] != expected_rows:
                                run["error"] = f"{run['output_rows']} rows written, {expected_rows} expected"
                    else:
                        lines = [l for l in (run["stderr"] or run["stdout"]).splitlines() if l.strip()]
                        run["error"] = ("timed out" if run["timed_out"] else
                                        f"exit {run['exit_code']}: {lines[-1] if lines else ''}")
                    if tool == "tarn" and not run.get("error"):
                        try:
                            run["tarn_metrics"] = json.loads(run["stdout"])
                        except ValueError:
                            pass
                    run.pop("stdout")
                    if not run.get("error"):
                        run.pop("stderr")
                    row["runs"].append(run)
                    status = run.get("error") or "ok"
                    print(f"  {dataset:6s} {tool:8s} run {repeat + 1}/{args.repeat}: {run['wall_s']:7.2f} s  "
                          f"rss {run['peak_rss_bytes'] / 2**20:6.0f} MiB  {status}", file=sys.stderr, flush=True)
                    if run.get("error"):
                        row["failed"] = run["error"]
                    if not args.keep_outputs:
                        remove(dst)
            for tool in tools:
                row = rows[tool]
                good = [r for r in row["runs"] if not r.get("error")]
                if good and not row["failed"]:
                    row["wall_s_median"] = statistics.median(r["wall_s"] for r in good)
                    row["cpu_s_median"] = statistics.median(r["cpu_s"] for r in good)
                    row["peak_rss_mib"] = max(r["peak_rss_bytes"] for r in good) / 2**20
                    row["output_bytes"] = good[-1]["output_bytes"]
                    row["row_groups"] = good[-1]["row_groups"]
                    row["mb_per_s"] = row["input_bytes"] / 1e6 / row["wall_s_median"]
                results.append(row)
    finally:
        if not args.keep_outputs:
            shutil.rmtree(workdir, ignore_errors=True)
    meta["load_average_after"] = os.getloadavg()

    print(f"Conversion to Parquet ({COMPRESSION}), {args.threads} threads per tool, median of "
          f"{args.repeat} interleaved runs; {meta['cpus']} cores, load average "
          f"{meta['load_average_before'][0]:.1f} before / {meta['load_average_after'][0]:.1f} after. "
          + ", ".join(f"{k} {v}" for k, v in meta["versions"].items() if k not in ("tarn",)))
    print()
    print("| dataset | tool | wall s | MB/s in | CPU s | peak RSS MiB | out MB | row groups | rows ok "
          "| Tarn/peer speed | Tarn/peer RSS | Tarn/peer size |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|")
    for row in results:
        label = f"{row['dataset']} ({row['rows']:,} rows, {row['input_bytes'] / 1e6:,.0f} MB)"
        if "wall_s_median" not in row:
            print(f"| {label} | {row['tool']} | **FAILED** | - | - | - | - | - | {row['failed']} | - | - | - |")
            continue
        tarn = next((r for r in results if r["dataset"] == row["dataset"] and r["tool"] == "tarn"
                     and "wall_s_median" in r), None)
        if tarn is None or row["tool"] == "tarn":
            ratios = "| - | - | -"
        else:
            ratios = (f"| {ratio(row['wall_s_median'], tarn['wall_s_median'])} "
                      f"| {ratio(tarn['peak_rss_mib'], row['peak_rss_mib'])} "
                      f"| {ratio(tarn['output_bytes'], row['output_bytes'])}")
        print(f"| {label} | {row['tool']} | {row['wall_s_median']:.2f} | {row['mb_per_s']:.1f} | "
              f"{row['cpu_s_median']:.2f} | {row['peak_rss_mib']:.0f} | {row['output_bytes'] / 1e6:.1f} | "
              f"{row['row_groups']} | yes {ratios} |")
    print()
    print("Tarn/peer speed: the peer's wall time over Tarn's (above 1: Tarn is faster). "
          "Tarn/peer RSS and size: Tarn's over the peer's (below 1: Tarn uses less).")
    path = args.json or os.path.join(args.data, "convert-results.json")
    with open(path, "w") as f:
        json.dump({"meta": meta, "results": results}, f, indent=1)
    print(f"\nraw results: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
