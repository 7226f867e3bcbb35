import Testing
import TarnCore
@testable import TarnIngest

/// JSON numbers stay float64 when every value is exact as a double; otherwise decimal when
/// they fit, else text — as in CSV, nothing is rounded.
@Suite struct JSONExactNumberTests {
    func types(_ lines: String) throws -> [DataType] {
        try readTable(try temporaryFile(lines, name: "n.jsonl")).types
    }

    @Test func exactValuesStayFloat64() throws {
        #expect(try types("{\"x\": 1.5}\n{\"x\": 2}\n{\"x\": 1e3}\n") == [.float64])
    }

    @Test func valuesADoubleWouldRoundBecomeDecimal() throws {
        #expect(try types("{\"x\": 1.5}\n{\"x\": 123456789012345678901}\n") == [.decimal(precision: 22, scale: 1)])
        let table = try readTable(try temporaryFile("{\"x\": 2.5}\n{\"x\": 0.12345678901234567890}\n", name: "d.jsonl"))
        #expect(table.types == [.decimal(precision: 21, scale: 20)])
        #expect(table.column("x") == ["2.50000000000000000000", "0.12345678901234567890"])
    }

    @Test func valuesNeitherHoldsStayText() throws {
        #expect(try types("{\"x\": 1e-400}\n{\"x\": 1.5}\n") == [.string])
        #expect(try types("{\"x\": 1.5e300}\n{\"x\": 0.12345678901234567890}\n") == [.string])
    }
}
