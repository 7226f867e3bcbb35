import Testing
@testable import TarnCore

/// The byte builders write into spare room they grow by doubling: values must come out
/// exact across every growth step, with nulls and empty values between them.
@Suite struct ColumnBuilderTests {
    @Test(arguments: [0, 1, 255, 256, 257, 4_096, 100_000])
    func bytesSurviveGrowth(byteCapacity: Int) throws {
        var builder = BytesColumnBuilder(capacity: 0, byteCapacity: byteCapacity)
        var expected: [String?] = []
        for i in 0..<3_000 {
            let value: String? = i % 7 == 3 ? nil : String(repeating: "x\(i % 10)", count: i % 13)
            if let value { builder.append(value) } else { builder.appendNull() }
            expected.append(value)
        }
        #expect(builder.count == expected.count)
        #expect(builder.data.count == expected.reduce(0) { $0 + ($1?.utf8.count ?? 0) })
        let column = builder.finish()
        guard case .bytes(let offsets, let data) = column.values else { Issue.record("not bytes"); return }
        #expect(offsets.count == expected.count + 1 && data.count == Int(offsets.last!))
        for (i, value) in expected.enumerated() {
            #expect((column.validity?[i] ?? true) == (value != nil), "row \(i)")
            let text = String(decoding: data[Int(offsets[i])..<Int(offsets[i + 1])], as: UTF8.self)
            #expect(text == (value ?? ""), "row \(i)")
        }
        // The builder starts over empty.
        #expect(builder.count == 0 && builder.data.isEmpty)
    }

    @Test func fixedBytesWriteInPlaceAndRefuse() {
        var builder = FixedBytesColumnBuilder(width: 4)
        var expected: [[UInt8]?] = []
        for i in 0..<1_000 {
            switch i % 5 {
            case 0: builder.appendNull(); expected.append(nil)
            case 1:
                // A refused write appends nothing, whatever it wrote.
                let appended = builder.append(writing: { $0.storeBytes(of: 0xFFFF_FFFF as UInt32, as: UInt32.self); return false })
                #expect(!appended)
            default:
                let value = (0..<4).map { UInt8(truncatingIfNeeded: i &* 7 &+ $0) }
                builder.append(bytes: value)
                expected.append(value)
            }
        }
        #expect(builder.count == expected.count)
        let column = builder.finish()
        guard case .fixedBytes(4, let data) = column.values else { Issue.record("not fixed bytes"); return }
        #expect(data.count == expected.count * 4)
        for (i, value) in expected.enumerated() {
            #expect(Array(data[(i * 4)..<(i * 4 + 4)]) == (value ?? [0, 0, 0, 0]), "row \(i)")
            #expect((column.validity?[i] ?? true) == (value != nil), "row \(i)")
        }
    }
}
