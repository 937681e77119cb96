import LitmusModel
import LitmusWalk

/// PDM's `pdm.lock` (TOML, `[metadata] lock_version` 4.x).
///
/// Each `[[package]]` gives a locked version at its `version` line, and every entry of its
/// `files` list (`file` name or `url`) the version its file name carries, at its line.
/// Exempt: packages locked from VCS or local paths (`git`, `path`, `url` keys) may lack a version.
public struct PdmLock: Extractor {
    /// `pdm.lock`.
    public let name = "pdm.lock"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "pdm.lock"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let (root, _) = ManifestInput.toml(path, files: files, stage: name, into: &out) else { return out }
        let metadata = root["metadata"]?.table
        LockVersion.check(metadata?["lock_version"]?.string, key: "lock_version", line: metadata?.line(of: "lock_version"),
                          newest: [4, 5, 1], isKnown: { $0.first == 4 }, path: path, stage: name, into: &out)
        for package in LockEntries.tables(root["package"], key: "package", path: path, stage: name, into: &out) {
            let local = ["git", "path", "url"].contains { package[$0] != nil }
            LockEntries.observePackage(package, path: path, stage: name, versionOptional: local, into: &out)
            LockEntries.observeFiles(package["files"], path: path, into: &out)
            if let url = package["url"]?.string {
                LockEntries.observeFile(url, line: package.line(of: "url"), path: path, into: &out)
            }
        }
        return out
    }
}
