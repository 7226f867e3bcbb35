import TarnCore

/// A schema inferred from raw records, with the reason for every column's type
/// (`tarn schema --explain`).
public struct InferredSchema: Sendable {
    public struct Explanation: Sendable, Equatable {
        /// The column path (`address.city`; list elements as `tags.element`).
        public var column: String
        public var type: DataType
        public var reason: String

        public init(column: String, type: DataType, reason: String) {
            self.column = column
            self.type = type
            self.reason = reason
        }
    }

    public var schema: Schema
    /// One entry per column, nested ones too, in schema order.
    public var explanations: [Explanation]
    /// Records the inference looked at.
    public var recordsSampled: Int
    /// Whether every record of the input was seen (else a sample was).
    public var wholeInput: Bool

    public init(schema: Schema, explanations: [Explanation], recordsSampled: Int, wholeInput: Bool) {
        self.schema = schema
        self.explanations = explanations
        self.recordsSampled = recordsSampled
        self.wholeInput = wholeInput
    }
}
