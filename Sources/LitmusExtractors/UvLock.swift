import LitmusFormats
import LitmusModel
import LitmusWalk

/// uv's `uv.lock` (TOML, `version = 1` with any `revision`).
///
/// Each `[[package]]` gives a locked version at its `version` line, and every `sdist`/`wheels`
/// URL (or path) gives the version in its file name at its own line. The project's own
/// declarations copied into the lock (`[package.metadata] requires-dist`, `requires-dev`, and
/// `[manifest]` constraints/overrides) are read as declared specifiers.
/// Exempt: a package without `version` whose source is `editable`, `virtual` or `directory`
/// (uv omits dynamic versions of local projects); any other missing version is a warning.
public struct UvLock: Extractor {
    /// `uv.lock`.
    public let name = "uv.lock"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "uv.lock"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let (root, _) = ManifestInput.toml(entry.path, files: files, stage: name, into: &out) else { return out }
        read(root, path: entry.path, into: &out)
        return out
    }

    /// Reads a parsed lock (split out so the benchmark can time parse + observations alone).
    func read(_ root: TOMLTable, path: String, into out: inout Extraction) {
        let versionText = root["version"]?.integer.map { String($0) }
        LockVersion.check(versionText, key: "lock version", line: root.line(of: "version"), newest: [1],
                          isKnown: { $0 == [1] }, path: path, stage: name, into: &out)
        for package in LockEntries.tables(root["package"], key: "package", path: path, stage: name, into: &out) {
            let local = package["source"]?.table.map { s in ["editable", "virtual", "directory"].contains { s[$0] != nil } } ?? false
            LockEntries.observePackage(package, path: path, stage: name, versionOptional: local, into: &out)
            LockEntries.observeFiles(package["sdist"], path: path, into: &out)
            LockEntries.observeFiles(package["wheels"], path: path, into: &out)
            if let metadata = package["metadata"]?.table { readMetadata(metadata, path: path, into: &out) }
        }
        if let manifest = root["manifest"]?.table {
            for key in ["constraints", "overrides"] { specifierTables(manifest[key], path: path, into: &out) }
        }
    }

    private func readMetadata(_ metadata: TOMLTable, path: String, into out: inout Extraction) {
        specifierTables(metadata["requires-dist"], path: path, into: &out)
        for (_, group) in metadata["requires-dev"]?.table?.pairs ?? [] {
            specifierTables(group, path: path, into: &out)
        }
    }

    private func specifierTables(_ value: TOMLValue?, path: String, into out: inout Extraction) {
        for case .table(let table) in value?.array ?? [] {
            LockEntries.observeSpecifierTable(table, path: path, stage: name, into: &out)
        }
    }
}
