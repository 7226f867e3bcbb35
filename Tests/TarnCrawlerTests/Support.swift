import Foundation
import TarnTestSupport
import Testing
import TarnCatalog
@testable import TarnCrawler

/// Temporary lakes and catalogs for crawler tests.
struct Lake {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let folder: URL
    var root: String { folder.appendingPathComponent("lake").path }
    var catalogPath: String { folder.appendingPathComponent("catalog.sqlite").path }

    /// An empty lake, or a copy of `Fixtures/lakes/NAME`.
    init(copying fixture: String? = nil) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-crawl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let fixture {
            try FileManager.default.copyItem(atPath: Self.packageRoot.appendingPathComponent("Fixtures/lakes/\(fixture)").path, toPath: root)
        } else {
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func path(_ relative: String) -> String { root + "/" + relative }

    /// Writes `text` at `relative`, making folders.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Array(text.utf8))
    }

    func write(_ relative: String, bytes: [UInt8]) throws {
        let target = path(relative)
        try FileManager.default.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: target))
    }

    func catalog() throws -> Catalog { try Catalog(path: catalogPath) }

    func crawl(_ database: String = "lake", configure: (inout CrawlOptions) -> Void = { _ in }) throws -> CrawlReport {
        var options = CrawlOptions(database: database, threads: 2)
        configure(&options)
        return try Crawler(catalog: try catalog(), options: options).crawl(root)
    }

    /// Runs a tool (`gzip`, `zstd`) in the lake; throws when it fails.
    func run(_ tool: String, _ arguments: [String]) throws {
        let (status, _, _) = try Interop.launch("/usr/bin/env", [tool] + arguments, in: URL(fileURLWithPath: root))
        guard status == 0 else { throw ToolFailure(tool: tool, status: status) }
    }

    static func toolExists(_ tool: String) -> Bool {
        ["/usr/bin/", "/bin/", "/usr/local/bin/"].contains { FileManager.default.isExecutableFile(atPath: $0 + tool) }
    }
}

struct ToolFailure: Error { var tool: String; var status: Int32 }

extension CrawlReport {
    func table(_ name: String) -> TableReport? { tables.first { $0.name == name } }
    func skipReason(_ path: String) -> String? { skipped.first { $0.path.hasSuffix("/" + path) }?.reason }
}
