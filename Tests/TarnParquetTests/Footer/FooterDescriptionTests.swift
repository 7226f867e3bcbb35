import Foundation
import Testing
import TarnTestSupport
@testable import TarnParquet

@Suite("Footer description and statistics display")
struct FooterDescriptionTests {
    func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }

    func element(_ type: PhysicalType, logical: LogicalType? = nil, converted: ConvertedType? = nil, scale: Int32? = nil) -> SchemaElement {
        var e = SchemaElement(name: "x")
        e.type = type; e.logicalType = logical; e.convertedType = converted; e.scale = scale
        return e
    }

    @Test("values decode by physical and logical type")
    func values() {
        func show(_ e: SchemaElement, _ bytes: [UInt8]) -> String { StatisticsValueFormatter(element: e).format(bytes) }
        #expect(show(element(.int32), le(Int32(-7))) == "-7")
        #expect(show(element(.int32, logical: .date), le(Int32(0))) == "1970-01-01")
        #expect(show(element(.int32, converted: .date), le(Int32(19_000))) == "2022-01-08")
        #expect(show(element(.int32, logical: .date), le(Int32(-1))) == "1969-12-31")
        #expect(show(element(.int32, logical: .decimal(scale: 2, precision: 4)), le(Int32(-5))) == "-0.05")
        #expect(show(element(.int32, logical: .integer(bitWidth: 32, isSigned: false)), le(Int32(-1))) == "4294967295")
        #expect(show(element(.int64, logical: .timestamp(isAdjustedToUTC: true, unit: .micros)), le(Int64(1_000_000_000_123_456)))
                == "2001-09-09T01:46:40.123456Z")
        #expect(show(element(.int64, logical: .timestamp(isAdjustedToUTC: false, unit: .millis)), le(Int64(-1)))
                == "1969-12-31T23:59:59.999")
        #expect(show(element(.int64, converted: .timestampMillis), le(Int64(0))) == "1970-01-01T00:00:00.000Z")
        #expect(show(element(.double), le(UInt64(2.5.bitPattern))) == "2.5")
        #expect(show(element(.float), le(Float(-1.5).bitPattern)) == "-1.5")
        #expect(show(element(.boolean), [1]) == "true")
        #expect(show(element(.byteArray, logical: .string), Array("héllo".utf8)) == "héllo")
        #expect(show(element(.byteArray, logical: .string), [0xFF]) == "0xff")
        #expect(show(element(.byteArray), [0xCA, 0xFE]) == "0xcafe")
        #expect(show(element(.fixedLenByteArray, converted: .decimal, scale: 2), [0xFF, 0x38]) == "-2.00")
        #expect(show(element(.fixedLenByteArray, logical: .float16), [0x00, 0x3C]) == "1.0")
        #expect(show(element(.fixedLenByteArray, logical: .uuid), Array(0..<16))
                == "00010203-0405-0607-0809-0a0b0c0d0e0f")
        // INT96: 0 ns into Julian day 2440589 is 1970-01-02.
        #expect(show(element(.int96), le(Int64(0)) + le(Int32(2_440_589))) == "1970-01-02T00:00:00.000000000")
        // Wrong widths fall back to hex instead of misreading.
        #expect(show(element(.int64), [1, 2]) == "0x0102")
    }

    @Test("alltypes_plain.parquet: text and JSON name the facts", .enabled(if: Corpora.isAvailable("parquet-testing"), Corpora.skipNote("parquet-testing")))
    func alltypesPlain() throws {
        guard let folder = Corpora.folder("parquet-testing") else { return }
        let metadata = try ParquetFooter.read(path: folder.appendingPathComponent("data/alltypes_plain.parquet").path)
        let description = FooterDescription(metadata: metadata)
        let text = description.text
        #expect(text.contains("num_rows: 8\n"))
        #expect(text.contains("    optional INT96 timestamp_col\n"))
        #expect(text.contains("  column bigint_col\n"))
        #expect(text.contains("    encodings: RLE, PLAIN_DICTIONARY, PLAIN\n"))
        let json = try JSONSerialization.jsonObject(with: Data(description.json.utf8)) as? [String: Any]
        #expect(json?["num_rows"] as? Int == 8)
        #expect(json?["num_columns"] as? Int == 11)
        let groups = json?["row_groups"] as? [[String: Any]]
        let columns = groups?.first?["columns"] as? [[String: Any]]
        #expect(columns?.count == 11)
        #expect(columns?.first?["compression"] as? String == "UNCOMPRESSED")
    }
}
