import Foundation
import Testing
import TarnCatalog
import TarnTestSupport

/// `tarn workflow …` as a user runs it, and the crash test: SIGKILL in the middle of a
/// convert job leaves the curated table readable and unchanged; the next run completes it.
@Suite struct WorkflowCLITests {
    /// A lake with `raw/orders/part-a.csv` and a workflow converting `raw/orders` to `curated`.
    struct Lake {
        let folder: URL
        var raw: String { folder.appendingPathComponent("raw").path }
        var curated: String { folder.appendingPathComponent("curated").path }
        var catalog: String { folder.appendingPathComponent("catalog.sqlite").path }
        var workflow: String { folder.appendingPathComponent("orders.json").path }

        init() throws {
            folder = try CLITests.temporaryFolder()
            try Self.orders(from: 0, count: 500).write(toFile: raw + "/orders/part-a.csv")
            try """
                { "name": "orders", "defaultRunProperties": { "lake": "\(folder.path)" },
                  "nodes": [{ "name": "convert", "type": "job", "source": "${lake}/raw/orders", "target": "${lake}/curated", "compression": "zstd" }],
                  "triggers": [{ "name": "nightly", "type": "schedule", "schedule": "30 1 * * *", "actions": ["convert"] }] }
                """.write(toFile: workflow)
        }

        static func orders(from start: Int, count: Int) -> String {
            var text = "order_id,customer,amount,note\n"
            text.reserveCapacity(count * 60)
            for i in start..<(start + count) { text += "\(i),customer \(i % 977),\(i % 1000).\(i % 100),\"a note, with a comma, for order \(i)\"\n" }
            return text
        }

        func tarn(_ arguments: String...) throws -> CLITests.Run {
            try CLITests.tarnArguments(arguments + ["--catalog", catalog])
        }

        func parquetFiles() -> [String] {
            let table = curated + "/orders"
            guard let walker = FileManager.default.enumerator(atPath: table) else { return [] }
            var files: [String] = []
            while let relative = walker.nextObject() as? String {
                if relative.hasSuffix(".parquet") { files.append(relative) }
            }
            return files.sorted()
        }

        func duckdbCount() throws -> Int {
            let output = try Interop.runPython("""
                import duckdb, sys
                print(duckdb.sql(f"SELECT count(*), count(DISTINCT order_id) FROM read_parquet('{sys.argv[1]}/**/*.parquet')").fetchall()[0])
                """, arguments: [curated + "/orders"])
            let numbers = output.filter { $0.isNumber || $0 == "," }.split(separator: ",").compactMap { Int($0) }
            #expect(numbers.count == 2 && numbers[0] == numbers[1], "duplicated rows: \(output)")
            return numbers.first ?? -1
        }
    }

    @Test func runHistoryStatusAndGraph() throws {
        let lake = try Lake()
        let run = try lake.tarn("workflow", "run", lake.workflow)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("  convert: SUCCEEDED"))
        #expect(run.stdout.contains("1 files converted, 0 unchanged, 500 rows written, 0 rejected"))
        let again = try lake.tarn("workflow", "run", lake.workflow, "--json")
        #expect(again.status == 0)
        let glue = try JSONValue(parsing: again.stdout)
        #expect(glue["Status"] == "COMPLETED")
        #expect(glue["Graph"]?["Nodes"]?[0]?["JobDetails"]?["JobRuns"]?[0]?["Metrics"]?["filesUnchanged"] == 1)

        let history = try lake.tarn("workflow", "history", "orders", "--json")
        #expect(history.status == 0)
        let runs = try JSONValue(parsing: history.stdout)["Runs"]?.arrayValue ?? []
        #expect(runs.count == 2)
        #expect(runs.allSatisfy { $0["Statistics"]?["SucceededActions"] == 1 })
        let table = try lake.tarn("workflow", "history", "orders")
        #expect(table.stdout.hasPrefix("RUN "))
        #expect(table.stdout.contains("COMPLETED") && table.stdout.contains("convert:SUCCEEDED"))
        let status = try lake.tarn("workflow", "status")
        #expect(status.stdout.contains("orders") && status.stdout.contains("COMPLETED"))

        let html = lake.folder.appendingPathComponent("orders.html").path
        let graph = try lake.tarn("workflow", "graph", lake.workflow, "--format", "html", "--output", html)
        #expect(graph.status == 0)
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("<svg") && page.contains("500"))
        let dot = try lake.tarn("workflow", "graph", lake.workflow, "--format", "dot")
        #expect(dot.stdout.contains("t0 -> n0;"))
    }

    @Test func serveShutsDownCleanlyOnSIGTERM() throws {
        let lake = try Lake()
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["workflow", "serve", lake.workflow, "--catalog", lake.catalog, "--catch-up", "latest"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the banner, then ask it to stop.
        var text = ""
        let deadline = Date().addingTimeInterval(20)
        while !text.contains("stop with Ctrl-C") && Date() < deadline {
            text += String(decoding: out.fileHandleForReading.availableData, as: UTF8.self)
        }
        #expect(text.contains("serving 'nightly' of 'orders': 30 1 * * * (UTC)"))
        kill(process.processIdentifier, SIGTERM)
        text += String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        #expect(text.contains("stopped cleanly"))
    }

    @Test func usageAndDefinitionErrors() throws {
        let lake = try Lake()
        let noFormat = try lake.tarn("workflow", "graph", lake.workflow)
        #expect(noFormat.status == 2)
        #expect(noFormat.stderr.contains("workflow graph needs --format dot, mermaid or html"))
        try #"{ "name": "x", "nodes": [], "triggers": [], "schedule": 1 }"#.write(toFile: lake.folder.appendingPathComponent("bad.json").path)
        let bad = try lake.tarn("workflow", "validate", lake.folder.appendingPathComponent("bad.json").path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("bad.json: unknown key \"schedule\""))
        let property = try lake.tarn("workflow", "run", lake.workflow, "--property", "nope")
        #expect(property.status == 2)
        let crawler = try CLITests.temporaryFolder().appendingPathComponent("c.json").path
        try """
            { "name": "c", "nodes": [{ "name": "crawl", "type": "crawler", "path": "/nonexistent/tarn-lake", "database": "d" }],
              "triggers": [{ "name": "go", "type": "on-demand", "actions": ["crawl"] }] }
            """.write(toFile: crawler)
        let missing = try lake.tarn("workflow", "run", crawler)
        #expect(missing.status == 1)
        #expect(missing.stdout.contains("crawl: FAILED"))
        #expect(missing.stderr.contains("not succeeded: crawl (tarn workflow resume "))
    }

    @Test(.interop) func aKilledRunLeavesTheTableReadableAndTheNextRunCompletesIt() throws {
        let lake = try Lake()
        #expect(try lake.tarn("workflow", "run", lake.workflow).status == 0)
        let before = lake.parquetFiles()
        #expect(try lake.duckdbCount() == 500)
        #expect(FileManager.default.fileExists(atPath: lake.curated + "/orders/_SUCCESS"))

        // Two big new files; kill the run once their conversion has begun.
        try Lake.orders(from: 1_000_000, count: 300_000).write(toFile: lake.raw + "/orders/part-b.csv")
        try Lake.orders(from: 2_000_000, count: 300_000).write(toFile: lake.raw + "/orders/part-c.csv")
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["workflow", "run", lake.workflow, "--catalog", lake.catalog]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let staging = lake.curated + "/.tarn-staging"
        let deadline = Date().addingTimeInterval(60)
        var sawStaging = false
        while process.isRunning && Date() < deadline {
            if let entries = FileManager.default.enumerator(atPath: staging)?.allObjects as? [String], entries.contains(where: { $0.contains(".parquet") || $0.contains("tmp") }) {
                sawStaging = true
                break
            }
            usleep(2_000)
        }
        #expect(process.isRunning, "the run ended before it could be killed; make the input bigger")
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(sawStaging)

        // The curated table is as it was: same files, same rows, still marked complete.
        #expect(lake.parquetFiles() == before)
        #expect(try lake.duckdbCount() == 500)
        #expect(FileManager.default.fileExists(atPath: lake.curated + "/orders/_SUCCESS"))

        // The next run takes over the dead run's slot and converts exactly the new rows.
        let next = try lake.tarn("workflow", "run", lake.workflow)
        #expect(next.status == 0, "\(next.stdout)\n\(next.stderr)")
        #expect(next.stdout.contains("2 files converted, 1 unchanged, 600000 rows written"))
        #expect(try lake.duckdbCount() == 600_500)
        let history = try JSONValue(parsing: try lake.tarn("workflow", "history", "orders", "--json").stdout)
        let states = history["Runs"]?.arrayValue?.compactMap { $0["Status"]?.stringValue }
        #expect(states == ["COMPLETED", "ERROR", "COMPLETED"])
        #expect((try? FileManager.default.contentsOfDirectory(atPath: staging)) ?? [] == [])
    }
}

extension String {
    func write(toFile path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try write(toFile: path, atomically: true, encoding: .utf8)
    }
}
