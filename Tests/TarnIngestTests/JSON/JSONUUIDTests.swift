import Testing
import TarnCore
@testable import TarnIngest

/// UUID strings in JSON become uuid columns (16 bytes), as in CSV.
@Suite struct JSONUUIDTests {
    @Test func uuidStringsAreInferredAndConverted() throws {
        let path = try temporaryFile("""
            {"id": "123e4567-e89b-12d3-a456-426614174000", "mixed": "123e4567-e89b-12d3-a456-426614174000"}
            {"id": "00000000-0000-0000-0000-00000000000A", "mixed": "2024-01-01"}
            {"id": null, "mixed": null}

            """, name: "ids.jsonl")
        let table = try readTable(path)
        #expect(table.types == [.uuid, .string])
        #expect(table.column("id") == ["123e4567e89b12d3a456426614174000", "0000000000000000000000000000000a", nil])
        #expect(table.column("mixed") == ["123e4567-e89b-12d3-a456-426614174000", "2024-01-01", nil])
    }
}
