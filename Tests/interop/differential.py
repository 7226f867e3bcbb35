#!/usr/bin/env python3
"""Differential check of one conversion: the Parquet Tarn wrote against other readers of
the same raw file.

Usage:
    differential.py RAW PARQUET [--schema-json FILE | --tarn BIN] [--expected-records FILE]
                    [--max-cells N] [--format auto|csv|json] [--null TOKEN ...] [--no-duckdb]
    differential.py --batch JOBS.json      (JSON lines: one report per job, in order)

RAW is the CSV / TSV / JSON lines / JSON file Tarn converted (optionally .gz or .zst),
PARQUET what `tarn convert RAW PARQUET` wrote. The readers compared with Tarn:

    python         CSV: Python's `csv` module with the dialect Tarn reports (delimiter,
                   quote, escape, header, rows skipped, BOM) from `tarn schema --json`;
                   JSON: Python's `json` module (JSON lines, one array, or concatenated
                   documents).
    duckdb         DuckDB on its own: `read_csv(..., auto_detect=true)` / `read_json_auto`.
    duckdb_forced  CSV only: DuckDB with Tarn's dialect and Tarn's null tokens forced
                   (`delim`, `quote`, `escape`, `header`, `skip`, `nullstr`,
                   `allow_quoted_nulls=false`), types still detected by DuckDB.
    expected       with --expected-records: a JSON array of objects of text (a corpus's
                   answer); Tarn's null must stand for a null token there, Tarn's text
                   must equal it.

The schema document (`tarn schema --json RAW`, given as --schema-json, or run here with
--tarn BIN) gives the dialect and Tarn's own type names, which the Parquet file does not
carry for two types: `uuid` (written as text) and `time` (written as INT64 microseconds);
`json` columns (JSON text) are parsed and compared as the values they write, as are
DuckDB's JSON columns.

How cells are compared (by position: row i, column j of each reader):
  - Python's csv has no nulls: an unquoted-or-not field equal to one of Tarn's null
    tokens (empty, NULL, null, NA, N/A, \\N, or --null) counts as null there. Python's csv
    cannot tell a quoted field from an unquoted one, so a quoted "NA" (text to Tarn)
    shows up as a difference.
  - A text value from a typeless side is parsed, with Python's own parsers (`Decimal`,
    `float`, `date/datetime/time.fromisoformat`, `uuid.UUID`), in the domain of Tarn's
    value and compared with it: numbers decimal-exact (as doubles when either side is a
    double; NaN equals NaN; the sign of a zero counts between two doubles), timestamps as
    instants (a zoned value is converted to UTC; Tarn's UTC and local columns are told
    apart in the type report), booleans case-insensitively.
  - When Tarn kept text and the other side typed the value, Tarn's text must be the other
    value's canonical text (so DuckDB reading `007` as 7 is a difference).
  - Nested JSON values compare structurally; a missing key equals null; Tarn's text for a
    value it could not type (JSON text) is parsed and compared as JSON.

Output: one JSON document on stdout:
    {"raw", "parquet", "format", "dialect",
     "readers": {name: {"rows", "columns": [names], "types": [...], "error"?, "note"?}},
     "columns": [{"name", "tarn", "python", "duckdb", "duckdb_forced", ...}]  (types),
     "summary": [{"column", "against", "kind", "count", "example"}],
     "differences": [{"row", "column", "kind", "tarn", "python", "duckdb", ...}]  (capped),
     "truncated": bool}
kind is "value" (cells differ), "precision" (against "raw": Tarn's double does not hold
the number the raw text writes, e.g. 1e400 read as inf or 20 significant digits rounded;
the other readers' doubles may agree with it), "type" (the readers chose different kinds of type;
against "parquet": the Parquet file stores Tarn's type as another, as pyarrow reads it),
"name" (column names differ), "rows" (row counts differ; column "*") or "error" (the
reader failed and was retried leniently, or could not read at all; column "*").
Exit status 0 when the report was made (differences or not), 2 on usage errors.
"""
import argparse
import csv
import datetime
import decimal
import gzip
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import uuid

NULL_TOKENS = ["", "NULL", "null", "NA", "N/A", "\\N"]
UTC = datetime.timezone.utc

# --------------------------------------------------------------------------- raw input


def raw_bytes(path):
    """The decompressed bytes of RAW: gzip by magic with the gzip module, zstd with the
    `zstd` command (no Python zstd binding needed)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        return gzip.decompress(data)
    if data[:4] == b"\x28\xb5\x2f\xfd":
        zstd = shutil.which("zstd")
        if not zstd:
            raise SystemExit("differential.py: RAW is zstd-compressed and the `zstd` command is missing")
        return subprocess.run([zstd, "-dc", path], check=True, stdout=subprocess.PIPE).stdout
    return data


def base_name(path):
    """The file name without a compression suffix (`a.csv.gz` -> `a.csv`)."""
    name = os.path.basename(path)
    for suffix in (".gz", ".gzip", ".zst", ".zstd"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return name


def detect_format(path, data):
    name = base_name(path).lower()
    if name.endswith((".jsonl", ".ndjson", ".json")):
        return "json"
    if name.endswith((".csv", ".tsv", ".txt", ".psv")):
        return "csv"
    head = data[:4096].lstrip(b"\xef\xbb\xbf").lstrip()
    return "json" if head[:1] in (b"{", b"[") else "csv"


# --------------------------------------------------------------------------- Tarn's side


def read_tarn(path):
    import pyarrow.parquet as pq
    table = pq.read_table(path)
    names = table.schema.names
    types = [str(f.type) for f in table.schema]
    columns = [table.column(j).to_pylist() for j in range(table.num_columns)]
    rows = [list(r) for r in zip(*columns)] if columns else [[] for _ in range(table.num_rows)]
    return {"columns": names, "types": types, "parquet_types": list(types), "rows": rows}


def apply_tarn_types(tarn, tarn_types):
    """Re-reads values whose Tarn type the Parquet file does not carry: `time` (INT64
    microseconds since midnight) and `uuid` (36-character text)."""
    for j, name in enumerate(tarn["columns"]):
        t = tarn_types.get(name)
        if t is None:
            continue
        tarn["types"][j] = t
        if t.startswith("time["):
            per_second = {"s": 1, "ms": 1000, "us": 10**6, "ns": 10**9}[t[5:-1]]
            for row in tarn["rows"]:
                if isinstance(row[j], int):
                    row[j] = micros_to_time(row[j] * 10**6 // per_second)
        elif t == "uuid":
            for row in tarn["rows"]:
                if isinstance(row[j], str):
                    row[j] = uuid.UUID(row[j])
        elif t == "json":
            # JSON text (a value that fits no one type): compared as the value it writes.
            for row in tarn["rows"]:
                if isinstance(row[j], str):
                    row[j] = json.loads(row[j], parse_float=decimal.Decimal)


def micros_to_time(us):
    seconds, micros = divmod(us, 10**6)
    return datetime.time(seconds // 3600, seconds // 60 % 60, seconds % 60, micros)


# --------------------------------------------------------------------------- Python's side


def python_csv(data, dialect, nulls):
    text = data.decode("utf-8-sig", errors="replace")
    options = {"delimiter": dialect.get("delimiter", ","), "strict": False}
    quote = dialect.get("quote", '"')
    if quote is None:
        options["quoting"] = csv.QUOTE_NONE
    else:
        options["quotechar"] = quote
        options["doublequote"] = True
    if dialect.get("escape") == "\\":
        options["escapechar"] = "\\"
    records = list(csv.reader(io.StringIO(text, newline=""), **options))
    records = records[int(dialect.get("skip", 0)):]
    header = dialect.get("header", True)
    # Tarn's layout: the first record after the skipped ones names the columns.
    first = records[0] if records else []
    if header:
        names, body = first, records[1:]
    else:
        names, body = [f"column{j}" for j in range(len(first))], records
    width = len(names)
    rows, rejected = [], 0
    for r in body:
        if not r:
            if width != 1:
                continue          # a blank line is no record
            r = [""]
        if len(r) != width:
            rejected += 1         # Tarn rejects records with another field count
            continue
        rows.append([None if v in nulls else v for v in r])
    note = "Python's csv module has no types and no nulls: every value is text, " \
           "null tokens are read as null whether quoted or not"
    return {"columns": names, "types": ["text"] * width, "rows": rows, "rejected": rejected, "note": note}


def python_json(data):
    text = data.decode("utf-8-sig")
    # Exact numbers, so a double that does not hold the written number is seen.
    decoder = json.JSONDecoder(parse_float=decimal.Decimal)
    documents, i, n = [], 0, len(text)
    while True:
        while i < n and text[i] in " \t\r\n":
            i += 1
        if i >= n:
            break
        value, i = decoder.raw_decode(text, i)  # numbers with a fraction or exponent: Decimal
        documents.append(value)
    # One top-level array is an array of records; anything else is lines / concatenated.
    records = documents[0] if len(documents) == 1 and isinstance(documents[0], list) else documents
    names = []
    for r in records:
        if isinstance(r, dict):
            for k in r:
                if k not in names:
                    names.append(k)
    rows = [[r.get(k) if isinstance(r, dict) else None for k in names] for r in records]
    return {"columns": names, "types": ["json"] * len(names), "rows": rows,
            "note": "Python's json module: values as JSON gives them, keys in first-seen order, missing = null"}


def expected_records(path, nulls):
    with open(path, encoding="utf-8") as f:
        records = json.load(f)
    names = []
    for r in records:
        for k in r:
            if k not in names:
                names.append(k)
    rows = [[r.get(k) for k in names] for r in records]
    return {"columns": names, "types": ["text"] * len(names), "rows": rows, "null_tokens": nulls,
            "note": "the corpus's expected records (text); Tarn's null matches a null token, "
                    "Tarn's text must match exactly"}


# --------------------------------------------------------------------------- DuckDB's side


def sql_string(s):
    return "'" + s.replace("'", "''") + "'"


def duckdb_read(path, reader, options):
    """Reads with DuckDB; on an error, records it and retries with ignore_errors."""
    import duckdb
    con = duckdb.connect()
    con.execute("SET TimeZone = 'UTC'")
    args = "".join(f", {k} = {v}" for k, v in options.items())
    error = None
    for attempt in (args, args + ", ignore_errors = true"):
        try:
            rel = con.sql(f"SELECT * FROM {reader}({sql_string(path)}{attempt})")
            names = list(rel.columns)
            types = [str(t) for t in rel.types]
            rows = [list(r) for r in rel.fetchall()]
            for k, t in enumerate(types):
                if t == "JSON":  # DuckDB's JSON values arrive as their text
                    for r in rows:
                        if isinstance(r[k], str):
                            r[k] = json.loads(r[k], parse_float=decimal.Decimal)
            out = {"columns": names, "types": types, "rows": rows,
                   "query": f"{reader}(path{attempt})"}
            if error:
                out["error"] = error
            return out
        except Exception as e:  # noqa: BLE001 - any reader failure is reported
            if error is not None or reader != "read_csv":
                return {"columns": [], "types": [], "rows": [], "error": error or first_line(e),
                        "query": f"{reader}(path{attempt})"}
            error = first_line(e)
    raise AssertionError("unreachable")


def first_line(e):
    return f"{type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}"


def duckdb_forced_options(dialect, nulls):
    escape = dialect.get("escape") or '"'
    # DuckDB refuses a null string containing the escape byte (`\N` with a backslash
    # escape); such a token is left out, which the report's query shows.
    tokens = [t for t in nulls if escape not in t]
    options = {"auto_detect": "true", "delim": sql_string(dialect.get("delimiter", ",")),
               "header": "true" if dialect.get("header", True) else "false",
               "skip": str(int(dialect.get("skip", 0))),
               "nullstr": "[" + ", ".join(sql_string(t) for t in tokens) + "]",
               "allow_quoted_nulls": "false"}
    quote = dialect.get("quote", '"')
    options["quote"] = sql_string(quote if quote is not None else "")
    options["escape"] = sql_string(escape)
    return options


# --------------------------------------------------------------------------- comparison

FAIL = object()
DECIMAL_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)\Z")
FLOAT_RE = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\Z|[+-]?(nan|inf|infinity)\Z", re.I)
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
TIMESTAMP_RE = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")


def is_number(v):
    return isinstance(v, (int, float, decimal.Decimal)) and not isinstance(v, bool)


def parse_like(text, model):
    """`text` parsed with Python's own parsers into the kind of value `model` is, or FAIL."""
    try:
        if isinstance(model, bool):
            low = text.lower()
            return True if low == "true" else False if low == "false" else FAIL
        if isinstance(model, float):
            return float(text) if FLOAT_RE.match(text) else FAIL
        if isinstance(model, (int, decimal.Decimal)):
            return decimal.Decimal(text) if DECIMAL_RE.match(text) else FAIL
        if isinstance(model, datetime.datetime):
            if DATE_RE.match(text):
                return datetime.date.fromisoformat(text)  # compared as midnight
            return datetime.datetime.fromisoformat(text) if TIMESTAMP_RE.match(text) else FAIL
        if isinstance(model, datetime.date):
            return datetime.date.fromisoformat(text) if DATE_RE.match(text) else FAIL
        if isinstance(model, datetime.time):
            return datetime.time.fromisoformat(text)
        if isinstance(model, uuid.UUID):
            return uuid.UUID(text) if UUID_RE.match(text) else FAIL
        if isinstance(model, (list, dict)):
            return json.loads(text)
    except (ValueError, ArithmeticError):
        return FAIL
    return FAIL


def canonical_text(v):
    """The text a typed value is written as (to compare with a value Tarn kept as text)."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v)
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, (datetime.date, datetime.time, uuid.UUID, int)):
        return str(v)
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    return json.dumps(v, sort_keys=True, default=str)


def utc_naive(v):
    if v.tzinfo is not None:
        return v.astimezone(UTC).replace(tzinfo=None)
    return v


def same(t, o, json_text=False):
    """Whether Tarn's value `t` and another reader's value `o` are the same datum.
    `json_text`: Tarn's text may be JSON text for a value it could not type (JSON input)."""
    if t is None or o is None:
        return t is None and o is None
    if isinstance(o, str) and not isinstance(t, str):
        o = parse_like(o, t)
        if o is FAIL:
            return False
    if isinstance(t, str) and not isinstance(o, str):
        if json_text and (isinstance(o, (list, dict, bool)) or is_number(o)):
            # JSON: Tarn keeps a value that fits no type of its column as JSON text.
            try:
                if same_json(json.loads(t), o):
                    return True
            except ValueError:
                pass
        if isinstance(o, bool):
            return t.lower() == canonical_text(o)
        if isinstance(o, uuid.UUID):
            return t.lower() == str(o)
        if isinstance(o, datetime.datetime):
            return t in (o.isoformat(), o.isoformat(" "))
        return t == canonical_text(o)
    if isinstance(t, bool) or isinstance(o, bool):
        return isinstance(t, bool) and isinstance(o, bool) and t == o
    if is_number(t) and is_number(o):
        if isinstance(t, float) or isinstance(o, float):
            a, b = float(t), float(o)
            if math.isnan(a) or math.isnan(b):
                return math.isnan(a) and math.isnan(b)
            if a == 0 and b == 0 and isinstance(t, float) and isinstance(o, float):
                return math.copysign(1, a) == math.copysign(1, b)
            return a == b
        return decimal.Decimal(t) == decimal.Decimal(o)
    if isinstance(t, datetime.datetime) or isinstance(o, datetime.datetime):
        if isinstance(t, datetime.datetime) and isinstance(o, datetime.datetime):
            return utc_naive(t) == utc_naive(o)
        d, ts = (t, o) if isinstance(o, datetime.datetime) else (o, t)
        return isinstance(d, datetime.date) and utc_naive(ts) == datetime.datetime(d.year, d.month, d.day)
    if isinstance(t, uuid.UUID) and isinstance(o, (bytes, bytearray)) and len(o) == 16:
        return t.bytes == bytes(o)
    if isinstance(t, list) and isinstance(o, list) and t and all(isinstance(e, tuple) and len(e) == 2 for e in t):
        t = dict(t)  # a Parquet map, read by pyarrow as (key, value) pairs
    if isinstance(t, dict) and isinstance(o, dict):
        return all(same(t.get(k), o.get(k), json_text) for k in set(t) | set(o))
    if isinstance(t, list) and isinstance(o, list):
        return len(t) == len(o) and all(same(a, b, json_text) for a, b in zip(t, o))
    if type(t) is not type(o) and not (isinstance(t, datetime.date) and isinstance(o, datetime.date)):
        return False
    return t == o


def lost_digits(t, texts):
    """The raw text whose number Tarn's double does not hold (1e400 read as inf, 21 digits
    rounded to 17), or None. A double holds a decimal text when its shortest repr is the
    same number; `0.1` is held, `0.12345678901234567890` is not."""
    if not isinstance(t, float) or math.isnan(t):
        return None
    for raw in texts:
        if isinstance(raw, str) and FLOAT_RE.match(raw) and not re.search(r"nan|inf", raw, re.I):
            exact = decimal.Decimal(raw)
        elif isinstance(raw, (int, decimal.Decimal)) and not isinstance(raw, bool):
            exact = decimal.Decimal(raw)   # JSON numbers, read exactly
        else:
            continue
        if exact.is_finite() and (math.isinf(t) or decimal.Decimal(repr(t)) != exact):
            return show(raw)
    return None


def same_json(a, b):
    """Structural equality of two JSON values (1 and 1.0 are the same number)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or (isinstance(a, bool) and isinstance(b, bool) and a == b)
    if is_number(a) and is_number(b):
        return same(a, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return all(same_json(a.get(k), b.get(k)) for k in set(a) | set(b))
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_json(x, y) for x, y in zip(a, b))
    return a == b


def type_class(t):
    """The kind of a type name from Tarn (`int32`, `timestamp[us, UTC]`), pyarrow, or
    DuckDB (`BIGINT`, `TIMESTAMP WITH TIME ZONE`): what a reader decided a column is."""
    s = t.strip()
    u = s.upper()
    if u.endswith("[]") or u.startswith(("LIST", "ARRAY")) or s.startswith("list<"):
        return "list"
    if u.startswith("STRUCT") or s.startswith("struct<"):
        return "struct"
    if u.startswith("MAP"):
        return "map"
    if u in ("BOOLEAN", "BOOL"):
        return "boolean"
    if re.fullmatch(r"U?(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT)|U?INT(8|16|32|64)|BIGNUM", u):
        return "integer"
    if u.startswith("DECIMAL"):
        return "decimal"
    if u in ("FLOAT", "DOUBLE", "FLOAT32", "FLOAT64", "REAL", "HALFFLOAT"):
        return "float"
    if u in ("DATE", "DATE32[DAY]"):
        return "date"
    if u.startswith("TIMESTAMP"):
        return "timestamptz" if ("TIME ZONE" in u or "UTC" in u or "TZ=" in u) else "timestamp"
    if u.startswith("TIME"):
        return "timetz" if "TIME ZONE" in u else "time"
    if u == "UUID":
        return "uuid"
    if u in ("VARCHAR", "STRING", "TEXT", "LARGE_STRING"):
        return "string"
    if u in ("JSON", "EXTENSION<ARROW.JSON>"):
        return "json"
    if u in ("BLOB", "BINARY"):
        return "binary"
    return s.lower()


def show(v):
    """A JSON-safe rendering of a cell for the report."""
    if v is None or isinstance(v, (bool, str)):
        return v
    if isinstance(v, int):
        return v if abs(v) < 2**53 else str(v)
    if isinstance(v, float):
        return repr(v) if (math.isnan(v) or math.isinf(v) or v == 0) else v
    if isinstance(v, (list, tuple)):
        return [show(x) for x in v]
    if isinstance(v, dict):
        return {str(k): show(x) for k, x in v.items()}
    if isinstance(v, (bytes, bytearray)):
        return bytes(v).hex()
    if isinstance(v, datetime.datetime):
        return v.isoformat()
    return str(v)


def compare(tarn, readers, max_cells, json_text=False):
    summary = {}
    differences = []
    truncated = False

    def note(column, against, kind, example):
        key = (column, against, kind)
        entry = summary.setdefault(key, {"column": column, "against": against, "kind": kind,
                                         "count": 0, "example": example})
        entry["count"] += 1

    names = tarn["columns"]
    for side, data in readers.items():
        if data.get("error"):
            note("*", side, "error", data["error"])
        if not data["columns"] and data.get("error"):
            continue
        if len(data["rows"]) != len(tarn["rows"]):
            note("*", side, "rows", {"tarn": len(tarn["rows"]), side: len(data["rows"])})
        if len(data["columns"]) != len(names):
            note("*", side, "columns", {"tarn": names, side: data["columns"]})
    # Columns by position; a reader with another column count is compared by name.
    position = {}
    for side, data in readers.items():
        if len(data["columns"]) == len(names):
            position[side] = list(range(len(names)))
        else:
            position[side] = [data["columns"].index(n) if n in data["columns"] else None for n in names]

    types = []
    for j, name in enumerate(names):
        entry = {"name": name, "tarn": tarn["types"][j], "parquet": tarn["parquet_types"][j]}
        # What any reader of the Parquet file sees: Tarn's type, unless the writer stores
        # it as another (uuid as text, time as INT64 microseconds).
        if type_class(tarn["types"][j]) != type_class(tarn["parquet_types"][j]):
            note(name, "parquet", "type", {"tarn": tarn["types"][j], "parquet": tarn["parquet_types"][j]})
        for side, data in readers.items():
            k = position[side][j]
            if k is None:
                continue
            entry[side] = data["types"][k]
            if data["columns"][k] != name:
                note(name, side, "name", {"tarn": name, side: data["columns"][k]})
            if data["types"][k] not in ("text", "json"):
                tc, oc = type_class(tarn["types"][j]), type_class(data["types"][k])
                if tc != oc:
                    note(name, side, "type", {"tarn": tarn["types"][j], side: data["types"][k]})
        types.append(entry)

    for i, row in enumerate(tarn["rows"]):
        for j, name in enumerate(names):
            t = row[j]
            differing = []
            lost = lost_digits(t, [data["rows"][i][position[side][j]] for side, data in readers.items()
                                   if data["types"] and data["types"][0] in ("text", "json")
                                   and position[side][j] is not None and i < len(data["rows"])])
            if lost is not None:
                note(name, "raw", "precision", {"row": i, "tarn": show(t), "raw": lost})
                if len(differences) < max_cells:
                    differences.append({"row": i, "column": name, "kind": "precision", "against": ["raw"],
                                        "tarn": show(t), "raw": lost})
                else:
                    truncated = True
            for side, data in readers.items():
                k = position[side][j]
                if k is None or i >= len(data["rows"]):
                    continue
                o = data["rows"][i][k]
                if t is None and o in data.get("null_tokens", ()):
                    continue  # the expected text is a null token: Tarn's null is its reading
                if not same(t, o, json_text):
                    differing.append(side)
            if not differing:
                continue
            cell = {"row": i, "column": name, "kind": "value", "against": differing, "tarn": show(t)}
            for side, data in readers.items():
                k = position[side][j]
                cell[side] = show(data["rows"][i][k]) if k is not None and i < len(data["rows"]) else "(absent)"
            for side in differing:
                note(name, side, "value", {"row": i, "tarn": cell["tarn"], side: cell[side]})
            if len(differences) < max_cells:
                differences.append(cell)
            else:
                truncated = True
    return types, list(summary.values()), differences, truncated


# --------------------------------------------------------------------------- main


def load_schema(schema_json=None, tarn=None, raw=None):
    if schema_json:
        with open(schema_json, encoding="utf-8") as f:
            document = json.load(f)
    elif tarn:
        out = subprocess.run([tarn, "schema", "--json", raw], check=True, stdout=subprocess.PIPE).stdout
        document = json.loads(out)
    else:
        return {}
    if "files" in document:
        document = document["files"][0]
    return document


def report(raw, parquet, schema, expected=None, fmt="auto", nulls=NULL_TOKENS, max_cells=200,
           with_duckdb=True):
    """The differential report of one conversion (see the module's docstring)."""
    data = raw_bytes(raw)
    if fmt == "auto":
        fmt = schema.get("format") or detect_format(raw, data)
    dialect = schema.get("dialect") or {}

    tarn = read_tarn(parquet)
    apply_tarn_types(tarn, {c["name"]: c["type"] for c in schema.get("columns", [])})

    readers = {}
    if fmt == "csv":
        readers["python"] = python_csv(data, dialect, set(nulls))
    else:
        readers["python"] = python_json(data)
    if expected:
        readers["expected"] = expected_records(expected, set(nulls))
    if with_duckdb:
        # DuckDB reads an uncompressed copy with the raw file's own name.
        folder = tempfile.mkdtemp(prefix="tarn-differential-")
        try:
            copy = os.path.join(folder, base_name(raw))
            with open(copy, "wb") as f:
                f.write(data)
            if fmt == "csv":
                readers["duckdb"] = duckdb_read(copy, "read_csv", {"auto_detect": "true"})
                readers["duckdb_forced"] = duckdb_read(copy, "read_csv", duckdb_forced_options(dialect, nulls))
            else:
                readers["duckdb"] = duckdb_read(copy, "read_json_auto", {})
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    types, summary, differences, truncated = compare(tarn, readers, max_cells, json_text=fmt == "json")
    out = {
        "raw": raw, "parquet": parquet, "format": fmt, "dialect": dialect or None,
        "readers": {"tarn": {"rows": len(tarn["rows"]), "columns": tarn["columns"], "types": tarn["types"],
                             "parquet_types": tarn["parquet_types"]}},
        "columns": types, "summary": summary, "differences": differences, "truncated": truncated,
    }
    for side, r in readers.items():
        out["readers"][side] = {k: v for k, v in r.items() if k not in ("rows", "null_tokens")}
        out["readers"][side]["rows"] = len(r["rows"])
    return out


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("raw", nargs="?")
    p.add_argument("parquet", nargs="?")
    p.add_argument("--schema-json", help="`tarn schema --json RAW` output")
    p.add_argument("--tarn", help="the tarn binary, to run `tarn schema --json RAW` here")
    p.add_argument("--expected-records", help="a JSON array of records to compare with too")
    p.add_argument("--format", choices=["auto", "csv", "json"], default="auto")
    p.add_argument("--null", action="append", help="Tarn's null tokens (default: Tarn's defaults)")
    p.add_argument("--max-cells", type=int, default=200, help="differing cells listed (all are counted)")
    p.add_argument("--no-duckdb", action="store_true", help="compare with Python only")
    p.add_argument("--batch", help="a JSON file listing jobs [{raw, parquet, schema_json, expected_records?}]: "
                                   "one report per job, one per line (one process for many files)")
    args = p.parse_args(argv)
    nulls = args.null if args.null else NULL_TOKENS

    if args.batch:
        with open(args.batch, encoding="utf-8") as f:
            jobs = json.load(f)
        for job in jobs:
            try:
                r = report(job["raw"], job["parquet"], load_schema(job.get("schema_json")),
                           expected=job.get("expected_records"), fmt=args.format, nulls=nulls,
                           max_cells=args.max_cells, with_duckdb=not args.no_duckdb)
            except Exception as e:  # noqa: BLE001 - one broken job must not hide the others
                r = {"raw": job.get("raw"), "parquet": job.get("parquet"), "error": first_line(e)}
            print(json.dumps(r, ensure_ascii=False), flush=True)
        return 0
    if not args.raw or not args.parquet:
        p.error("RAW and PARQUET are required (or --batch)")
    r = report(args.raw, args.parquet, load_schema(args.schema_json, args.tarn, args.raw),
               expected=args.expected_records, fmt=args.format, nulls=nulls,
               max_cells=args.max_cells, with_duckdb=not args.no_duckdb)
    json.dump(r, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
