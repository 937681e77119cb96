import FoundationEssentials
import LitmusFormats
import LitmusModel
import LitmusWalk

/// Pipenv's `Pipfile.lock` (JSON, `_meta.pipfile-spec` 6).
///
/// Every category (`default`, `develop`, custom ones) maps names to entries whose
/// `"version": "==X"` is a locked version. JSON has no line numbers in Foundation, so a cheap
/// scan of the text (``JSONKeyLines``) places each entry's `"version"` key, falling back to
/// the entry's name line. A `file`/`path` entry gives the version its file name carries.
/// Exempt: `git`, `path` and `editable` entries may have no version.
public struct PipfileLock: Extractor {
    /// `Pipfile.lock`.
    public let name = "Pipfile.lock"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "Pipfile.lock"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let bytes = ManifestInput.bytes(path, files: files, stage: name, into: &out) else { return out }
        let json: Any
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            out.issues.append(.error(path, line: error.line, stage: name, "not valid JSON: \(error.message)"))
            return out
        }
        guard let root = json as? [String: Any] else {
            out.issues.append(.error(path, stage: name, "top level is not a JSON object"))
            return out
        }
        let lines = JSONKeyLines(bytes)
        checkSpec(root["_meta"] as? [String: Any], path: path, line: lines.line(["_meta", "pipfile-spec"]), into: &out)
        for category in root.keys.sorted() where category != "_meta" {
            guard let packages = root[category] as? [String: Any] else { continue }
            for key in packages.keys.sorted() {
                let fallback = lines.line([category, key])
                observe(key, packages[key], path: path, versionLine: lines.line([category, key, "version"]) ?? fallback,
                        nameLine: fallback, into: &out)
            }
        }
        return out
    }

    private func checkSpec(_ meta: [String: Any]?, path: String, line: Int?, into out: inout Extraction) {
        let spec: String?
        switch meta?["pipfile-spec"] {
        case let n as Int: spec = "\(n)"
        case let d as Double: spec = d == d.rounded() && abs(d) < 1e15 ? "\(Int(d))" : "\(d)"
        default: spec = nil
        }
        LockVersion.check(spec, key: "pipfile-spec", line: line, newest: [6], isKnown: { $0 == [6] },
                          path: path, stage: name, into: &out)
    }

    private func observe(_ key: String, _ value: Any?, path: String, versionLine: Int?, nameLine: Int?, into out: inout Extraction) {
        guard PackageName.isValid(key), let entry = value as? [String: Any] else {
            out.issues.append(.error(path, line: nameLine, stage: name, "entry \"\(Redact.excerpt(key))\" is not a package entry"))
            return
        }
        if let file = (entry["file"] ?? entry["path"]) as? String, let dist = DistributionFilename(file) {
            out.add(PackageObservation(name: dist.name, requirement: .version(dist.version), requirementText: dist.versionText,
                                       location: FileLocation(path: path, line: nameLine), origin: .locked, note: "file \(file)"))
        }
        guard let text = entry["version"] as? String else {
            if !["git", "path", "file", "editable"].contains(where: { entry[$0] != nil }) {
                out.issues.append(.warning(path, line: nameLine, stage: name, "entry \(key) has no version"))
            }
            return
        }
        let trimmed = text.trimmingSpaces
        let bare = trimmed.hasPrefix("===") ? String(trimmed.dropFirst(3)) : trimmed.hasPrefix("==") ? String(trimmed.dropFirst(2)) : trimmed
        let location = FileLocation(path: path, line: versionLine)
        if let version = Version.parse(bare.trimmingSpaces) {
            out.add(PackageObservation(name: PackageName(key), requirement: .version(version), requirementText: trimmed,
                                       location: location, origin: .locked))
            return
        }
        // Not an exact pin (hand-edited): judge it as a specifier.
        switch Requirements.parseSpecifier(trimmed) {
        case .success(let requirement):
            out.add(PackageObservation(name: PackageName(key), requirement: requirement, requirementText: trimmed,
                                       location: location, origin: .locked))
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: name, "entry \(key): \(failure.message)"))
        }
    }
}
