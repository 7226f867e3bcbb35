import Testing
import TarnCore
import TarnIngest

@Suite struct TypeWideningTests {
    @Test(arguments: [
        (DataType.int32, DataType.int64, DataType.int64, TypeWidening.Change.widened),
        (.int8, .int16, .int16, .widened),
        (.uint8, .int8, .int16, .widened),
        (.uint32, .int32, .int64, .widened),
        (.uint64, .int64, .decimal(precision: 20, scale: 0), .widened),
        (.int64, .decimal(precision: 38, scale: 0), .decimal(precision: 38, scale: 0), .widened),
        (.int32, .decimal(precision: 5, scale: 2), .decimal(precision: 12, scale: 2), .widened),
        (.decimal(precision: 10, scale: 2), .decimal(precision: 12, scale: 4), .decimal(precision: 12, scale: 4), .widened),
        (.decimal(precision: 38, scale: 10), .int64, .decimal(precision: 38, scale: 10), .widened),
        (.decimal(precision: 38, scale: 30), .int64, .float64, .widened),
        (.int32, .float64, .float64, .widened),
        (.float32, .float32, .float32, .none),
        (.float32, .int8, .float64, .widened),
        (.date, .timestamp(.microseconds, utc: true), .timestamp(.microseconds, utc: true), .widened),
        (.timestamp(.milliseconds, utc: false), .timestamp(.nanoseconds, utc: false), .timestamp(.nanoseconds, utc: false), .widened),
        (.timestamp(.microseconds, utc: true), .timestamp(.microseconds, utc: false), .string, .kindMismatch),
        (.time(.milliseconds), .time(.microseconds), .time(.microseconds), .widened),
        (.int64, .string, .string, .toText),
        (.date, .boolean, .string, .kindMismatch),
        (.boolean, .int32, .string, .kindMismatch),
        (.string, .binary, .binary, .widened),
        (.uuid, .string, .string, .toText),
        (.json, .int64, .json, .toText),
        (.list(Field("element", .int32)), .int32, .json, .kindMismatch),
        (.list(Field("element", .int32)), .list(Field("element", .int64)), .list(Field("element", .int64)), .widened),
        (.list(Field("element", .int32)), .list(Field("element", .date)), .list(Field("element", .string)), .kindMismatch),
        (.map(key: Field("key", .string, nullable: false), value: Field("value", .int32)),
         .map(key: Field("key", .string, nullable: false), value: Field("value", .float64)),
         .map(key: Field("key", .string, nullable: false), value: Field("value", .float64)), .widened),
    ])
    func widens(_ a: DataType, _ b: DataType, _ expected: DataType, _ change: TypeWidening.Change) {
        let forward = TypeWidening.widen(a, b)
        #expect(forward.type == expected)
        #expect(forward.change == change)
        // Order does not matter for the type.
        #expect(TypeWidening.widen(b, a).type == expected)
    }

    @Test func structsUnionFieldWise() {
        let a = DataType.structure([Field("x", .int32, nullable: false), Field("y", .string)])
        let b = DataType.structure([Field("y", .string), Field("z", .date, nullable: false), Field("x", .int64, nullable: false)])
        let merged = TypeWidening.widen(a, b)
        #expect(merged.type == .structure([Field("x", .int64, nullable: false), Field("y", .string), Field("z", .date)]))
        #expect(merged.change == .widened)
    }

    @Test func schemaUnionMakesOneSidedColumnsNullable() {
        let a = Schema([Field("id", .int32, nullable: false), Field("name", .string)])
        let b = Schema([Field("id", .int32, nullable: false), Field("extra", .boolean, nullable: false)])
        let union = TypeWidening.union(a, b)
        #expect(union.schema == Schema([Field("id", .int32, nullable: false), Field("name", .string), Field("extra", .boolean)]))
        #expect(union.change == .widened)
        #expect(TypeWidening.union(a, a).change == .none)
    }
}
