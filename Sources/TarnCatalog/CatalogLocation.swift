import Foundation

/// Where the catalog file is: an explicit `--catalog PATH`, else `$TARN_CATALOG`, else
/// `.tarn/catalog.sqlite` under the current folder.
public enum CatalogLocation {
    /// The default path relative to the working folder.
    public static let defaultRelativePath = ".tarn/catalog.sqlite"
    /// The environment variable that overrides the default.
    public static let environmentVariable = "TARN_CATALOG"

    /// The catalog path, made absolute against `cwd`.
    public static func resolve(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        cwd: String = FileManager.default.currentDirectoryPath
    ) -> String {
        let chosen: String
        if let explicit, !explicit.isEmpty {
            chosen = explicit
        } else if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            chosen = fromEnvironment
        } else {
            chosen = defaultRelativePath
        }
        let expanded = (chosen as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
        return URL(fileURLWithPath: cwd).appendingPathComponent(expanded).standardizedFileURL.path
    }
}
