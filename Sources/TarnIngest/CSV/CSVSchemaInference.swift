import TarnCore

/// Infers the column types of a CSV file: from samples (the head, and for an uncompressed
/// file four more places spread over it, so a change of values late in the file is seen),
/// or from every record.
public enum CSVSchemaInference {
    /// - Parameter sampleBytes: bytes looked at in all; nil reads the whole input.
    public static func infer(_ input: RawInput, layout: CSVLayout, nullTokens: NullTokens = .standard,
                             formats: TemporalFormats = .iso, sampleBytes: Int? = 1 << 20, threads: Int = 2) throws -> InferredSchema {
        var types = [InferredType](repeating: InferredType(formats: formats), count: layout.columnNames.count)
        var records = 0
        var stream = try CSVRecordStream(source: try input.open(), dialect: layout.dialect, start: layout.dataOffset,
                                         startLine: layout.dataLine, threads: sampleBytes == nil ? threads : 1,
                                         windowBytes: sampleBytes.map { max($0 / 2, 4096) } ?? 8 << 20)
        defer { stream.close() }
        var wholeInput = true
        while let parts = try stream.nextWindow({ part in try observe(part, layout: layout, nullTokens: nullTokens, formats: formats) }) {
            for part in parts {
                for c in types.indices { types[c].merge(part.types[c]) }
                records += part.records
            }
            if sampleBytes != nil {
                // One window is the head sample; the rest of the file is sampled by place.
                wholeInput = stream.isAtEnd
                break
            }
        }
        if let sampleBytes, !wholeInput, input.compression == .none {
            let size = input.fileSize
            let piece = max(sampleBytes / 8, 4096)
            for k in 1...4 {
                let at = layout.dataOffset + (size - layout.dataOffset) * k / 5
                let bytes = try input.file.read(at: at, count: piece)
                guard let start = firstRecordStart(bytes) else { continue }
                let observed: ObservedPart? = bytes.withUnsafeBytes { raw in
                    let sample = CSVRecordStream.Part(index: 0, bytes: UnsafeRawBufferPointer(rebasing: raw[start...]), isFinal: at + bytes.count >= size,
                                                      startLine: 0, startOffset: at + start)
                    // A sample may start inside a quoted field: one that fails to tokenize is dropped.
                    return try? observe(sample, layout: layout, nullTokens: nullTokens, formats: formats).result
                }
                guard let observed else { continue }
                for c in types.indices { types[c].merge(observed.types[c]) }
                records += observed.records
            }
        }
        var fields: [Field] = []
        var explanations: [InferredSchema.Explanation] = []
        for (name, type) in zip(layout.columnNames, types) {
            fields.append(Field(name, type.type))
            explanations.append(.init(column: name, type: type.type, reason: type.explanation))
        }
        return InferredSchema(schema: Schema(fields), explanations: explanations, recordsSampled: records, wholeInput: wholeInput)
    }

    struct ObservedPart {
        var types: [InferredType]
        var records: Int
    }

    static func observe(_ part: CSVRecordStream.Part, layout: CSVLayout, nullTokens: NullTokens, formats: TemporalFormats) throws -> (consumed: Int, nextLine: Int, result: ObservedPart) {
        var tokenizer = CSVTokenizer(dialect: layout.dialect, options: .init(maxRecordsPerBlock: 1 << 30),
                                     startLine: part.startLine, startOffset: part.startOffset, atStreamStart: false)
        var block = CSVRecordBlock()
        let consumed = try tokenizer.tokenize(part.bytes, isFinal: part.isFinal, into: &block)
        let columnCount = layout.columnNames.count
        let selection = CSVRecordSelection(block: block, columnCount: columnCount)
        var types = [InferredType](repeating: InferredType(formats: formats), count: columnCount)
        block.withView { view in
            for c in 0..<columnCount {
                for run in selection.runs {
                    let values = CSVColumnValues(view: view, chunk: part.bytes, dialect: layout.dialect, column: c, records: run)
                    types[c].observe(values, nullTokens: nullTokens)
                }
            }
        }
        return (consumed, tokenizer.nextLine, ObservedPart(types: types, records: selection.count))
    }

    /// The offset after the first line break (a sample taken mid-file starts there).
    static func firstRecordStart(_ bytes: [UInt8]) -> Int? {
        guard let k = bytes.firstIndex(where: { $0 == 0x0A || $0 == 0x0D }) else { return nil }
        var start = k + 1
        if bytes[k] == 0x0D && start < bytes.count && bytes[start] == 0x0A { start += 1 }
        return start < bytes.count ? start : nil
    }
}

extension InferredType {
    /// Observes every value of a block's column (null tokens, when unquoted, count as nulls).
    public mutating func observe<Values: RawTextValues>(_ values: Values, nullTokens: NullTokens) {
        for i in 0..<values.count {
            values.withValue(i) { raw, quoted in
                if !quoted && nullTokens.matches(raw) { observeNull() } else { observe(raw) }
            }
        }
    }
}
