import LitmusModel
import LitmusWalk

/// Poetry's `poetry.lock` (TOML), lock-version 1.0/1.1 (poetry 1.x before 1.5) and 2.0/2.1.
///
/// Each `[[package]]` gives a locked version at its `version` line; the file names in its
/// `files` list (2.x) or in `[metadata.files]` (1.x) give the versions they carry, each at its
/// line; a `[package.source]` of type `url`/`file` gives its URL's version.
/// Exempt: a package whose source is `git` or `directory` may lack a usable version.
public struct PoetryLock: Extractor {
    /// `poetry.lock`.
    public let name = "poetry.lock"

    /// Lock versions poetry has written.
    static let known: Set<[Int]> = [[1, 0], [1, 1], [2, 0], [2, 1]]

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "poetry.lock"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let (root, _) = ManifestInput.toml(path, files: files, stage: name, into: &out) else { return out }
        let metadata = root["metadata"]?.table
        LockVersion.check(metadata?["lock-version"]?.string, key: "lock-version", line: metadata?.line(of: "lock-version"),
                          newest: [2, 1], isKnown: { Self.known.contains($0) }, path: path, stage: name, into: &out)
        for package in LockEntries.tables(root["package"], key: "package", path: path, stage: name, into: &out) {
            let sourceType = package["source"]?.table?["type"]?.string
            let local = sourceType == "git" || sourceType == "directory"
            LockEntries.observePackage(package, path: path, stage: name, versionOptional: local, into: &out)
            LockEntries.observeFiles(package["files"], path: path, into: &out)
            if sourceType == "url" || sourceType == "file", let url = package["source"]?.table?["url"]?.string {
                LockEntries.observeFile(url, line: package["source"]?.table?.line(of: "url"), path: path, into: &out)
            }
        }
        // lock-version 1.x lists files per package name under [metadata.files].
        for (_, list) in metadata?["files"]?.table?.pairs ?? [] {
            LockEntries.observeFiles(list, path: path, into: &out)
        }
        return out
    }
}
