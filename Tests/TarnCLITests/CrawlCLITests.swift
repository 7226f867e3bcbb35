import Foundation
import Testing

/// `tarn crawl` as a user runs it.
@Suite struct CrawlCLITests {
    @Test func crawlsAndReportsJSON() throws {
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let catalog = folder.appendingPathComponent("catalog.sqlite").path
        let lake = CLITests.packageRoot.appendingPathComponent("Fixtures/lakes/messy").path
        let first = try CLITests.tarn("crawl", lake, "--database", "raw", "--catalog", catalog, "--json")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"TablesCreated\": [\n    \"ok\"\n  ]"))
        #expect(first.stdout.contains("\"Reason\": \"empty file\""))
        let second = try CLITests.tarn("crawl", lake, "--database", "raw", "--catalog", catalog)
        #expect(second.status == 0)
        #expect(second.stdout.contains("2 data files in 1 table, 2 skipped; 0 files read, 4 unchanged since the last crawl"))
        #expect(second.stdout.contains("tables unchanged:\n  ok (csv, 2 files, 4 records)  ok\n"))
        #expect(second.stdout.contains("  empty/empty.csv: empty file\n"))
    }

    @Test func badCatalogAndUsage() throws {
        let folder = try CLITests.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notADatabase = folder.appendingPathComponent("notes.txt").path
        try "just text, long enough to be read as a header by SQLite... ".write(toFile: notADatabase, atomically: true, encoding: .utf8)
        let lake = CLITests.packageRoot.appendingPathComponent("Fixtures/lakes/messy").path
        let bad = try CLITests.tarn("crawl", lake, "--database", "raw", "--catalog", notADatabase)
        #expect(bad.status == 1)
        #expect(bad.stderr.hasPrefix("tarn: \(notADatabase): "))
        #expect(try String(contentsOfFile: notADatabase, encoding: .utf8).hasPrefix("just text"))
        let missing = try CLITests.tarn("crawl", lake)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing --database DB"))
        let policy = try CLITests.tarn("crawl", lake, "--database", "raw", "--schema-change", "merge")
        #expect(policy.status == 2)
        #expect(policy.stderr.contains("--schema-change is update or log, got 'merge'"))
        let gone = try CLITests.tarn("crawl", folder.appendingPathComponent("nowhere").path, "--database", "raw", "--catalog", folder.appendingPathComponent("c.sqlite").path)
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("no such folder"))
    }
}
