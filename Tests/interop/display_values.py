# Prints every value of Parquet files as text, the way Column.displayValue shows it (see
# Sources/TarnCore/Batch/Column+Display.swift), from what pyarrow reads: the independent side
# of the reader's value tests. Prints one JSON object {path: [column: [text per row]]}, or
# {path: "error: ..."} for a file pyarrow cannot read.
#
#   python display_values.py FILE.parquet...
import sys, json, decimal
import pyarrow as pa, pyarrow.parquet as pq, struct, math

def f32(v):
    if math.isnan(v): return "nan"
    if math.isinf(v): return "inf" if v > 0 else "-inf"
    bits = struct.pack('<f', v)
    for p in range(0, 12):
        s = '%.*e' % (p, v)
        if struct.pack('<f', float(s)) == bits: return repr(float(s))
    return repr(v)

def pad(v, w):
    s = str(abs(v)).rjust(w, '0')
    return '-' + s if v < 0 else s

def civil(days):
    z = days + 719468
    era = (z if z >= 0 else z - 146096) // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d

def date(days):
    y, m, d = civil(days)
    return f"{pad(y,4)}-{pad(m,2)}-{pad(d,2)}"

PER = {'ms': 1000, 'us': 10**6, 'ns': 10**9, 's': 1}
DIG = {'ms': 3, 'us': 6, 'ns': 9, 's': 0}
def tod(v, unit):
    s, f = divmod(v, PER[unit])
    t = f"{pad(s//3600,2)}:{pad(s//60%60,2)}:{pad(s%60,2)}"
    if f: t += "." + pad(f, DIG[unit])
    return t

def blob(b):
    out = []
    for x in b:
        if 0x20 <= x < 0x7f and x != 0x5c: out.append(chr(x))
        else: out.append("\\x%02X" % x)
    return "".join(out)

def render(arr, nested):
    t = arr.type
    null = "null" if nested else "NULL"

    valid = arr.is_valid().to_pylist()
    if pa.types.is_timestamp(t):
        ints = arr.cast(pa.int64()).to_pylist()
        unit = t.unit
        res = []
        for v in ints:
            if v is None: res.append(null); continue
            days, rest = divmod(v, PER[unit] * 86400)
            res.append(date(days) + " " + tod(rest, unit) + ("Z" if t.tz is not None else ""))
        return res
    if pa.types.is_time(t):
        ints = arr.cast(pa.int64()).to_pylist()
        return [null if v is None else tod(v, t.unit) for v in ints]
    if pa.types.is_date32(t):
        ints = arr.cast(pa.int32()).to_pylist()
        return [null if v is None else date(v) for v in ints]
    if pa.types.is_decimal(t):
        return [null if v is None else format(v, 'f') for v in arr.to_pylist()]
    if pa.types.is_float16(t):
        arr = arr.cast(pa.float32()); t = arr.type
    if pa.types.is_float32(t):
        return [null if v is None else f32(v) for v in arr.to_pylist()]
    if pa.types.is_float64(t):
        return [null if v is None else repr(v) for v in arr.to_pylist()]
    if pa.types.is_boolean(t):
        return [null if v is None else ("true" if v else "false") for v in arr.to_pylist()]
    if pa.types.is_integer(t):
        return [null if v is None else str(v) for v in arr.to_pylist()]
    if pa.types.is_string(t) or pa.types.is_large_string(t):
        return [null if v is None else v for v in arr.to_pylist()]
    if pa.types.is_binary(t) or pa.types.is_fixed_size_binary(t) or pa.types.is_large_binary(t):
        return [null if v is None else blob(v) for v in arr.to_pylist()]
    if pa.types.is_null(t):
        return [null] * len(arr)
    if pa.types.is_map(t):
        keys = render(arr.keys, True); items = render(arr.items, True)
        offs = arr.offsets.to_pylist()
        return [null if not valid[i] else "{" + ", ".join(f"{keys[j]}: {items[j]}" for j in range(offs[i], offs[i+1])) + "}" for i in range(len(arr))]
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        vals = render(arr.values, True)
        offs = arr.offsets.to_pylist()
        return [null if not valid[i] else "[" + ", ".join(vals[offs[i]:offs[i+1]]) + "]" for i in range(len(arr))]
    if pa.types.is_struct(t):
        kids = [(t.field(k).name, render(arr.field(k), True)) for k in range(t.num_fields)]
        return [null if not valid[i] else "{" + ", ".join(f"{n}: {c[i]}" for n, c in kids) + "}" for i in range(len(arr))]
    if isinstance(t, pa.BaseExtensionType):  # also the built-in ones (arrow.json, arrow.uuid)
        return render(arr.storage, nested)
    return ["?" + str(t)] * len(arr)

out = {}
for path in sys.argv[1:]:
    try:
        table = pq.read_table(path)
        cols = []
        for c in table.columns:
            cols.append(render(c.combine_chunks() if c.num_chunks != 1 else c.chunk(0), False))
        out[path] = cols
    except Exception as e:
        out[path] = "error: " + str(e)
print(json.dumps(out))
