import Testing
import TarnCore
@testable import TarnIngest

@Suite struct TemporalFormatTests {
    func date(_ format: String, _ text: String) throws -> Int32? {
        let f = try TemporalFormat(format)
        return Array(text.utf8).withUnsafeBytes { f.date($0) }
    }

    func timestamp(_ format: String, _ text: String) throws -> (micros: Int64, hasZone: Bool)? {
        let f = try TemporalFormat(format)
        return Array(text.utf8).withUnsafeBytes { f.timestamp($0) }
    }

    @Test func dates() throws {
        #expect(try date("%d/%m/%Y", "02/01/2024") == 19724)
        #expect(try date("%d/%m/%Y", "2/1/2024") == 19724)          // one-digit day and month
        #expect(try date("%m/%d/%y", "01/02/24") == 19724)
        #expect(try date("%m/%d/%y", "01/02/69") == Int32(ValueParsing.daysFromCivil(year: 1969, month: 1, day: 2)))
        #expect(try date("%d %b %Y", "2 jan 2024") == 19724)
        #expect(try date("%d %b %Y", "2 January 2024") == 19724)
        #expect(try date("%Y%m%d", "20240102") == 19724)             // compact: two digits each when present
        #expect(try date("%d/%m/%Y", "31/02/2024") == nil)           // no such day
        #expect(try date("%d/%m/%Y", "02/01/2024 10:00") == nil)     // trailing text
        #expect(try date("%d.%m.%Y", "29.02.2024") == 19782)
    }

    @Test func timestamps() throws {
        let day: Int64 = 19724 * 86_400_000_000
        #expect(try timestamp("%d/%m/%Y %H:%M:%S", "02/01/2024 03:04:05")! == (day + 11_045_000_000, false))
        #expect(try timestamp("%d/%m/%Y %I:%M %p", "02/01/2024 3:04 PM")! == (day + (15 * 3600 + 240) * 1_000_000, false))
        #expect(try timestamp("%d/%m/%Y %I:%M %p", "02/01/2024 12:00 am")! == (day, false))
        #expect(try timestamp("%Y-%m-%d %H:%M:%S.%f", "2024-01-02 00:00:00.5")! == (day + 500_000, false))
        #expect(try timestamp("%Y-%m-%d %H:%M:%S.%f", "2024-01-02 00:00:00.123456789")! == (day + 123_456, false))
        #expect(try timestamp("%Y-%m-%d %H:%M:%S%z", "2024-01-02 02:00:00+0200")! == (day, true))
        #expect(try timestamp("%Y-%m-%d %H:%M:%S%z", "2024-01-02 00:00:00-01:30")! == (day + 5_400_000_000, true))
        #expect(try timestamp("%Y-%m-%d %H:%M:%S%z", "2024-01-02 00:00:00Z")! == (day, true))
        #expect(try timestamp("%Y-%m-%d %H:%M", "2024-01-02 24:00") == nil)
    }

    @Test func badFormatsAreRejected() {
        #expect(throws: IngestError.self) { try TemporalFormat("%H:%M") }       // no date
        #expect(throws: IngestError.self) { try TemporalFormat("%Y-%m-%d %Q") }  // unknown code
        #expect(throws: IngestError.self) { try TemporalFormat("%Y-%m-%d %") }   // lone %
    }

    @Test func csvColumnsUseTheFormats() throws {
        let path = try temporaryFile("day,at\n02/01/2024,02/01/2024 3:04 PM\n2024-01-03,\n")
        var options = RawTableOptions()
        options.formats = TemporalFormats(date: try TemporalFormat("%d/%m/%Y"), timestamp: try TemporalFormat("%d/%m/%Y %I:%M %p"))
        let table = try readTable(path, options: options)
        #expect(table.types == [.date, .timestamp(.microseconds, utc: false)])
        #expect(table.column("day") == ["19724", "19725"])   // ISO dates still read
        let micros: Int64 = 19724 * 86_400_000_000 + (15 * 3600 + 240) * 1_000_000
        #expect(table.column("at") == [String(micros), nil])
    }
}
