import Foundation

extension Catalog {
    /// Inserts or updates a workflow run (keyed by `runID`).
    public func recordWorkflowRun(_ run: WorkflowRunRecord) throws {
        try write {
            try connection.run("""
                INSERT INTO workflow_runs (run_id, workflow_name, state, started_at, completed_at, error_message, previous_run_id, properties_json, statistics_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id) DO UPDATE SET
                    workflow_name = excluded.workflow_name, state = excluded.state, started_at = excluded.started_at,
                    completed_at = excluded.completed_at, error_message = excluded.error_message,
                    previous_run_id = excluded.previous_run_id, properties_json = excluded.properties_json,
                    statistics_json = excluded.statistics_json
                """,
                [.text(run.runID), .text(run.workflowName), .text(run.state.rawValue), .date(run.startedOn), .optional(run.completedOn),
                 .optional(run.errorMessage), .optional(run.previousRunID), .text(SchemaCoding.encode(run.properties)),
                 .text(SchemaCoding.encode(run.statistics))])
        }
    }

    public func workflowRun(id runID: String) throws -> WorkflowRunRecord? {
        try locked { try connection.queryFirst("\(Self.selectRun) WHERE run_id = ?", [.text(runID)], row: runFromRow) }
    }

    /// Runs newest first: of one workflow (or all when `workflow` is nil), in one of
    /// `states` (or any), at most `limit`. To allow one running run per workflow across
    /// processes, check and record inside one `transaction { }`: it holds the write lock.
    public func workflowRuns(workflow: String? = nil, states: Set<WorkflowRunState>? = nil, limit: Int? = nil) throws -> [WorkflowRunRecord] {
        try locked {
            var sql = Self.selectRun
            var conditions: [String] = []
            var values: [SQLiteValue] = []
            if let workflow {
                conditions.append("workflow_name = ?")
                values.append(.text(workflow))
            }
            if let states {
                let sorted = states.map(\.rawValue).sorted()
                conditions.append("state IN (\(Self.placeholders(sorted.count)))")
                values += sorted.map(SQLiteValue.text)
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY started_at DESC, run_id DESC LIMIT ?"
            values.append(.integer(limit ?? -1))
            return try connection.query(sql, values, row: runFromRow)
        }
    }

    /// Inserts or updates one attempt of a node (keyed by run, node and attempt). The
    /// workflow run must exist.
    public func recordNodeRun(_ nodeRun: NodeRunRecord) throws {
        try write {
            guard try connection.queryFirst("SELECT 1 FROM workflow_runs WHERE run_id = ?", [.text(nodeRun.runID)], row: { _ in true }) != nil else {
                throw CatalogError(.notFound, "no workflow run '\(nodeRun.runID)' for node '\(nodeRun.nodeName)'", path: path)
            }
            try connection.run("""
                INSERT INTO node_runs (run_id, node_name, node_type, attempt, state, started_at, completed_at, error_message, metrics_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (run_id, node_name, attempt) DO UPDATE SET
                    node_type = excluded.node_type, state = excluded.state, started_at = excluded.started_at,
                    completed_at = excluded.completed_at, error_message = excluded.error_message, metrics_json = excluded.metrics_json
                """,
                [.text(nodeRun.runID), .text(nodeRun.nodeName), .text(nodeRun.nodeType.rawValue), .integer(nodeRun.attempt),
                 .text(nodeRun.state.rawValue), .optional(nodeRun.startedOn), .optional(nodeRun.completedOn),
                 .optional(nodeRun.errorMessage), .text(SchemaCoding.encode(nodeRun.metrics))])
        }
    }

    /// The node runs of a workflow run, in start order (attempts of a node in order).
    public func nodeRuns(runID: String) throws -> [NodeRunRecord] {
        try locked {
            try connection.query("""
                SELECT run_id, node_name, node_type, attempt, state, started_at, completed_at, error_message, metrics_json
                FROM node_runs WHERE run_id = ? ORDER BY COALESCE(started_at, 0), node_name, attempt
                """, [.text(runID)]) { row in
                guard let type = NodeType(rawValue: row.string(2)), let state = NodeRunState(rawValue: row.string(4)) else {
                    throw CatalogError(.corruptRecord, "node run '\(row.string(1))' of run '\(runID)' has an unknown type '\(row.string(2))' or state '\(row.string(4))'", path: path)
                }
                return NodeRunRecord(runID: row.string(0), nodeName: row.string(1), nodeType: type, attempt: row.int(3), state: state,
                                     startedOn: row.optionalDate(5), completedOn: row.optionalDate(6), errorMessage: row.optionalString(7),
                                     metrics: try SchemaCoding.decodeJSONMap(row.string(8)))
            }
        }
    }

    /// Deletes a workflow run and its node runs.
    public func deleteWorkflowRun(id runID: String) throws {
        try write { _ = try connection.run("DELETE FROM workflow_runs WHERE run_id = ?", [.text(runID)]) }
    }

    private static let selectRun = """
        SELECT run_id, workflow_name, state, started_at, completed_at, error_message, previous_run_id, properties_json, statistics_json
        FROM workflow_runs
        """

    private func runFromRow(_ row: SQLiteRow) throws -> WorkflowRunRecord {
        guard let state = WorkflowRunState(rawValue: row.string(2)) else {
            throw CatalogError(.corruptRecord, "workflow run '\(row.string(0))' has an unknown state '\(row.string(2))'", path: path)
        }
        return WorkflowRunRecord(runID: row.string(0), workflowName: row.string(1), state: state, startedOn: row.date(3),
                                 completedOn: row.optionalDate(4), errorMessage: row.optionalString(5), previousRunID: row.optionalString(6),
                                 properties: try SchemaCoding.decodeStringMap(row.string(7)),
                                 statistics: try SchemaCoding.decodeJSONMap(row.string(8)))
    }
}
