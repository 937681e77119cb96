import LitmusModel
import LitmusWalk

/// PEP 751 lock files: `pylock.toml` and `pylock.<name>.toml` (`lock-version = "1.0"`).
///
/// Each `[[packages]]` gives a locked version at its `version` line, and every `sdist`,
/// `wheels` and `archive` entry the version its `name`, `url` or `path` carries, each at its line.
/// Exempt: `version` is optional in PEP 751 for `vcs`, `directory` and `archive` packages.
public struct Pylock: Extractor {
    /// `pylock`.
    public let name = "pylock"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``: `pylock.toml`, or
    /// `pylock.<name>.toml` with a non-empty name.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory else { return false }
        if name == "pylock.toml" { return true }
        return name.hasPrefix("pylock.") && name.hasSuffix(".toml") && name.count > "pylock..toml".count
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let (root, _) = ManifestInput.toml(path, files: files, stage: name, into: &out) else { return out }
        LockVersion.check(root["lock-version"]?.string, key: "lock-version", line: root.line(of: "lock-version"),
                          newest: [1, 0], isKnown: { $0 == [1, 0] || $0 == [1] }, path: path, stage: name, into: &out)
        for package in LockEntries.tables(root["packages"], key: "packages", path: path, stage: name, into: &out) {
            let local = ["vcs", "directory", "archive"].contains { package[$0] != nil }
            LockEntries.observePackage(package, path: path, stage: name, versionOptional: local, into: &out)
            for key in ["sdist", "wheels", "archive"] {
                LockEntries.observeFiles(package[key], path: path, into: &out)
            }
        }
        return out
    }
}
