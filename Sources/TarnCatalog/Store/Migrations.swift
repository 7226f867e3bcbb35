/// The catalog's SQL schema, as the ordered list of forward migrations that build it.
///
/// Step N takes a catalog from schema version N-1 to N. Steps are only ever appended:
/// a released step is never edited, since catalogs in the field already ran it. The
/// version reached is recorded in `tarn_schema_version`, one row per step applied.
enum Migrations {
    struct Step {
        let version: Int
        let summary: String
        let sql: String
    }

    // Conventions: times are INTEGER microseconds since 1970-01-01 UTC; `*_json` columns
    // hold JSON text (schemas as `SchemaCoding` writes them); booleans are 0 / 1.

    /// The schema version this code writes and understands.
    static var currentVersion: Int { steps.count }

    static let steps: [Step] = [
        Step(version: 1, summary: "databases, tables, versions, partitions, crawled files, bookmarks, runs", sql: """
            CREATE TABLE databases (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                description TEXT NOT NULL DEFAULT '',
                location TEXT,
                parameters_json TEXT NOT NULL DEFAULT '{}',
                created_at INTEGER NOT NULL
            );

            -- Columns shared with table_versions: location through partition_keys_json.
            CREATE TABLE tables (
                id INTEGER PRIMARY KEY,
                database_id INTEGER NOT NULL REFERENCES databases(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                description TEXT NOT NULL DEFAULT '',
                location TEXT NOT NULL,
                classification TEXT NOT NULL,
                compression TEXT NOT NULL DEFAULT 'none',
                csv_delimiter TEXT,
                csv_quote TEXT,
                csv_escape TEXT,
                csv_header INTEGER,
                csv_skip INTEGER,
                json_layout TEXT,
                file_pattern TEXT,
                schema_json TEXT NOT NULL,
                partition_keys_json TEXT NOT NULL DEFAULT '[]',
                record_count INTEGER,
                size_bytes INTEGER,
                object_count INTEGER,
                average_record_size INTEGER,
                last_crawled INTEGER,
                parameters_json TEXT NOT NULL DEFAULT '{}',
                version INTEGER NOT NULL,
                deprecated INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (database_id, name)
            );

            -- Every schema or partition-key change of a table, version 1 first.
            CREATE TABLE table_versions (
                table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
                version INTEGER NOT NULL,
                location TEXT NOT NULL,
                classification TEXT NOT NULL,
                compression TEXT NOT NULL DEFAULT 'none',
                csv_delimiter TEXT,
                csv_quote TEXT,
                csv_escape TEXT,
                csv_header INTEGER,
                csv_skip INTEGER,
                json_layout TEXT,
                file_pattern TEXT,
                schema_json TEXT NOT NULL,
                partition_keys_json TEXT NOT NULL DEFAULT '[]',
                created_at INTEGER NOT NULL,
                PRIMARY KEY (table_id, version)
            );

            CREATE TABLE partitions (
                id INTEGER PRIMARY KEY,
                table_id INTEGER NOT NULL REFERENCES tables(id) ON DELETE CASCADE,
                values_json TEXT NOT NULL,
                location TEXT NOT NULL,
                file_count INTEGER NOT NULL DEFAULT 0,
                size_bytes INTEGER NOT NULL DEFAULT 0,
                record_count INTEGER,
                parameters_json TEXT NOT NULL DEFAULT '{}',
                deprecated INTEGER NOT NULL DEFAULT 0,
                created_at INTEGER NOT NULL,
                updated_at INTEGER NOT NULL,
                UNIQUE (table_id, values_json)
            );

            -- What the crawler saw of each file, so a re-crawl reads only new or changed ones.
            CREATE TABLE crawled_files (
                database_id INTEGER NOT NULL REFERENCES databases(id) ON DELETE CASCADE,
                path TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                content_hash TEXT,
                table_name TEXT,
                partition_values_json TEXT,
                classification TEXT,
                schema_json TEXT,
                record_count INTEGER,
                skip_reason TEXT,
                properties_json TEXT NOT NULL DEFAULT '{}',
                crawled_at INTEGER NOT NULL,
                PRIMARY KEY (database_id, path)
            );
            CREATE INDEX crawled_files_by_table ON crawled_files (database_id, table_name);

            -- Per job, the raw files a successful run already converted.
            CREATE TABLE job_bookmarks (
                job_name TEXT NOT NULL,
                path TEXT NOT NULL,
                size_bytes INTEGER NOT NULL,
                modified_at INTEGER NOT NULL,
                head_hash TEXT NOT NULL,
                run_id TEXT,
                recorded_at INTEGER NOT NULL,
                PRIMARY KEY (job_name, path)
            );

            CREATE TABLE workflow_runs (
                run_id TEXT PRIMARY KEY,
                workflow_name TEXT NOT NULL,
                state TEXT NOT NULL,
                started_at INTEGER NOT NULL,
                completed_at INTEGER,
                error_message TEXT,
                previous_run_id TEXT,
                properties_json TEXT NOT NULL DEFAULT '{}',
                statistics_json TEXT NOT NULL DEFAULT '{}'
            );
            CREATE INDEX workflow_runs_by_workflow ON workflow_runs (workflow_name, started_at);

            CREATE TABLE node_runs (
                run_id TEXT NOT NULL REFERENCES workflow_runs(run_id) ON DELETE CASCADE,
                node_name TEXT NOT NULL,
                node_type TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                state TEXT NOT NULL,
                started_at INTEGER,
                completed_at INTEGER,
                error_message TEXT,
                metrics_json TEXT NOT NULL DEFAULT '{}',
                PRIMARY KEY (run_id, node_name, attempt)
            );
            """),
    ]
}
