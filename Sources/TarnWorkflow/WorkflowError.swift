/// The error type of TarnWorkflow: what went wrong, where (the workflow file, the node or
/// trigger), and the underlying cause when another module reported it.
public struct WorkflowError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The workflow file is not JSON, or a value has the wrong type.
        case malformed
        /// A key the workflow format does not have (a typo, most often).
        case unknownKey
        /// A required key is missing.
        case missingKey
        /// A trigger names a node that does not exist.
        case unknownNode
        /// Conditional triggers make a node wait for itself.
        case cycle
        /// A schedule that is not a valid cron expression, or an unknown time zone.
        case badSchedule
        /// Anything else that makes the definition unusable (duplicate names, nothing starts it).
        case invalid
        /// `${name}` without a value in the run properties.
        case unknownProperty
        /// Another run of the workflow holds the slot (`maxConcurrentRuns`).
        case concurrentRun
        /// No such run, or the run cannot be resumed / stopped in its state.
        case run
        /// The crawler node cannot run: no crawler was given to the runner.
        case crawlerUnavailable
        /// A convert job failed (its cause says why).
        case job
        /// The node was cancelled (timeout or stop).
        case cancelled
        /// The catalog failed.
        case catalog
    }

    public var kind: Kind
    public var message: String
    /// The workflow file, when known.
    public var file: String?
    /// Where in the definition: `node 'x'`, `trigger 'y'`.
    public var context: String?

    public init(_ kind: Kind, _ message: String, file: String? = nil, context: String? = nil) {
        self.kind = kind
        self.message = message
        self.file = file
        self.context = context
    }

    /// `file: node 'x': message`.
    public var description: String {
        [file, context, message].compactMap { $0 }.joined(separator: ": ")
    }
}
