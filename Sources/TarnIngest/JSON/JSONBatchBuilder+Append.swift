import TarnCore

// The hot path: one record's tokens, walked once, into the column nodes.

extension JSONBatchBuilder {
    /// Appends the object record whose first token is `root` (offsets index `bytes`).
    public mutating func append(record root: Int, in tape: JSONTape, bytes: UnsafeRawBufferPointer) throws(WideningNeeded) {
        let view = JSONTapeView(tape, bytes)
        precondition(view.kind(root) == JSONTapeView.objectStart, "a record must be an object")
        try appendMembers(0, root, view)
    }

    mutating func appendValue(_ n: Int, _ t: Int, _ v: JSONTapeView) throws(WideningNeeded) {
        let k = v.kind(t)
        let row = nodes[n].rows
        if k == JSONTapeView.null {
            guard nodes[n].nullable else { throw widening(n, t, v) }
            nodes[n].validity.appendNull(at: row)
            appendPlaceholderValue(n, row)
            return
        }
        switch nodes[n].kind {
        case .boolean:
            guard k == JSONTapeView.true || k == JSONTapeView.false else { throw widening(n, t, v) }
            nodes[n].bits.append(k == JSONTapeView.true, at: row)
        case .int32(let low, let high):
            guard k == JSONTapeView.number, v.isInteger(t), let x = v.int64(t), x >= low, x <= high else { throw widening(n, t, v) }
            nodes[n].int32s.append(Int32(truncatingIfNeeded: x))
        case .int64:
            guard k == JSONTapeView.number, v.isInteger(t), let x = v.int64(t) else { throw widening(n, t, v) }
            nodes[n].int64s.append(x)
        case .uint64:
            guard k == JSONTapeView.number, v.isInteger(t), let x = Self.uint64(v.slice(t)) else { throw widening(n, t, v) }
            nodes[n].int64s.append(Int64(bitPattern: x))
        case .float64:
            guard k == JSONTapeView.number, let x = v.double(t) else { throw widening(n, t, v) }
            nodes[n].doubles.append(x)
        case .float32:
            guard k == JSONTapeView.number, let x = v.double(t), Float(x).isFinite else { throw widening(n, t, v) }
            nodes[n].floats.append(Float(x))
        case .decimal(let precision, let scale):
            guard k == JSONTapeView.number, let x = Self.decimal(v.slice(t), precision: precision, scale: scale) else { throw widening(n, t, v) }
            switch nodes[n].storage {
            case .int32: nodes[n].int32s.append(Int32(truncatingIfNeeded: x))
            case .int64: nodes[n].int64s.append(Int64(truncatingIfNeeded: x))
            default: nodes[n].int128s.append(x)
            }
        case .string:
            if k == JSONTapeView.string || k == JSONTapeView.key { // a key: a map's key column
                if v.isEscaped(t) {
                    v.tape.appendUnescapedBytes(t, in: v.bytes, to: &nodes[n].data)
                } else {
                    nodes[n].data.append(contentsOf: v.typedSlice(t))
                }
            } else if k == JSONTapeView.number || k == JSONTapeView.true || k == JSONTapeView.false {
                // A column of mixed scalars: numbers and booleans as their JSON text.
                nodes[n].data.append(contentsOf: v.typedSlice(t))
            } else {
                throw widening(n, t, v)
            }
            nodes[n].offsets.append(Int32(truncatingIfNeeded: nodes[n].data.count))
        case .json:
            v.tape.appendCompactText(t, in: v.bytes, to: &nodes[n].data)
            nodes[n].offsets.append(Int32(truncatingIfNeeded: nodes[n].data.count))
        case .date:
            guard k == JSONTapeView.string, let day = withText(t, v, { ValueParsing.date($0) }) else { throw widening(n, t, v) }
            nodes[n].int32s.append(day)
        case .time(let unit):
            guard k == JSONTapeView.string, let micros = withText(t, v, { ValueParsing.timeOfDay($0) }),
                  let value = Self.convert(micros: micros, to: unit) else { throw widening(n, t, v) }
            if nodes[n].storage == .int32 { nodes[n].int32s.append(Int32(truncatingIfNeeded: value)) } else { nodes[n].int64s.append(value) }
        case .timestamp(let unit, let utc):
            guard k == JSONTapeView.string, let micros = withText(t, v, { ValueParsing.columnTimestamp($0, utc: utc) }),
                  let value = Self.convert(micros: micros, to: unit) else { throw widening(n, t, v) }
            nodes[n].int64s.append(value)
        case .uuid:
            guard k == JSONTapeView.string else { throw widening(n, t, v) }
            var uuid: (UInt64, UInt64) = (0, 0)
            let ok = withUnsafeMutableBytes(of: &uuid) { out in withText(t, v) { ValueParsing.uuid($0, into: out) } }
            guard ok else { throw widening(n, t, v) }
            withUnsafeBytes(of: &uuid) { nodes[n].data.append(contentsOf: $0) }
        case .list:
            guard k == JSONTapeView.arrayStart else { throw widening(n, t, v) }
            let element = nodes[n].element
            let close = v.closing(t)
            var e = t + 1
            var length = 0
            while e < close {
                try appendValue(element, e, v)
                length += 1
                e = v.nextSibling(e)
            }
            nodes[n].offsets.append(nodes[n].offsets[nodes[n].offsets.count - 1] &+ Int32(truncatingIfNeeded: length))
        case .structure:
            guard k == JSONTapeView.objectStart else { throw widening(n, t, v) }
            try appendMembers(n, t, v)
            return // appendMembers counts the row and its validity
        case .map:
            guard k == JSONTapeView.objectStart else { throw widening(n, t, v) }
            let keys = nodes[n].keyNode, items = nodes[n].element
            let close = v.closing(t)
            var member = t + 1
            var length = 0
            while member < close {
                try appendValue(keys, member, v) // a key token reads as a string
                try appendValue(items, member + 1, v)
                length += 1
                member = v.nextSibling(member + 1)
            }
            nodes[n].offsets.append(nodes[n].offsets[nodes[n].offsets.count - 1] &+ Int32(truncatingIfNeeded: length))
        }
        nodes[n].validity.appendValid(at: row)
        nodes[n].rows = row + 1
    }

    /// Appends an object to struct node `n` (node 0: the record).
    mutating func appendMembers(_ n: Int, _ t: Int, _ v: JSONTapeView) throws(WideningNeeded) {
        generation &+= 1
        let stamp = generation
        let row = nodes[n].rows
        let childCount = nodes[n].children.count
        let close = v.closing(t)
        var member = t + 1
        var cursor = 0
        var filled = 0
        while member < close {
            let value = member + 1
            // Keys usually come in schema order: compare with the next expected name first.
            var position: Int
            if cursor < childCount && !v.isEscaped(member)
                && nodes[n].names[cursor].withUnsafeBytes({ v.keyEquals(member, $0) }) {
                position = cursor
            } else {
                position = lookup(n, member, v)
                if position < 0 {
                    if ignoresUnknownKeys {
                        member = v.nextSibling(value)
                        continue
                    }
                    throw unknownKey(n, member, v)
                }
            }
            let child = nodes[n].children[position]
            if nodes[n].stamps[position] == stamp {
                truncate(child, to: row) // a duplicate key: the last value wins
            } else {
                nodes[n].stamps[position] = stamp
                filled += 1
            }
            try appendValue(child, value, v)
            cursor = position + 1
            member = v.nextSibling(value)
        }
        if filled < childCount {
            for position in 0 ..< childCount where nodes[n].stamps[position] != stamp {
                let child = nodes[n].children[position]
                guard nodes[child].nullable else { throw missingKey(child, t, v) }
                appendNull(child)
            }
        }
        nodes[n].validity.appendValid(at: row)
        nodes[n].rows = row + 1
    }

    /// The child position of a key not found where expected, or -1.
    func lookup(_ n: Int, _ key: Int, _ v: JSONTapeView) -> Int {
        let name = v.isEscaped(key) ? v.decoded(key) : Array(v.slice(key))
        return nodes[n].lookup[name] ?? -1
    }

    /// Runs `body` on a string token's decoded bytes (copied only when it has escapes).
    @inline(__always)
    func withText<R>(_ t: Int, _ v: JSONTapeView, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        if v.isEscaped(t) { return v.decoded(t).withUnsafeBytes(body) }
        return body(v.slice(t))
    }

    // MARK: Value conversions

    static func uint64(_ bytes: UnsafeRawBufferPointer) -> UInt64? {
        guard let first = bytes.first, first != 0x2D else { return bytes.count == 2 && bytes[1] == 0x30 ? 0 : nil }
        var value: UInt64 = 0
        for b in bytes {
            let (times10, o1) = value.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(b &- 0x30))
            if o1 || o2 { return nil }
            value = sum
        }
        return value
    }

    /// A number's unscaled value at `scale`, when it has no more fraction digits than that
    /// and fits `precision` digits (exponents are not exact decimals here: nil).
    static func decimal(_ bytes: UnsafeRawBufferPointer, precision: Int, scale: Int) -> Int128? {
        guard let parsed = ValueParsing.decimal(bytes), parsed.scale <= scale else { return nil }
        var value = parsed.unscaled
        for _ in parsed.scale ..< scale {
            let (next, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = next
        }
        var limit: Int128 = 1
        for _ in 0 ..< precision { limit *= 10 }
        return value.magnitude < limit.magnitude ? value : nil
    }

    static func convert(micros: Int64, to unit: TimeUnit) -> Int64? {
        switch unit {
        case .microseconds: return micros
        case .milliseconds: return micros % 1000 == 0 ? micros / 1000 : nil
        case .nanoseconds:
            let (value, overflow) = micros.multipliedReportingOverflow(by: 1000)
            return overflow ? nil : value
        }
    }

    // MARK: Errors

    func widening(_ n: Int, _ t: Int, _ v: JSONTapeView) -> WideningNeeded {
        let value = v.kind(t) == JSONTapeView.null ? "null" : v.text(t)
        return WideningNeeded(column: nodes[n].path, type: nodes[n].type, value: value,
                              location: SourceLocation(byteOffset: v.start(t)))
    }

    /// A key the schema does not have: the new column's path, the enclosing struct's type.
    func unknownKey(_ n: Int, _ key: Int, _ v: JSONTapeView) -> WideningNeeded {
        let name = v.text(key)
        let path = nodes[n].path.isEmpty ? name : nodes[n].path + "." + name
        return WideningNeeded(column: path, type: nodes[n].type, value: v.text(key + 1),
                              location: SourceLocation(byteOffset: v.start(key)))
    }

    /// A required field missing from an object.
    func missingKey(_ child: Int, _ object: Int, _ v: JSONTapeView) -> WideningNeeded {
        WideningNeeded(column: nodes[child].path, type: nodes[child].type, value: "(missing)",
                       location: SourceLocation(byteOffset: v.start(object)))
    }
}
