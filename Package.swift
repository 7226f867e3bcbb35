// swift-tools-version: 6.0
// Tarn: a local data-lake toolkit with a native Parquet writer.
// Module map and dependency rules: ARCHITECTURE.md.
import PackageDescription

let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "Tarn",
    products: [
        .library(name: "TarnCore", targets: ["TarnCore"]),
        .library(name: "TarnParquet", targets: ["TarnParquet"]),
        .library(name: "TarnIngest", targets: ["TarnIngest"]),
        .library(name: "TarnWorkflow", targets: ["TarnWorkflow"]),
        .library(name: "TarnCatalog", targets: ["TarnCatalog"]),
        .library(name: "TarnCrawler", targets: ["TarnCrawler"]),
        .executable(name: "tarn", targets: ["tarn"]),
        .executable(name: "tarn-bench", targets: ["TarnBench"]),
    ],
    targets: [
        // System C libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        // Column builders are generic and called per value from other modules: let the
        // optimizer specialize and inline them across modules.
        .target(name: "TarnCore", swiftSettings: crossModule),
        .target(name: "TarnParquet", dependencies: ["TarnCore", "CZlib", "CSnappy", "CZstd"]),
        .target(name: "TarnIngest", dependencies: ["TarnCore", "CZlib", "CZstd"]),
        .target(name: "TarnCatalog", dependencies: ["TarnCore", "CSQLite"]),
        .target(name: "TarnCrawler", dependencies: ["TarnCore", "TarnIngest", "TarnParquet", "TarnCatalog"]),
        .target(name: "TarnWorkflow", dependencies: ["TarnCore", "TarnIngest", "TarnParquet", "TarnCatalog", "TarnCrawler"]),
        .executableTarget(name: "tarn", dependencies: ["TarnCore", "TarnIngest", "TarnParquet", "TarnCatalog", "TarnCrawler", "TarnWorkflow"]),
        .executableTarget(name: "TarnBench", dependencies: ["TarnCore", "TarnParquet"], path: "Benchmarks/TarnBench"),

        .testTarget(name: "TarnCoreTests", dependencies: ["TarnCore"]),
        // Shared by the test targets: finds the conformance corpora in ../shared/corpora.
        .target(name: "TarnTestSupport", path: "Tests/TarnTestSupport"),
        .testTarget(name: "TarnParquetTests", dependencies: ["TarnCore", "TarnParquet", "TarnTestSupport"]),
        .testTarget(name: "TarnIngestTests", dependencies: ["TarnCore", "TarnIngest", "TarnTestSupport"]),
        .testTarget(name: "TarnWorkflowTests", dependencies: ["TarnCore", "TarnIngest", "TarnParquet", "TarnCatalog", "TarnCrawler", "TarnWorkflow", "TarnTestSupport"]),
        .testTarget(name: "TarnCatalogTests", dependencies: ["TarnCatalog", "TarnCore", "TarnTestSupport"]),
        .testTarget(name: "TarnCrawlerTests", dependencies: ["TarnCrawler", "TarnCatalog", "TarnCore", "TarnIngest", "TarnParquet", "TarnWorkflow", "TarnTestSupport"]),
        // Runs the built `tarn` binary (built beside the test bundle by `swift build --build-tests`).
        .testTarget(name: "TarnCLITests", dependencies: ["tarn", "TarnCatalog", "TarnTestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
