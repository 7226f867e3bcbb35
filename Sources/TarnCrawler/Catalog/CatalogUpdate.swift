import Foundation
import TarnCatalog
import TarnCore

/// Stores a crawl's tables, partitions and file records in one catalog transaction, and
/// applies the schema-change and delete policies.
struct CatalogUpdate {
    let catalog: Catalog
    let options: CrawlOptions
    let root: String

    func apply(planned: [PlannedTable], existing: [CatalogTable], records: [CrawledFile], vanished: [String]) throws -> [TableReport] {
        try catalog.transaction {
            try catalog.ensureDatabase(options.database, description: "crawled from \(root)", location: root)
            let stored = Dictionary(existing.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
            var reports: [TableReport] = []
            for plan in planned {
                reports.append(try store(plan, previous: stored[plan.table.name]))
            }
            let found = Set(planned.map(\.table.name))
            for table in existing where Crawler.isUnder(table.location, root) && !found.contains(table.name) {
                if let report = try retire(table) { reports.append(report) }
            }
            // Records of files other tables now hold are rewritten; gone files are forgotten.
            try catalog.recordCrawledFiles(records.sorted { $0.path < $1.path }, database: options.database)
            try catalog.deleteCrawledFiles(paths: vanished, database: options.database)
            return reports
        }
    }

    private func store(_ plan: PlannedTable, previous: CatalogTable?) throws -> TableReport {
        var table = plan.table
        var report = TableReport(name: table.name, action: .created, location: table.location, classification: table.format.classification,
                                 version: 1, fileCount: plan.files.count, recordCount: table.properties.recordCount)
        guard let previous else {
            try catalog.createOrUpdateTable(table)
            if !plan.partitions.isEmpty { try catalog.upsertPartitions(plan.partitions, database: options.database, table: table.name) }
            report.partitionsAdded = plan.partitions.count
            return report
        }
        let shapeChanged = previous.schema != table.schema || previous.partitionKeys != table.partitionKeys
        if shapeChanged {
            report.previousColumns = Self.columns(previous)
            report.columns = Self.columns(table)
        }
        if shapeChanged && options.schemaChange == .log {
            report.action = .schemaChangeLogged
            report.version = previous.version
            return report
        }
        table.description = previous.description
        let sameTable = Self.sameIgnoringCrawlTime(previous, table)
        let result = try catalog.createOrUpdateTable(table)

        // Partitions: add the new, update the changed, retire the gone.
        let storedPartitions = try catalog.partitions(database: options.database, table: table.name)
        let byValues = Dictionary(storedPartitions.map { ($0.values, $0) }, uniquingKeysWith: { a, _ in a })
        var changed: [CatalogPartition] = []
        for partition in plan.partitions {
            if let old = byValues[partition.values] {
                if old.location != partition.location || old.fileCount != partition.fileCount || old.sizeBytes != partition.sizeBytes
                    || old.recordCount != partition.recordCount || old.parameters != partition.parameters || old.deprecated {
                    changed.append(partition)
                    report.partitionsUpdated += 1
                }
            } else {
                changed.append(partition)
                report.partitionsAdded += 1
            }
        }
        if !changed.isEmpty { try catalog.upsertPartitions(changed, database: options.database, table: table.name) }
        let current = Set(plan.partitions.map(\.values))
        let keyCount = table.partitionKeys.count
        // Partitions of other keys cannot stay (the key list changed): deleted whatever the policy.
        let misshapen = storedPartitions.filter { $0.values.count != keyCount }.map(\.values)
        if !misshapen.isEmpty { try catalog.deletePartitions(misshapen, database: options.database, table: table.name) }
        let gone = storedPartitions.filter { $0.values.count == keyCount && !current.contains($0.values) }
        let goneToRetire = gone.filter { !(options.deleteBehavior == .deprecate && $0.deprecated) }.map(\.values)
        report.partitionsVanished = goneToRetire.count + misshapen.count
        switch options.deleteBehavior {
        case .deprecate: if !goneToRetire.isEmpty { try catalog.setPartitionsDeprecated(goneToRetire, database: options.database, table: table.name) }
        case .delete: if !goneToRetire.isEmpty { try catalog.deletePartitions(goneToRetire, database: options.database, table: table.name) }
        case .log: break
        }

        switch result {
        case .newVersion(let version):
            report.action = .newVersion
            report.version = version
        default:
            report.version = previous.version
            let partitionsChanged = !changed.isEmpty || (report.partitionsVanished > 0 && options.deleteBehavior != .log)
            report.action = sameTable && !partitionsChanged ? .unchanged : .updated
        }
        if !shapeChanged { report.previousColumns = nil; report.columns = nil }
        return report
    }

    /// A table whose files are all gone.
    private func retire(_ table: CatalogTable) throws -> TableReport? {
        var report = TableReport(name: table.name, action: .deprecated, location: table.location, classification: table.format.classification,
                                 version: table.version, fileCount: 0, recordCount: nil)
        switch options.deleteBehavior {
        case .deprecate:
            guard !table.deprecated else { return nil }   // reported when it happened
            try catalog.setTableDeprecated(database: options.database, name: table.name)
            let partitions = try catalog.partitions(database: options.database, table: table.name).filter { !$0.deprecated }.map(\.values)
            if !partitions.isEmpty { try catalog.setPartitionsDeprecated(partitions, database: options.database, table: table.name) }
            report.partitionsVanished = partitions.count
        case .delete:
            try catalog.deleteTable(database: options.database, name: table.name)
            report.action = .deleted
            report.version = nil
        case .log:
            report.action = .vanishedLogged
        }
        return report
    }

    static func columns(_ table: CatalogTable) -> [String] {
        table.schema.fields.map { "\($0.name) \($0.type)" } + table.partitionKeys.map { "\($0.name) \($0.type) (partition)" }
    }

    /// Equal but for `lastCrawled` (and what the catalog sets: version, times).
    static func sameIgnoringCrawlTime(_ a: CatalogTable, _ b: CatalogTable) -> Bool {
        var left = a.properties, right = b.properties
        left.lastCrawled = nil
        right.lastCrawled = nil
        return a.location == b.location && a.format == b.format && a.schema == b.schema && a.partitionKeys == b.partitionKeys
            && left == right && a.deprecated == b.deprecated
    }
}
