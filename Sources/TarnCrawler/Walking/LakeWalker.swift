import Foundation

/// A file the walk found: where it is, how large, and when it last changed.
struct WalkedFile: Sendable {
    /// Absolute, standardized.
    var path: String
    /// Folders from the root down to the file's folder.
    var folders: [String]
    var name: String
    var sizeBytes: Int64
    var modifiedAt: Date

    var relativePath: String { (folders + [name]).joined(separator: "/") }
}

/// Lists a crawl root with `readdir` and `stat` (the part of an unchanged re-crawl that
/// touches every file, so it avoids Foundation's enumerator and its per-file dictionaries).
///
/// Names starting with `.` or `_` (`.git`, `_SUCCESS`, `_temporary`) are listed as
/// skipped, not entered; excluded paths are listed as skipped, excluded folders not
/// entered; symbolic links to files are followed, links to folders are not (no loops).
struct LakeWalker {
    let root: String
    let excludes: [GlobPattern]
    /// Paths never crawled (the catalog file and its journals when they lie under the root).
    let ignored: Set<String>
    /// Called with each folder's path before it is listed (tests delete it to see a folder
    /// vanish mid-crawl).
    var beforeListing: (@Sendable (String) -> Void)?

    func walk() throws -> (files: [WalkedFile], skipped: [SkippedFile]) {
        var files: [WalkedFile] = []
        var skipped: [SkippedFile] = []
        guard let names = try listFolder(root, folders: [], skipped: &skipped, isRoot: true) else { return (files, skipped) }
        var stack: [([String], [String])] = [([], names)]
        // Depth-first with an explicit stack; each folder's entries in name order.
        while let (folders, entries) = stack.popLast() {
            var subfolders: [([String], [String])] = []
            for name in entries {
                let relative = (folders + [name]).joined(separator: "/")
                let path = root + "/" + relative
                if ignored.contains(path) { continue }
                var info = stat()
                if lstat(path, &info) != 0 {
                    // Gone between readdir and lstat: a file deleted mid-crawl.
                    skipped.append(SkippedFile(path: path, reason: "vanished during the crawl"))
                    continue
                }
                var mode = info.st_mode & S_IFMT
                if mode == S_IFLNK {
                    var target = stat()
                    guard stat(path, &target) == 0 else {
                        skipped.append(SkippedFile(path: path, reason: "unreadable: broken symbolic link"))
                        continue
                    }
                    if (target.st_mode & S_IFMT) == S_IFDIR {
                        skipped.append(SkippedFile(path: path, reason: "symbolic link to a folder, not followed"))
                        continue
                    }
                    info = target
                    mode = target.st_mode & S_IFMT
                }
                let isFolder = mode == S_IFDIR
                if name.hasPrefix(".") || name.hasPrefix("_") {
                    skipped.append(SkippedFile(path: path, reason: isFolder ? "hidden folder (name starts with '\(name.first!)'), not entered" : "hidden or marker file (name starts with '\(name.first!)')"))
                    continue
                }
                if let pattern = excludes.first(where: { $0.matches(relative) || (isFolder && $0.matches(relative + "/")) }) {
                    skipped.append(SkippedFile(path: path, reason: "excluded by '\(pattern.text)'\(isFolder ? ", not entered" : "")"))
                    continue
                }
                if isFolder {
                    if let children = try listFolder(path, folders: folders + [name], skipped: &skipped, isRoot: false) {
                        subfolders.append((folders + [name], children))
                    }
                    continue
                }
                guard mode == S_IFREG else {
                    skipped.append(SkippedFile(path: path, reason: "not a regular file"))
                    continue
                }
                files.append(WalkedFile(path: path, folders: folders, name: name, sizeBytes: Int64(info.st_size),
                                        modifiedAt: Self.modificationDate(info)))
            }
            stack.append(contentsOf: subfolders.reversed())
        }
        return (files, skipped)
    }

    /// The names in a folder, sorted; nil (and a skipped entry) when it cannot be listed.
    private func listFolder(_ path: String, folders: [String], skipped: inout [SkippedFile], isRoot: Bool) throws -> [String]? {
        beforeListing?(path)
        guard let handle = opendir(path) else {
            let code = errno
            if isRoot {
                throw CrawlError(code == ENOENT ? .notAFolder : .io, "cannot list the crawl root", path: path, cause: String(cString: strerror(code)))
            }
            let reason = code == ENOENT ? "folder vanished during the crawl" : "unreadable folder: \(String(cString: strerror(code)))"
            skipped.append(SkippedFile(path: path, reason: reason))
            return nil
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted()
    }

    static func modificationDate(_ info: stat) -> Date {
        Date(timeIntervalSince1970: Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9)
    }
}
