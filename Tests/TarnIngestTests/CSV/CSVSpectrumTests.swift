import Foundation
import Testing
import TarnTestSupport
@testable import TarnIngest

/// csv-spectrum: each `csvs/<name>.csv` read with comma, double quote and a header row
/// must give the records of `json/<name>.json`, every value a string, nothing trimmed.
@Suite("CSV spectrum corpus")
struct CSVSpectrumTests {
    static let corpus = "csv/csv-spectrum"
    /// A known defect upstream (its JSON does not match its CSV).
    static let knownBad: Set<String> = ["location_coordinates"]

    @Test(.enabled(if: Corpora.isAvailable(corpus), "corpus csv/csv-spectrum not found at \(Corpora.root.path)/csv/csv-spectrum (set TARN_CORPORA)"))
    func everyFileMatchesItsJSON() throws {
        guard let folder = Corpora.folder(Self.corpus) else { return }
        let csvs = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("csvs").path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        var checked = 0
        for file in csvs {
            let name = String(file.dropLast(4))
            if Self.knownBad.contains(name) { continue }
            let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent("csvs/\(file)")))
            let json = try Data(contentsOf: folder.appendingPathComponent("json/\(name).json"))
            let expected = try #require(JSONSerialization.jsonObject(with: json) as? [[String: String]], "\(name).json")
            for chunkSize in [nil, 1, 7] as [Int?] {
                let records = try tokenizeCSV(bytes, chunkSize: chunkSize).map(\.fields)
                let header = try #require(records.first, "\(name): no header")
                let rows = records.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
                #expect(rows == expected, "\(name) (chunk size \(chunkSize.map(String.init) ?? "all"))")
            }
            checked += 1
        }
        #expect(checked == csvs.count - 1)
    }
}
