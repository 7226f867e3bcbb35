struct InspectCommand: Command {
    static let name = "inspect"
    static let summary = "show a Parquet file's footer"
    static func run(_ arguments: [String]) throws -> Int32 { throw UsageError("inspect is being built") }
}
