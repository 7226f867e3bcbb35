import Testing
import TarnCore
@testable import TarnIngest

/// The CSV tokenizer feeding inference and typed columns: the path `tarn convert` will take.
@Suite struct CSVColumnValuesTests {
    @Test func tokenizedColumnsInferAndConvert() throws {
        let text = [
            #"id,price,when,name,zip"#,
            #"1,12.50,2024-01-02 03:04:05,"Smith, Jane",08123"#,
            #"2,3.10,,"say ""hi""",10001"#,
            #"3,,2024-01-03T00:00:00,NA,"NA""#,
        ].joined(separator: "\n") + "\n"
        let bytes = Array(text.utf8)
        var block = CSVRecordBlock()
        var tokenizer = CSVTokenizer(dialect: .rfc4180)
        try bytes.withUnsafeBytes { chunk in
            _ = try tokenizer.tokenize(chunk, isFinal: true, into: &block)
            #expect(block.recordCount == 4)
            let nulls = NullTokens.standard
            var columns: [Column] = []
            var types: [DataType] = []
            for column in 0..<5 { try block.withView { view in
                let values = CSVColumnValues(view: view, chunk: chunk, dialect: .rfc4180, column: column, records: 1..<4)
                var inferred = InferredType()
                for i in 0..<values.count {
                    values.withValue(i) { raw, quoted in
                        if !quoted && nulls.matches(raw) { inferred.observeNull() } else { inferred.observe(raw) }
                    }
                }
                var builder = TextColumnBuilder(type: inferred.type)
                #expect(builder.append(values) == nil)
                types.append(inferred.type)
                columns.append(builder.finish())
            } }
            #expect(types == [.int32, .decimal(precision: 4, scale: 2), .timestamp(.microseconds, utc: false), .string, .string])
            guard case .bytes(let offsets, let data) = columns[3].values else { Issue.record("wrong storage"); return }
            #expect(String(decoding: data[Int(offsets[0])..<Int(offsets[1])], as: UTF8.self) == "Smith, Jane")
            #expect(String(decoding: data[Int(offsets[1])..<Int(offsets[2])], as: UTF8.self) == "say \"hi\"")
            #expect(columns[3].isNull(2))           // unquoted NA
            #expect(!columns[4].isNull(2))          // quoted "NA" stays text
            #expect(columns[1].nullCount == 1 && columns[2].nullCount == 1)
        }
    }
}
