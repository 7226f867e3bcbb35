// swift-tools-version: 6.0
// Tarn: a local data-lake toolkit with a native Parquet writer.
// Module map and dependency rules: ARCHITECTURE.md.
import PackageDescription

let package = Package(
    name: "Tarn",
    products: [
        .library(name: "TarnCore", targets: ["TarnCore"]),
        .library(name: "TarnParquet", targets: ["TarnParquet"]),
        .library(name: "TarnIngest", targets: ["TarnIngest"]),
        .library(name: "TarnCatalog", targets: ["TarnCatalog"]),
        .executable(name: "tarn", targets: ["tarn"]),
        .executable(name: "tarn-bench", targets: ["TarnBench"]),
    ],
    targets: [
        // System C libraries: a module map and a shim header each, nothing else.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CSnappy", pkgConfig: "snappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),

        .target(name: "TarnCore"),
        .target(name: "TarnParquet", dependencies: ["TarnCore", "CZlib", "CSnappy", "CZstd"]),
        .target(name: "TarnIngest", dependencies: ["TarnCore", "CZlib", "CZstd"]),
        .target(name: "TarnCatalog", dependencies: ["TarnCore", "CSQLite"]),
        .executableTarget(name: "tarn", dependencies: ["TarnCore", "TarnIngest", "TarnParquet", "TarnCatalog"]),
        .executableTarget(name: "TarnBench", dependencies: ["TarnCore", "TarnParquet"], path: "Benchmarks/TarnBench"),

        .testTarget(name: "TarnCoreTests", dependencies: ["TarnCore"]),
        // Shared by the test targets: finds the conformance corpora in ../shared/corpora.
        .target(name: "TarnTestSupport", path: "Tests/TarnTestSupport"),
        .testTarget(name: "TarnParquetTests", dependencies: ["TarnCore", "TarnParquet", "TarnTestSupport"]),
        .testTarget(name: "TarnIngestTests", dependencies: ["TarnCore", "TarnIngest", "TarnTestSupport"]),
        .testTarget(name: "TarnCatalogTests", dependencies: ["TarnCatalog", "TarnCore"]),
        // Runs the built `tarn` binary (built beside the test bundle by `swift build --build-tests`).
        .testTarget(name: "TarnCLITests", dependencies: ["tarn", "TarnCatalog"]),
    ],
    swiftLanguageModes: [.v5]
)
