import LitmusFormats
import LitmusModel
import LitmusWalk

/// pixi's lockfile `pixi.lock` (formats 4 to 6).
///
/// Every item of the top-level `packages` list is observed as locked: PyPI items (a `pypi:`
/// key, or `kind: pypi`) at their `version:` line with their `name`; conda items by `name` and
/// `version` when given, else from the package file name in the `conda:`/`url:` URL
/// (`NAME-VERSION-BUILD.conda`), at the item's first line. The per-environment lists repeat the
/// same URLs and are not read twice. An item that names no package is an error.
public struct PixiLock: Extractor {
    /// `pixi.lock`.
    public let name = "pixi.lock"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "pixi.lock"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let root = YAMLInput.document(entry.path, files: files, stage: name, into: &out) else { return out }
        guard let items = root["packages"]?.sequenceItems else {
            out.issues.append(.error(entry.path, line: root["packages"]?.line, stage: name, "no \"packages\" list: not a pixi lockfile"))
            return out
        }
        for item in items { package(item, path: entry.path, into: &out) }
        return out
    }

    private func package(_ item: YAMLNode, path: String, into out: inout Extraction) {
        let isPyPI = item["pypi"] != nil || item["kind"]?.scalarValue == "pypi"
        let url = item["pypi"]?.scalarValue ?? item["conda"]?.scalarValue ?? item["url"]?.scalarValue ?? ""
        var packageName = item["name"]?.scalarValue
        var version = item["version"]?.scalarValue
        var line = item.line(of: "version") ?? item.line
        if packageName == nil || version == nil {
            if isPyPI, let file = DistributionFilename(url) {
                packageName = packageName ?? file.name.raw
                version = version ?? file.versionText
            } else if !isPyPI, let file = CondaPackageFilename(url) {
                packageName = packageName ?? file.name
                version = version ?? file.version
                line = item.line
            }
        }
        guard let packageName, let version else {
            out.issues.append(.error(path, line: item.line, stage: name, "package entry names no package and version"))
            return
        }
        out.add(LockedPackage.observation(name: packageName, version: version, at: FileLocation(path: path, line: line),
                                          origin: .locked, ecosystem: isPyPI ? "PyPI" : "conda"))
    }
}
