import TarnCore
import TarnIngest

/// The one widening rule of every conversion: write a file with the types inferred from a
/// sample; when a later value does not fit (`WideningNeeded`), forget the bad records
/// logged for this file, infer from every record and write it again. After a whole-file
/// inference every value fits, so this happens at most once; if it happens again the
/// widening error is thrown, naming where.
enum WideningRetry {
    /// Calls `attempt` with `schema` (and again with the widened one); `attempt` must leave
    /// nothing behind when it throws. Returns its result and the columns widened, in words.
    static func run<Result>(_ raw: RawTable, schema: Schema, log: BadRecordLog?,
                            _ attempt: (Schema) throws -> Result) throws -> (result: Result, widened: [String]) {
        var schema = schema
        var widenedColumns: [String] = []
        let mark = log?.mark()
        while true {
            do {
                return (try attempt(schema), widenedColumns)
            } catch let widening as WideningNeeded {
                if let mark { log?.rewind(to: mark) }
                let whole = try raw.inferSchema(wholeInput: true)
                guard whole.schema != schema else { throw widening }
                schema = whole.schema
                let widened = whole.schema.fields.first { $0.name == widening.column }?.type.description ?? "?"
                widenedColumns.append("\(raw.input.path): \(widening.column) (\(widening.type) → \(widened), at \(widening.location))")
            }
        }
    }
}
