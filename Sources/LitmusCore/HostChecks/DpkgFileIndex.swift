import Synchronization

/// Which Debian package installed a path, from `ROOT/var/lib/dpkg/info/*.list`; loaded once
/// per audit, on first use, and only when a startup hook needs an owner. A list that exists
/// but cannot be read is an error in the report, given to the first caller only.
final class DpkgFileIndex: Sendable {
    private struct State {
        var root: String?
        var index: [String: String] = [:]
    }

    private let state = Mutex(State())

    init() {}

    /// Loads the lists under `root` unless already loaded; returns the issues of this load.
    func load(root: String, files: any FileReading) -> [ScanIssue] {
        state.withLock { state in
            guard state.root != root else { return [] }
            let (index, issues) = Self.read(root: root, files: files)
            state = State(root: root, index: index)
            return issues
        }
    }

    /// The package listing `path` (a path under the audit root), or nil.
    func owner(of path: String, root: String) -> String? {
        let absolute = Paths.onHost(path, root: root)
        return state.withLock { $0.index[absolute] }
    }

    private static func read(root: String, files: any FileReading) -> ([String: String], [ScanIssue]) {
        let dir = Paths.join(root, "var/lib/dpkg/info")
        let items: [DirectoryItem]
        do {
            items = try files.list(dir)
        } catch {
            return ([:], error.isNotFound ? [] : [.error(dir, stage: "site-packages", "cannot list dpkg file lists: \(error.message)")])
        }
        var out: [String: String] = [:]
        var issues: [ScanIssue] = []
        for item in items.sorted(by: { $0.name < $1.name }) where item.name.hasSuffix(".list") {
            let path = Paths.join(dir, item.name)
            let bytes: [UInt8]
            do {
                bytes = try files.read(path, limit: 32 << 20)
            } catch {
                issues.append(.error(path, stage: "site-packages", "cannot read dpkg file list: \(error.message)"))
                continue
            }
            let package = String(item.name.dropLast(5))
            for line in bytes.split(separator: 0x0A) where line.last == UInt8(ascii: "h") || line.last == UInt8(ascii: "y") {
                out[String(decoding: line, as: UTF8.self)] = package  // only .pth and .py lines matter
            }
        }
        return (out, issues)
    }
}
