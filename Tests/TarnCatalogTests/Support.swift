import Foundation
import TarnCore
@testable import TarnCatalog

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tarn-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    var path: String { url.path }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// A catalog in a fresh temporary folder.
func makeCatalog(_ folder: TemporaryFolder) throws -> Catalog {
    try Catalog(path: folder.path("catalog.sqlite"))
}

enum Sample {
    static let salesSchema = Schema([
        Field("id", .int64, nullable: false),
        Field("customer", .string),
        Field("amount", .decimal(precision: 12, scale: 2)),
        Field("sold_at", .timestamp(.microseconds, utc: true)),
    ])

    static func salesTable(database: String = "lake") -> CatalogTable {
        CatalogTable(
            database: database, name: "sales", location: "/data/curated/sales", format: .parquet(compression: .snappy),
            schema: salesSchema, partitionKeys: [PartitionKey("year", .int32), PartitionKey("month", .int32)],
            properties: TableProperties(recordCount: 1200, sizeBytes: 48_000, objectCount: 4, averageRecordSize: 40, custom: ["owner": "finance"]))
    }

    static func csvTable(database: String = "lake") -> CatalogTable {
        CatalogTable(
            database: database, name: "customers", location: "/data/raw/customers",
            format: .csv(CSVFormat(delimiter: ";", quote: "\"", escape: "\\", hasHeader: true, skipRows: 1), compression: .gzip),
            schema: Schema([Field("id", .int64), Field("name", .string), Field("signed_up", .date)]),
            properties: TableProperties(recordCount: 3))
    }

    static func jsonTable(database: String = "lake") -> CatalogTable {
        CatalogTable(
            database: database, name: "events", location: "/data/raw/events", format: .json(.lines),
            schema: Schema([
                Field("id", .int64),
                Field("tags", .list(Field("element", .string))),
                Field("device", .structure([Field("os", .string), Field("version", .int32)])),
            ]),
            partitionKeys: [PartitionKey("day", .string)])
    }
}
