import Dispatch
import Foundation
import TarnCore

/// Writes `ColumnBatch`es to a Parquet file as they come.
///
/// ```swift
/// let writer = try ParquetWriter(path: "out.parquet", schema: schema)
/// try writer.write(batch)        // any number of times
/// try writer.close()             // writes the footer; the file appears at `path` now
/// ```
///
/// Memory stays bounded by the row group being built. Written to a path, the file appears
/// atomically on `close()`; a writer dropped or failed before that leaves nothing behind.
/// The columns of a row group are encoded and compressed in parallel.
public final class ParquetWriter {
    public let schema: Schema
    public let options: ParquetWriterOptions
    private let parquetSchema: WriterSchema
    private let output: OutputFile
    private var columns: [ColumnChunkWriter] = []
    private var rowGroups: [RowGroup] = []
    /// Per row group, per column: what the page index needs once all data is written.
    private var pageIndexes: [[(columnIndex: ColumnIndex?, pageLocations: [PageLocation])]] = []
    private var rowGroupRows = 0
    private var totalRows: Int64 = 0
    private var state = State.open

    private enum State { case open, closed, failed }

    /// Opens a writer that creates `path` (replacing any file there) when closed.
    public convenience init(path: String, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        let output: OutputFile
        do { output = try OutputFile(path: path) } catch { throw ParquetError.wrap(error, path: path) }
        try self.init(output: output, schema: schema, options: options)
    }

    /// Opens a writer that appends to `fileHandle` (not closed by the writer; no rename).
    public convenience init(fileHandle: FileHandle, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try self.init(fileDescriptor: fileHandle.fileDescriptor, schema: schema, options: options)
    }

    /// Opens a writer on an open file descriptor (not closed by the writer).
    public convenience init(fileDescriptor: Int32, schema: Schema, options: ParquetWriterOptions = ParquetWriterOptions()) throws(ParquetError) {
        try self.init(output: OutputFile(descriptor: fileDescriptor), schema: schema, options: options)
    }

    private init(output: OutputFile, schema: Schema, options: ParquetWriterOptions) throws(ParquetError) {
        self.schema = schema
        self.options = options
        self.output = output
        do {
            parquetSchema = try WriterSchema(schema, options: options)
            for (field, range) in zip(schema.fields, parquetSchema.leafRanges) {
                for index in range {
                    columns.append(try ColumnChunkWriter(descriptor: parquetSchema.columns[index], options: options, topLevelName: field.name))
                }
            }
            try output.write(Self.magic)
        } catch {
            output.discard()
            throw ParquetError.wrap(error, path: output.path)
        }
    }

    private static let magic: [UInt8] = Array("PAR1".utf8)

    /// Rows written so far (including the open row group).
    public var rowCount: Int64 { totalRows }

    /// Appends a batch. Its schema must equal the writer's.
    public func write(_ batch: ColumnBatch) throws(ParquetError) {
        guard state == .open else { throw ParquetError(.invalidInput, "the writer is \(state == .closed ? "closed" : "failed after an earlier error")", path: output.path) }
        guard batch.schema == schema else {
            throw ParquetError(.invalidInput, "the batch's schema does not match the writer's:\n  batch:  \(Self.describe(batch.schema))\n  writer: \(Self.describe(schema))", path: output.path)
        }
        guard batch.rowCount > 0 else { return }
        do {
            try writeRows(of: batch)
        } catch {
            fail()
            throw ParquetError.wrap(error, path: output.path)
        }
    }

    /// Finishes the last row group, writes the page index and footer, and (for a path)
    /// moves the file into place.
    public func close() throws(ParquetError) {
        guard state == .open else {
            if state == .closed { return }
            throw ParquetError(.invalidInput, "the writer failed after an earlier error; nothing was written", path: output.path)
        }
        do {
            if rowGroupRows > 0 { try flushRowGroup() }
            try writePageIndex()
            try writeFooter()
            try output.commit()
            state = .closed
        } catch {
            fail()
            throw ParquetError.wrap(error, path: output.path)
        }
    }

    /// Abandons the file: nothing appears at the path.
    public func abort() {
        if state == .open { fail() }
    }

    private func fail() {
        state = .failed
        output.discard()
    }

    deinit {
        if state == .open { output.discard() }
    }

    // MARK: Row groups

    private func writeRows(of batch: ColumnBatch) throws {
        // Shred each top-level column once for the whole batch (in parallel), then feed the
        // rows to the column writers in slices that respect the row-group limits.
        let leaves = try shred(batch)
        for (writer, leaf) in zip(columns, leaves) { writer.begin(leaf) }

        let bytesPerRow = Swift.max(1, batch.estimatedSizeBytes / batch.rowCount)
        var row = 0
        while row < batch.rowCount {
            let budget = Swift.max(0, options.rowGroupSizeBytes - estimatedRowGroupBytes)
            var take = Swift.min(batch.rowCount - row, options.rowGroupMaxRows - rowGroupRows)
            take = Swift.max(1, Swift.min(take, budget / bytesPerRow))
            let rows = row..<(row + take)
            try forEachColumn { writer in try writer.append(rows: rows) }
            rowGroupRows += take
            totalRows += Int64(take)
            row += take
            if rowGroupRows >= options.rowGroupMaxRows || estimatedRowGroupBytes >= options.rowGroupSizeBytes {
                try flushRowGroup()
            }
        }
    }

    private var estimatedRowGroupBytes: Int { columns.reduce(0) { $0 + $1.estimatedSizeBytes } }

    private func shred(_ batch: ColumnBatch) throws -> [ShreddedLeaf] {
        let fields = schema.fields
        let costs = batch.columns.map(\.estimatedSizeBytes)
        return try parallelMap(fields.count, threads: options.threads, costs: costs) { i in
            Shredder.shred(batch.columns[i], as: fields[i])
        }.flatMap { $0 }
    }

    /// Runs `body` on every column writer, spread over the cores.
    private func forEachColumn(_ body: (ColumnChunkWriter) throws -> Void) throws {
        let writers = columns
        let costs = writers.map(\.pendingSizeBytes)
        _ = try parallelMap(writers.count, threads: options.threads, costs: costs) { i in try body(writers[i]) }
    }

    private func flushRowGroup() throws {
        let writers = columns
        let finished = try parallelMap(writers.count, threads: options.threads, costs: writers.map(\.estimatedSizeBytes)) { i in
            try writers[i].finish()
        }

        let groupOffset = Int64(output.offset)
        var chunks: [ColumnChunk] = []
        var indexes: [(columnIndex: ColumnIndex?, pageLocations: [PageLocation])] = []
        var uncompressed: Int64 = 0
        var compressed: Int64 = 0
        for chunk in finished {
            let start = Int64(output.offset)
            try output.write(chunk.dictionaryPage)
            for segment in chunk.dataPages { try output.write(segment) }
            var metadata = chunk.metadata
            metadata.dataPageOffset += start
            if let dictionary = metadata.dictionaryPageOffset { metadata.dictionaryPageOffset = dictionary + start }
            uncompressed += metadata.totalUncompressedSize
            compressed += metadata.totalCompressedSize
            let locations = chunk.pageLocations.map {
                PageLocation(offset: $0.offset + start, compressedPageSize: $0.compressedPageSize, firstRowIndex: $0.firstRowIndex)
            }
            if let filter = chunk.bloomFilter {
                let header = BloomFilterHeader(numBytes: Int32(filter.bitsetBytes.count)).serialized()
                metadata.bloomFilterOffset = Int64(output.offset)
                metadata.bloomFilterLength = Int32(header.count + filter.bitsetBytes.count)
                try output.write(header)
                try output.write(filter.bitsetBytes)
            }
            chunks.append(ColumnChunk(metaData: metadata))
            indexes.append((chunk.columnIndex, locations))
        }
        var group = RowGroup(columns: chunks, totalByteSize: uncompressed, numRows: Int64(rowGroupRows))
        group.fileOffset = groupOffset
        group.totalCompressedSize = compressed
        group.ordinal = Int16(truncatingIfNeeded: rowGroups.count)
        rowGroups.append(group)
        pageIndexes.append(indexes)
        rowGroupRows = 0
    }

    // MARK: Footer

    /// Column indexes of every chunk, then offset indexes, between the data and the footer.
    private func writePageIndex() throws {
        guard options.writePageIndex else { return }
        for (g, indexes) in pageIndexes.enumerated() {
            for (c, index) in indexes.enumerated() {
                guard let columnIndex = index.columnIndex else { continue }
                let bytes = columnIndex.serialized()
                rowGroups[g].columns[c].columnIndexOffset = Int64(output.offset)
                rowGroups[g].columns[c].columnIndexLength = Int32(bytes.count)
                try output.write(bytes)
            }
        }
        for (g, indexes) in pageIndexes.enumerated() {
            for (c, index) in indexes.enumerated() {
                let bytes = OffsetIndex(pageLocations: index.pageLocations).serialized()
                rowGroups[g].columns[c].offsetIndexOffset = Int64(output.offset)
                rowGroups[g].columns[c].offsetIndexLength = Int32(bytes.count)
                try output.write(bytes)
            }
        }
    }

    private func writeFooter() throws {
        var metadata = FileMetaData(version: 2, schema: parquetSchema.elements, numRows: totalRows, rowGroups: rowGroups)
        metadata.createdBy = options.createdBy
        var keyValues = options.keyValueMetadata.map { KeyValue(key: $0.key, value: $0.value) }
        if let tarnSchema = TarnSchemaMetadata.entry(for: schema, options: options),
           !keyValues.contains(where: { $0.key == TarnSchemaMetadata.key }) {
            keyValues.append(tarnSchema)
        }
        if !keyValues.isEmpty { metadata.keyValueMetadata = keyValues }
        metadata.columnOrders = Array(repeating: .typeDefinedOrder, count: parquetSchema.columns.count)
        let footer = metadata.serialized()
        try output.write(footer)
        try output.write(withUnsafeBytes(of: UInt32(footer.count).littleEndian) { Array($0) })
        try output.write(Self.magic)
    }

    private static func describe(_ schema: Schema) -> String {
        schema.fields.map { "\($0.name): \($0.type)\($0.nullable ? "" : " not null")" }.joined(separator: ", ")
    }
}

extension ColumnBatch {
    /// Bytes of the batch's buffers, for sizing row-group slices.
    var estimatedSizeBytes: Int { columns.reduce(0) { $0 + $1.estimatedSizeBytes } }
}

extension Column {
    var estimatedSizeBytes: Int {
        let own = (validity?.words.count ?? 0) * 8
        switch values {
        case .boolean(let bits): return own + bits.words.count * 8
        case .int32(let v): return own + v.count * 4
        case .int64(let v): return own + v.count * 8
        case .int128(let v): return own + v.count * 16
        case .float32(let v): return own + v.count * 4
        case .float64(let v): return own + v.count * 8
        case .bytes(let offsets, let data): return own + offsets.count * 4 + data.count
        case .fixedBytes(_, let data): return own + data.count
        case .list(let offsets, let element): return own + offsets.count * 4 + element.estimatedSizeBytes
        case .structure(let children): return own + children.reduce(0) { $0 + $1.estimatedSizeBytes }
        case .map(let offsets, let keys, let values): return own + offsets.count * 4 + keys.estimatedSizeBytes + values.estimatedSizeBytes
        }
    }
}
