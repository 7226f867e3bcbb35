import TarnCore

/// Infers a table schema from JSON records, one record at a time; two inferences merge
/// (parts of a file read in parallel, several files of one table).
///
/// Every path in the records (`a`, `a.b`, `tags.element`) gets a node counting what its
/// values were; `inferredSchema` resolves each node to the narrowest type that holds every
/// value (JSONSchemaInference+Decision.swift has the rules). Objects become structs,
/// arrays lists, to any depth; keys are unioned across records in first-seen order.
///
/// The nodes live in one array (indices, not references), so the whole inference is a
/// value: copying it copies the statistics, and merging never aliases.
public struct JSONSchemaInference: Sendable {
    /// Node 0 is the record itself (an object; its keys are the table's columns).
    var nodes: [Node] = [Node()]
    /// Object records observed.
    public private(set) var recordCount = 0
    /// Records that were not objects (a table row needs column names), not observed.
    public private(set) var nonObjectRecords = 0

    public init() {}

    /// What the values at one path were.
    struct Node: Sendable {
        var nulls = 0
        var booleans = 0
        /// Integers that fit an Int64, and their range.
        var integers = 0
        var integerMin = Int64.max
        var integerMax = Int64.min
        /// Integers beyond Int64, and the most digits one had.
        var bigIntegers = 0
        var bigIntegerDigits = 0
        /// Numbers with a fraction or an exponent.
        var fractions = 0
        /// Numbers float64 would round (more than 15 significant digits, integers beyond
        /// 2^53, underflow), numbers with an exponent, and the widest fixed-point shape seen
        /// (digits after and before the point): what decides float64 vs decimal vs text.
        var inexactDoubles = 0
        var exponents = 0
        var maxScale = 0
        var maxIntegerDigits = 0
        /// Numbers too large for a finite Double (`1e400`), and the first one.
        var hugeNumbers = 0
        var firstHugeNumber: String?
        var strings = 0
        /// Strings by what they look like; once one is plain text (`texts > 0`), the rest
        /// are not looked at.
        var dates = 0
        var zonedTimestamps = 0
        var localTimestamps = 0
        var uuids = 0
        var texts = 0
        var firstText: String?
        var objects = 0
        var arrays = 0
        var arrayElements = 0
        var longestArray = 0
        /// Keys in first-seen order (decoded UTF-8), their nodes, and a lookup for keys
        /// that do not come in the usual order.
        var names: [[UInt8]] = []
        var children: [Int] = []
        var lookup: [[UInt8]: Int] = [:]
        /// The node of the arrays' elements, or -1.
        var element = -1

        var numbers: Int { integers + bigIntegers + fractions }
        var scalars: Int { booleans + numbers + strings }
        /// Values of more than one kind where one is a container: such a path is a JSON
        /// text column whatever else comes, so its children need no more counting.
        var isMixedWithContainer: Bool {
            (objects > 0 && (arrays > 0 || scalars > 0)) || (arrays > 0 && scalars > 0)
        }
    }

    /// Observes one record: `root` is its first token in `tape`, whose offsets index
    /// `bytes`. Returns false (and observes nothing) when the record is not an object.
    @discardableResult
    public mutating func observe(record root: Int, in tape: JSONTape, bytes: UnsafeRawBufferPointer) -> Bool {
        let view = JSONTapeView(tape, bytes)
        guard view.kind(root) == JSONTapeView.objectStart else {
            nonObjectRecords += 1
            return false
        }
        recordCount += 1
        observeValue(0, root, view)
        return true
    }

    mutating func observeValue(_ n: Int, _ t: Int, _ view: JSONTapeView) {
        switch view.kind(t) {
        case JSONTapeView.null:
            nodes[n].nulls += 1
        case JSONTapeView.true, JSONTapeView.false:
            nodes[n].booleans += 1
        case JSONTapeView.number:
            observeNumber(n, t, view)
        case JSONTapeView.string:
            observeString(n, t, view)
        case JSONTapeView.objectStart:
            nodes[n].objects += 1
            if nodes[n].isMixedWithContainer { return }
            observeMembers(n, t, view)
        default: // arrayStart
            nodes[n].arrays += 1
            if nodes[n].isMixedWithContainer { return }
            var element = nodes[n].element
            if element < 0 {
                element = nodes.count
                nodes.append(Node())
                nodes[n].element = element
            }
            let close = view.closing(t)
            var e = t + 1
            var length = 0
            while e < close {
                observeValue(element, e, view)
                length += 1
                e = view.nextSibling(e)
            }
            nodes[n].arrayElements += length
            nodes[n].longestArray = max(nodes[n].longestArray, length)
        }
    }

    mutating func observeNumber(_ n: Int, _ t: Int, _ view: JSONTapeView) {
        if view.isInteger(t) {
            let digits = view.digitCount(t)
            nodes[n].maxIntegerDigits = max(nodes[n].maxIntegerDigits, digits)
            if let value = view.int64(t) {
                nodes[n].integers += 1
                if value < nodes[n].integerMin { nodes[n].integerMin = value }
                if value > nodes[n].integerMax { nodes[n].integerMax = value }
                if value.magnitude > 1 << 53 { nodes[n].inexactDoubles += 1 }
                return
            }
            nodes[n].bigIntegers += 1
            nodes[n].inexactDoubles += 1
            nodes[n].bigIntegerDigits = max(nodes[n].bigIntegerDigits, digits)
            return
        }
        nodes[n].fractions += 1
        let text = view.slice(t)
        let shape = Self.fixedPointShape(text)
        if let shape {
            nodes[n].maxScale = max(nodes[n].maxScale, shape.scale)
            nodes[n].maxIntegerDigits = max(nodes[n].maxIntegerDigits, shape.integerDigits)
        } else {
            nodes[n].exponents += 1
        }
        guard let value = view.double(t) else {
            nodes[n].hugeNumbers += 1
            if nodes[n].firstHugeNumber == nil { nodes[n].firstHugeNumber = view.text(t, limit: 40) }
            return
        }
        if !InferredType.isExactDouble(value, text) { nodes[n].inexactDoubles += 1 }
    }

    mutating func observeString(_ n: Int, _ t: Int, _ view: JSONTapeView) {
        nodes[n].strings += 1
        guard nodes[n].texts == 0 else { return }
        // Dates and timestamps are short; anything of another length is text at once.
        let length = view.end(t) - view.start(t)
        if length >= 10 && length <= 40 {
            let kind: Int = view.isEscaped(t)
                ? view.decoded(t).withUnsafeBytes { Self.temporalKind($0) }
                : Self.temporalKind(view.slice(t))
            switch kind {
            case 1: nodes[n].dates += 1; return
            case 2: nodes[n].zonedTimestamps += 1; return
            case 3: nodes[n].localTimestamps += 1; return
            case 4: nodes[n].uuids += 1; return
            default: break
            }
        }
        nodes[n].texts += 1
        nodes[n].firstText = view.text(t, limit: 40)
    }

    /// Digits after the point and before it (without leading zeros) of a number without an
    /// exponent; nil for one with an exponent.
    static func fixedPointShape(_ bytes: UnsafeRawBufferPointer) -> (scale: Int, integerDigits: Int)? {
        var scale = 0, integerDigits = 0
        var afterPoint = false, leading = true
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "."): afterPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"): return nil
            case 48...57:
                if afterPoint { scale += 1 } else if !(leading && byte == 48) { integerDigits += 1; leading = false }
            default: break
            }
        }
        return (scale, integerDigits)
    }

    /// 1 date, 2 zoned timestamp, 3 local timestamp, 4 UUID, 0 none of them.
    static func temporalKind(_ bytes: UnsafeRawBufferPointer) -> Int {
        if bytes.count == 36 {
            var scratch: (UInt64, UInt64) = (0, 0)
            return withUnsafeMutableBytes(of: &scratch) { ValueParsing.uuid(bytes, into: $0) } ? 4 : 0
        }
        if ValueParsing.date(bytes) != nil { return 1 }
        if let timestamp = ValueParsing.timestamp(bytes) { return timestamp.hasZone ? 2 : 3 }
        return 0
    }

    mutating func observeMembers(_ n: Int, _ t: Int, _ view: JSONTapeView) {
        let close = view.closing(t)
        var member = t + 1
        // Keys usually come in the order first seen: check the next expected name by byte
        // comparison, and look the key up only when it is not that one.
        var cursor = 0
        while member < close {
            let value = member + 1
            let child: Int
            if !view.isEscaped(member), cursor < nodes[n].names.count,
               nodes[n].names[cursor].withUnsafeBytes({ view.keyEquals(member, $0) }) {
                child = nodes[n].children[cursor]
                cursor += 1
            } else {
                let name = view.isEscaped(member) ? view.decoded(member) : Array(view.slice(member))
                if let position = nodes[n].lookup[name] {
                    child = nodes[n].children[position]
                    cursor = position + 1
                } else {
                    child = nodes.count
                    nodes.append(Node())
                    cursor = nodes[n].names.count + 1
                    nodes[n].lookup[name] = nodes[n].names.count
                    nodes[n].names.append(name)
                    nodes[n].children.append(child)
                }
            }
            observeValue(child, value, view)
            member = view.nextSibling(value)
        }
    }

    // MARK: Merging

    /// Adds what `other` saw: counts add up, keys `other` has that this one lacks come
    /// after this one's, in `other`'s order.
    public mutating func merge(_ other: JSONSchemaInference) {
        recordCount += other.recordCount
        nonObjectRecords += other.nonObjectRecords
        mergeNode(0, other, 0)
    }

    mutating func mergeNode(_ n: Int, _ other: JSONSchemaInference, _ o: Int) {
        let b = other.nodes[o]
        do {
            var a = nodes[n]
            a.nulls += b.nulls
            a.booleans += b.booleans
            a.integers += b.integers
            a.integerMin = min(a.integerMin, b.integerMin)
            a.integerMax = max(a.integerMax, b.integerMax)
            a.bigIntegers += b.bigIntegers
            a.bigIntegerDigits = max(a.bigIntegerDigits, b.bigIntegerDigits)
            a.fractions += b.fractions
            a.inexactDoubles += b.inexactDoubles
            a.exponents += b.exponents
            a.maxScale = max(a.maxScale, b.maxScale)
            a.maxIntegerDigits = max(a.maxIntegerDigits, b.maxIntegerDigits)
            a.hugeNumbers += b.hugeNumbers
            a.firstHugeNumber = a.firstHugeNumber ?? b.firstHugeNumber
            a.strings += b.strings
            a.dates += b.dates
            a.zonedTimestamps += b.zonedTimestamps
            a.localTimestamps += b.localTimestamps
            a.uuids += b.uuids
            a.texts += b.texts
            a.firstText = a.firstText ?? b.firstText
            a.objects += b.objects
            a.arrays += b.arrays
            a.arrayElements += b.arrayElements
            a.longestArray = max(a.longestArray, b.longestArray)
            nodes[n] = a
        }
        for (position, name) in b.names.enumerated() {
            if let mine = nodes[n].lookup[name] {
                mergeNode(nodes[n].children[mine], other, b.children[position])
            } else {
                let child = copySubtree(other, b.children[position])
                nodes[n].lookup[name] = nodes[n].names.count
                nodes[n].names.append(name)
                nodes[n].children.append(child)
            }
        }
        if b.element >= 0 {
            if nodes[n].element >= 0 {
                mergeNode(nodes[n].element, other, b.element)
            } else {
                let element = copySubtree(other, b.element)
                nodes[n].element = element
            }
        }
    }

    /// Copies node `o` of `other` and everything under it; returns the copy's index.
    mutating func copySubtree(_ other: JSONSchemaInference, _ o: Int) -> Int {
        let index = nodes.count
        var copy = other.nodes[o]
        copy.children = []
        copy.element = -1
        nodes.append(copy)
        var children: [Int] = []
        for child in other.nodes[o].children { children.append(copySubtree(other, child)) }
        nodes[index].children = children
        if other.nodes[o].element >= 0 {
            let element = copySubtree(other, other.nodes[o].element)
            nodes[index].element = element
        }
        return index
    }
}
