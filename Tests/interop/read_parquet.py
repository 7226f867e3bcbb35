#!/usr/bin/env python3
"""Read Parquet files with two independent readers and print what they saw as JSON.

Usage: read_parquet.py [--no-rows] PATH [PATH ...]

For each path, one line of JSON (JSON Lines, in argument order):

    {"path": ..., "pyarrow": READ, "duckdb": READ, "metadata": METADATA}

READ is {"schema": [{"name", "type", "nullable"}], "num_rows", "rows": [[value, ...], ...]}
or {"error": "ExceptionType: message"} when that reader raised. pyarrow reads with
`pq.read_table`; DuckDB with `SELECT * FROM read_parquet(?)` (session time zone UTC),
its result exported through Arrow so nanoseconds and decimals survive, and its schema
in DuckDB's type names.

Values are normalized so JSON keeps them exactly:
    null                    -> null
    bool                    -> true / false
    integers                -> a number when |v| < 2**53, else a decimal string
    floats (16/32/64 bit)   -> {"f": "nan" | "inf" | "-inf" | "-0.0" | repr(float(v))}
                               (float32 is widened exactly to a double first)
    decimals                -> a plain decimal string keeping the scale ("1.50", "-0.001")
    date                    -> "YYYY-MM-DD" ({"days": n} outside years 1...9999)
    time                    -> {"time": n, "unit": "s" | "ms" | "us" | "ns"} since midnight
    timestamp               -> {"ts": n, "unit": "s" | "ms" | "us" | "ns"} since the epoch
                               (the time zone is in the schema's type)
    duration                -> {"duration": n, "unit": ...}
    interval                -> {"months": m, "days": d, "nanos": n}
    string                  -> a string
    binary, fixed binary    -> lowercase hex string (the schema tells it from a string)
    UUID                    -> canonical "8-4-4-4-12" string
    list                    -> an array
    struct                  -> an object, field name -> value
    map                     -> an array of [key, value] pairs
    dictionary              -> the decoded value
Integers inside tags (ts, time, days, ...) follow the integer rule.

METADATA comes from `pq.ParquetFile(path).metadata`: created_by, num_rows, format version,
key_value_metadata, the Parquet schema (per leaf: path, physical/logical/converted type,
max definition/repetition levels) and per row group and column chunk: path, physical
type, encodings, compression, has_dictionary_page, offsets, sizes, statistics
(min/max as logical values, min_raw/max_raw as physical values, null_count, ...),
has_column_index, has_offset_index, bloom filter offset/length. {"error": ...} if it fails.
"""
import datetime
import decimal
import json
import math
import sys
import traceback
import uuid

TWO_53 = 2 ** 53


def norm_int(v):
    if v is None:
        return None
    v = int(v)
    return v if -TWO_53 < v < TWO_53 else str(v)


def norm_float(v):
    if v is None:
        return None
    v = float(v)
    if math.isnan(v):
        return {"f": "nan"}
    if math.isinf(v):
        return {"f": "inf" if v > 0 else "-inf"}
    if v == 0 and math.copysign(1.0, v) < 0:
        return {"f": "-0.0"}
    return {"f": repr(v)}


def norm_decimal(d):
    if d is None:
        return None
    return format(d, "f")


EPOCH = datetime.date(1970, 1, 1)


def norm_days(n):
    if n is None:
        return None
    try:
        return (EPOCH + datetime.timedelta(days=int(n))).isoformat()
    except (OverflowError, ValueError):
        return {"days": norm_int(n)}


def norm_python(v):
    """Normalizes a plain Python value (statistics, key-value metadata)."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return norm_int(v)
    if isinstance(v, float):
        return norm_float(v)
    if isinstance(v, decimal.Decimal):
        return norm_decimal(v)
    if isinstance(v, (bytes, bytearray, memoryview)):
        return bytes(v).hex()
    if isinstance(v, uuid.UUID):
        return str(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, (datetime.date, datetime.time)):
        return v.isoformat()
    if isinstance(v, datetime.timedelta):
        return {"duration": norm_int(v // datetime.timedelta(microseconds=1)), "unit": "us"}
    if isinstance(v, dict):
        return {str(k): norm_python(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [norm_python(x) for x in v]
    return repr(v)


def norm_array(arr):
    """Normalizes one pyarrow Array to a list of JSON values, led by its type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    t = arr.type
    n = len(arr)
    valid = arr.is_valid().to_pylist() if arr.null_count else [True] * n

    def mask(values):
        return [v if ok else None for v, ok in zip(values, valid)]

    if isinstance(t, pa.ExtensionType):
        name = getattr(t, "extension_name", "")
        storage = arr.storage
        if name == "arrow.uuid":
            return [None if b is None else str(uuid.UUID(bytes=b)) for b in storage.to_pylist()]
        return norm_array(storage)
    if pa.types.is_null(t):
        return [None] * n
    if pa.types.is_dictionary(t):
        return norm_array(arr.dictionary_decode())
    if pa.types.is_boolean(t):
        return arr.to_pylist()
    if pa.types.is_integer(t):
        return [norm_int(v) for v in arr.to_pylist()]
    if pa.types.is_floating(t):
        if pa.types.is_float16(t):
            arr = arr.cast(pa.float32())
        return [norm_float(v) for v in arr.to_pylist()]
    if pa.types.is_decimal(t):
        return [norm_decimal(v) for v in arr.to_pylist()]
    if pa.types.is_date32(t):
        return [norm_days(v) for v in arr.view(pa.int32()).to_pylist()]
    if pa.types.is_date64(t):
        ms = arr.view(pa.int64()).to_pylist()
        return [None if v is None else norm_days(v // 86_400_000) for v in ms]
    if pa.types.is_time(t):
        width = pa.int32() if pa.types.is_time32(t) else pa.int64()
        return [None if v is None else {"time": norm_int(v), "unit": t.unit}
                for v in mask(arr.view(width).to_pylist())]
    if pa.types.is_timestamp(t):
        return [None if v is None else {"ts": norm_int(v), "unit": t.unit}
                for v in mask(arr.view(pa.int64()).to_pylist())]
    if pa.types.is_duration(t):
        return [None if v is None else {"duration": norm_int(v), "unit": t.unit}
                for v in mask(arr.view(pa.int64()).to_pylist())]
    if pa.types.is_interval(t):
        out = []
        for v in arr.to_pylist():
            out.append(None if v is None else {"months": norm_int(v.months), "days": norm_int(v.days),
                                               "nanos": norm_int(v.nanoseconds)})
        return out
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return arr.to_pylist()
    if (pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t)
            or pa.types.is_fixed_size_binary(t)):
        return [None if b is None else b.hex() for b in arr.to_pylist()]
    if pa.types.is_map(t):
        # Like lists: offsets are absolute into the entries child, which ignores our slice.
        offsets = arr.offsets.to_pylist()
        start, end = (offsets[0], offsets[-1]) if offsets else (0, 0)
        entries = arr.values.slice(start, end - start)
        keys = norm_array(entries.field(0))
        items = norm_array(entries.field(1))
        return [None if not valid[i] else
                [[keys[j - start], items[j - start]] for j in range(offsets[i], offsets[i + 1])]
                for i in range(n)]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        offsets = arr.offsets.to_pylist()
        start, end = (offsets[0], offsets[-1]) if offsets else (0, 0)
        values = norm_array(arr.values.slice(start, end - start))
        return [None if not valid[i] else values[offsets[i] - start:offsets[i + 1] - start] for i in range(n)]
    if pa.types.is_fixed_size_list(t):
        size = t.list_size
        values = norm_array(arr.values.slice(arr.offset * size, n * size))
        return [None if not valid[i] else values[i * size:(i + 1) * size] for i in range(n)]
    if pa.types.is_struct(t):
        names = [t.field(j).name for j in range(t.num_fields)]
        children = [norm_array(arr.field(j)) for j in range(t.num_fields)]
        return [None if not valid[i] else {names[j]: children[j][i] for j in range(len(names))}
                for i in range(n)]
    if hasattr(pa.types, "is_run_end_encoded") and pa.types.is_run_end_encoded(t):
        return norm_array(pc.run_end_decode(arr))
    if hasattr(pa.types, "is_list_view") and (pa.types.is_list_view(t) or pa.types.is_large_list_view(t)):
        return norm_array(arr.cast(pa.large_list(t.value_type)))
    return [norm_python(v) for v in arr.to_pylist()]


def norm_table(table, type_names=None):
    columns = []
    for column in table.columns:
        values = []
        for chunk in column.chunks:
            values.extend(norm_array(chunk))
        columns.append(values)
    rows = [list(r) for r in zip(*columns)] if columns else [[] for _ in range(table.num_rows)]
    fields = table.schema
    schema = []
    for j, f in enumerate(fields):
        schema.append({"name": f.name, "type": type_names[j] if type_names else str(f.type), "nullable": f.nullable})
    return schema, rows


def error_text(e):
    return f"{type(e).__name__}: {e}"


def read_pyarrow(path, with_rows):
    import pyarrow.parquet as pq
    try:
        table = pq.read_table(path, arrow_extensions_enabled=True)
    except TypeError:
        table = pq.read_table(path)
    schema, rows = norm_table(table)
    out = {"schema": schema, "num_rows": table.num_rows}
    if with_rows:
        out["rows"] = rows
    return out


def read_duckdb(con, path, with_rows):
    rel = con.sql("SELECT * FROM read_parquet(?)", params=[path]) if _duckdb_sql_takes_params(con) else None
    if rel is None:
        rel = con.sql(f"SELECT * FROM read_parquet('{path.replace(chr(39), chr(39) * 2)}')")
    names = list(rel.columns)
    types = [str(t) for t in rel.types]
    table = rel.to_arrow_table() if hasattr(rel, "to_arrow_table") else rel.arrow()
    schema, rows = norm_table(table, types)
    for entry, name in zip(schema, names):
        entry["name"] = name
    out = {"schema": schema, "num_rows": table.num_rows}
    if with_rows:
        out["rows"] = rows
    return out


_SQL_PARAMS = None


def _duckdb_sql_takes_params(con):
    global _SQL_PARAMS
    if _SQL_PARAMS is None:
        try:
            con.sql("SELECT ?::INTEGER", params=[1]).fetchall()
            _SQL_PARAMS = True
        except Exception:
            _SQL_PARAMS = False
    return _SQL_PARAMS


def safe(fn):
    try:
        return fn()
    except Exception as e:  # a reader's failure is data for the test, not a crash
        return {"error": error_text(e)}


def statistics(stats):
    if stats is None:
        return None
    out = {}
    for key in ("has_min_max", "has_null_count", "has_distinct_count"):
        out[key] = getattr(stats, key)
    out["null_count"] = norm_int(stats.null_count) if stats.has_null_count else None
    out["distinct_count"] = norm_int(stats.distinct_count) if stats.has_distinct_count else None
    out["num_values"] = norm_int(stats.num_values)
    if stats.has_min_max:
        for key in ("min", "max", "min_raw", "max_raw"):
            out[key] = safe(lambda: norm_python(getattr(stats, key)))
    return out


def logical(obj):
    text = str(obj) if obj is not None else None
    return None if text in (None, "None") else text


def read_metadata(path):
    import pyarrow.parquet as pq
    md = pq.ParquetFile(path).metadata
    kv = {}
    for k, v in (md.metadata or {}).items():
        key = k.decode("utf-8", "backslashreplace")
        try:
            kv[key] = v.decode("utf-8")
        except UnicodeDecodeError:
            kv[key] = {"hex": v.hex()}
    schema = []
    for i in range(len(md.schema)):
        col = md.schema.column(i)
        entry = {
            "path": col.path,
            "physical_type": col.physical_type,
            "logical_type": logical(col.logical_type),
            "converted_type": col.converted_type,
            "max_definition_level": col.max_definition_level,
            "max_repetition_level": col.max_repetition_level,
        }
        if col.physical_type == "FIXED_LEN_BYTE_ARRAY":
            entry["length"] = col.length
        if col.converted_type == "DECIMAL" or "Decimal" in (entry["logical_type"] or ""):
            entry["precision"], entry["scale"] = col.precision, col.scale
        schema.append(entry)
    row_groups = []
    for r in range(md.num_row_groups):
        rg = md.row_group(r)
        columns = []
        for c in range(rg.num_columns):
            cc = rg.column(c)
            columns.append({
                "path": cc.path_in_schema,
                "physical_type": cc.physical_type,
                "encodings": list(cc.encodings),
                "compression": cc.compression,
                "has_dictionary_page": cc.has_dictionary_page,
                "dictionary_page_offset": norm_int(cc.dictionary_page_offset),
                "data_page_offset": norm_int(cc.data_page_offset),
                "file_offset": norm_int(cc.file_offset),
                "num_values": norm_int(cc.num_values),
                "total_compressed_size": norm_int(cc.total_compressed_size),
                "total_uncompressed_size": norm_int(cc.total_uncompressed_size),
                "is_stats_set": cc.is_stats_set,
                "statistics": safe(lambda: statistics(cc.statistics)) if cc.is_stats_set else None,
                "has_column_index": cc.has_column_index,
                "has_offset_index": cc.has_offset_index,
                "bloom_filter_offset": norm_int(cc.bloom_filter_offset),
                "bloom_filter_length": norm_int(cc.bloom_filter_length),
            })
        row_groups.append({
            "num_rows": norm_int(rg.num_rows),
            "total_byte_size": norm_int(rg.total_byte_size),
            "columns": columns,
        })
    return {
        "created_by": md.created_by,
        "num_rows": norm_int(md.num_rows),
        "num_columns": md.num_columns,
        "num_row_groups": md.num_row_groups,
        "format_version": md.format_version,
        "key_value_metadata": kv,
        "schema": schema,
        "row_groups": row_groups,
    }


def main(argv):
    with_rows = True
    paths = []
    for arg in argv:
        if arg == "--no-rows":
            with_rows = False
        else:
            paths.append(arg)
    try:
        import duckdb
        con = duckdb.connect()
        con.execute("SET TimeZone = 'UTC'")
    except Exception as e:
        con = None
        duckdb_error = {"error": "duckdb unavailable: " + error_text(e)}
    out = sys.stdout
    for path in paths:
        doc = {
            "path": path,
            "pyarrow": safe(lambda: read_pyarrow(path, with_rows)),
            "duckdb": safe(lambda: read_duckdb(con, path, with_rows)) if con is not None else duckdb_error,
            "metadata": safe(lambda: read_metadata(path)),
        }
        try:
            line = json.dumps(doc, allow_nan=False, ensure_ascii=True)
        except Exception as e:
            line = json.dumps({"path": path, "error": "could not encode JSON: " + error_text(e),
                               "trace": traceback.format_exc()})
        out.write(line + "\n")
        out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
