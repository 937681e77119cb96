import FoundationEssentials
import LitmusModel
import LitmusSystem
import LitmusWalk

/// Finds and reads the ignore config for a run.
enum ConfigLoading {
    /// The largest config file read; anything bigger is not a hand-written ignore list.
    static let sizeLimit = 1 << 20

    /// `explicit` (which must exist), else `.litmus.toml` in the first of `roots` (or, for a
    /// file root, its directory) when present; nil `roots` means no default file. Any problem
    /// is fatal (exit 2) with file and line.
    static func load(explicit: String?, roots: [String]?) throws -> IgnoreConfig? {
        let reader = DiskReader(followSymlinks: true)
        guard let path = explicit ?? roots.map(defaultPath) else { return nil }
        let bytes: [UInt8]
        do {
            bytes = try reader.read(path, limit: sizeLimit)
        } catch {
            if explicit == nil && error.isNotFound { return nil }
            throw FatalError("cannot read config \(Escape.display(path)): \(error.message)")
        }
        do {
            return try IgnoreConfig.parse(bytes, path: path)
        } catch {
            throw FatalError(error.description)
        }
    }

    private static func defaultPath(roots: [String]) -> String {
        let root = roots.first ?? "."
        let directory: String
        if case .success(let info) = Platform.fileInfo(root, follow: true), info.kind != .directory {
            directory = Paths.parent(of: root)
        } else {
            directory = root
        }
        return directory.isEmpty ? IgnoreConfig.fileName : Paths.join(directory, IgnoreConfig.fileName)
    }

    /// Today's date in UTC as `YYYY-MM-DD`, the form `expires` is compared in.
    static func today() -> String {
        TimeText.day(Date())
    }
}
