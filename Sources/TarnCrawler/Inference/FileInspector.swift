import Foundation
import TarnCatalog
import TarnCore
import TarnIngest
import TarnParquet

/// What the crawler learnt of one data file.
struct FileFacts: Sendable {
    var file: WalkedFile
    var kind: FileKind
    var schema: Schema
    /// Columns without a single non-null value in what was read: their type (string) says
    /// nothing, so they take the type the table's other files give them.
    var nullColumns: Set<String>
    var recordCount: Int64?
    /// Whether `recordCount` is exact (a Parquet footer, a raw file read whole) or an estimate.
    var recordCountExact: Bool
    var csv: CSVFormat?
}

/// Reads what the crawler needs of a file: its schema (raw files through ingestion's
/// inference, Parquet from the footer) and its record count.
enum FileInspector {
    enum Outcome: Sendable {
        case facts(FileFacts)
        case skip(String)
    }

    static func inspect(_ file: WalkedFile, kind: FileKind, sampleBytes: Int) -> Outcome {
        switch kind.classification {
        case .parquet: return inspectParquet(file, kind: kind)
        default: return inspectRaw(file, kind: kind, sampleBytes: sampleBytes)
        }
    }

    static func inspectParquet(_ file: WalkedFile, kind: FileKind) -> Outcome {
        do {
            let reader = try ParquetFileReader(path: file.path)   // the footer and schema only
            let metadata = reader.metadata
            // Tarn's own output says its UUID and time columns' types in the footer.
            let schema = TarnSchemaMetadata.schema(in: metadata, matching: reader.schema) ?? reader.schema
            guard !schema.fields.isEmpty else { return .skip("a Parquet file without columns") }
            var kind = kind
            let codec = metadata.rowGroups.first?.columns.first?.metaData?.codec
            kind.compression = codec.map(compressionType) ?? .none
            return .facts(FileFacts(file: file, kind: kind, schema: schema, nullColumns: [], recordCount: metadata.rowCount,
                                    recordCountExact: true, csv: nil))
        } catch {
            // The reader throws only ParquetError (typed throws).
            let what = error.kind == .io ? "unreadable" : error.kind == .unsupported ? "unsupported Parquet" : "corrupt Parquet footer"
            return .skip("\(what): \(error.message)")
        }
    }

    static func compressionType(_ codec: CompressionCodec) -> CompressionType {
        codec == .uncompressed ? .none : CompressionType(rawValue: codec.name)
    }

    static func inspectRaw(_ file: WalkedFile, kind: FileKind, sampleBytes: Int) -> Outcome {
        let format: RawFormat = kind.classification == .json ? .json : .csv
        do {
            let table = try RawTable(path: file.path, options: RawTableOptions(format: format, sampleBytes: sampleBytes))
            let inferred = try table.inferSchema()
            guard !inferred.schema.fields.isEmpty else { return .skip("no columns: nothing but blank lines or skipped rows") }
            var csv: CSVFormat?
            var kind = kind
            switch table.layout {
            case .csv(let layout): csv = csvFormat(layout.dialect)
            // Concatenated objects have no catalog layout of their own: read as lines.
            case .json(let layout): kind.jsonLayout = layout == .array ? .array : .lines
            }
            let nullColumns = Set(inferred.explanations.filter { explanation in
                inferred.schema.index(of: explanation.column) != nil && isNullOnly(explanation.reason)
            }.map(\.column))
            let (count, exact) = recordCount(inferred, file: file, compression: kind.compression, sampleBytes: sampleBytes)
            return .facts(FileFacts(file: file, kind: kind, schema: inferred.schema, nullColumns: nullColumns,
                                    recordCount: count, recordCountExact: exact, csv: csv))
        } catch let error as IngestError {
            var error = error
            error.location.file = nil
            return .skip("cannot read as \(format == .json ? "JSON" : "CSV"): \(error.description)")
        } catch {
            return .skip("cannot read as \(format == .json ? "JSON" : "CSV"): \(error)")
        }
    }

    /// Ingestion explains a column of nulls only as "no non-null value…" (CSV) or
    /// "no value but null…" (JSON).
    static func isNullOnly(_ reason: String) -> Bool {
        reason.hasPrefix("no non-null value") || reason.hasPrefix("no value but null")
    }

    /// The records of a file read whole; for a sampled one, the sample's records scaled by
    /// the file's (decompressed) size over the bytes sampled, marked as an estimate.
    static func recordCount(_ inferred: InferredSchema, file: WalkedFile, compression: CompressionType, sampleBytes: Int) -> (Int64?, Bool) {
        let records = Int64(inferred.recordsSampled)
        if inferred.wholeInput { return (records, true) }
        let size: Int64?
        let sampled: Int64
        if compression == .none {
            size = file.sizeBytes
            sampled = Int64(sampleBytes)          // the head window and four places spread over the file
        } else {
            size = DecompressedSize.of(path: file.path, compression: compression)
            sampled = Int64(max(sampleBytes / 2, 4096))   // the head window only
        }
        guard let size, sampled > 0, records > 0 else { return (nil, false) }
        return (max(records, Int64((Double(records) * Double(size) / Double(sampled)).rounded())), false)
    }

    static func csvFormat(_ dialect: CSVDialect) -> CSVFormat {
        CSVFormat(delimiter: Character(Unicode.Scalar(dialect.delimiter)),
                  quote: dialect.quote.map { Character(Unicode.Scalar($0)) },
                  escape: dialect.escape == .backslash ? "\\" : nil,
                  hasHeader: dialect.hasHeader, skipRows: dialect.skipRows)
    }
}

/// The decompressed size a compressed file declares: gzip's ISIZE trailer (modulo 2^32,
/// of the last member) or a zstd frame's content size. nil when it does not say.
enum DecompressedSize {
    static func of(path: String, compression: CompressionType) -> Int64? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        if compression == .gzip {
            guard let end = try? handle.seekToEnd(), end >= 18 else { return nil }
            try? handle.seek(toOffset: end - 4)
            guard let tail = try? handle.read(upToCount: 4), tail.count == 4 else { return nil }
            let bytes = [UInt8](tail)
            return Int64(UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16 | UInt32(bytes[3]) << 24)
        }
        if compression == .zstd {
            guard let head = try? handle.read(upToCount: 18) else { return nil }
            return zstdContentSize([UInt8](head))
        }
        return nil
    }

    /// RFC 8878 3.1.1.1: Frame_Header_Descriptor, then Window_Descriptor (unless single
    /// segment), Dictionary_ID (0/1/2/4 bytes), Frame_Content_Size (0/1/2/4/8 bytes; the
    /// 2-byte form is offset by 256).
    static func zstdContentSize(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 6, bytes[0] == 0x28, bytes[1] == 0xB5, bytes[2] == 0x2F, bytes[3] == 0xFD else { return nil }
        let descriptor = bytes[4]
        let singleSegment = descriptor & 0x20 != 0
        let fcsFlag = Int(descriptor >> 6)
        let dictionaryBytes = [0, 1, 2, 4][Int(descriptor & 0x03)]
        let fcsBytes = [singleSegment ? 1 : 0, 2, 4, 8][fcsFlag]
        guard fcsBytes > 0 else { return nil }
        let start = 5 + (singleSegment ? 0 : 1) + dictionaryBytes
        guard start + fcsBytes <= bytes.count else { return nil }
        var value: UInt64 = 0
        for i in 0..<fcsBytes { value |= UInt64(bytes[start + i]) << (8 * UInt64(i)) }
        if fcsBytes == 2 { value += 256 }
        return value > UInt64(Int64.max) ? nil : Int64(value)
    }
}
