import LitmusModel
import LitmusWalk

/// conda-lock's unified lockfile `conda-lock.yml` (format version 1).
///
/// Every `package` entry is observed as locked at its `version:` line, in the `conda` ecosystem
/// for `manager: conda` and PyPI for `manager: pip`; the platform is noted. An entry without
/// `name` or `version` is an error. Claims `conda-lock.yml`/`.yaml` and `*.conda-lock.yml`
/// (the names conda-lock's `--lockfile` users choose).
public struct CondaLock: Extractor {
    /// `conda-lock.yml`.
    public let name = "conda-lock.yml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        guard !isDirectory else { return false }
        return name == "conda-lock.yml" || name == "conda-lock.yaml" || name.hasSuffix(".conda-lock.yml") || name.hasSuffix(".conda-lock.yaml")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let root = YAMLInput.document(entry.path, files: files, stage: name, into: &out) else { return out }
        guard let packages = root["package"] else {
            out.issues.append(.error(entry.path, stage: name, "no \"package\" list: not a conda-lock unified lockfile"))
            return out
        }
        guard let items = packages.sequenceItems else {
            out.issues.append(.error(entry.path, line: packages.line, stage: name, "\"package\" is not a list"))
            return out
        }
        for item in items {
            guard let package = item["name"]?.scalarValue, let version = item["version"]?.scalarValue else {
                out.issues.append(.error(entry.path, line: item.line, stage: name, "package entry lacks name or version"))
                continue
            }
            let manager = item["manager"]?.scalarValue ?? "conda"
            let platform = item["platform"]?.scalarValue.map { "platform \($0)" }
            let location = FileLocation(path: entry.path, line: item.line(of: "version") ?? item.line)
            out.add(LockedPackage.observation(name: package, version: version, at: location, origin: .locked,
                                              ecosystem: manager == "pip" ? "PyPI" : "conda", note: platform))
        }
        return out
    }
}
