import LitmusFormats
import LitmusModel
import LitmusWalk

/// Pipenv's `Pipfile` (TOML): `[packages]`, `[dev-packages]` and any custom package category.
///
/// A value is a specifier string (`"*"` is unconstrained, `"==1.82.8"` exact, a bare version
/// is read as `==`), or a table whose `version` is one; `file`/`path` tables give the version
/// their distribution file name carries. Each observation is at the key's line.
/// A key may carry extras (`"requests[socks]" = "*"`), as pipenv accepts and real Pipfiles have.
/// Exempt: `[source]`, `[requires]`, `[pipenv]` and `[scripts]` hold no packages.
public struct Pipfile: Extractor {
    /// `Pipfile`.
    public let name = "Pipfile"

    /// Top-level tables that are not package categories.
    static let nonCategories: Set<String> = ["source", "requires", "pipenv", "scripts"]

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "Pipfile"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let (root, _) = ManifestInput.toml(path, files: files, stage: name, into: &out) else { return out }
        for (category, value) in root.pairs where !Self.nonCategories.contains(category) {
            guard let table = value.table else { continue }
            for (key, spec) in table.pairs {
                observe(key, spec, at: FileLocation(path: path, line: table.line(of: key)), into: &out)
            }
        }
        return out
    }

    private func observe(_ key: String, _ value: TOMLValue, at location: FileLocation, into out: inout Extraction) {
        guard let package = Self.packageName(key) else {
            out.issues.append(ScanIssue(.error, location, stage: name, "invalid package name \"\(Redact.excerpt(key))\""))
            return
        }
        var text = value.string
        if let table = value.table {
            if let file = table["file"]?.string ?? table["path"]?.string, let dist = DistributionFilename(file) {
                out.add(PackageObservation(name: package, requirement: .version(dist.version), requirementText: dist.versionText,
                                           location: location, origin: .declared, note: "file \(file)"))
                return
            }
            text = table["version"]?.string ?? "*"
        }
        guard let text else {
            out.issues.append(ScanIssue(.error, location, stage: name, "value of \(key) is neither a string nor a table"))
            return
        }
        let trimmed = text.trimmingSpaces
        if trimmed == "*" || trimmed.isEmpty {
            out.add(PackageObservation(name: package, requirement: .unconstrained, requirementText: "",
                                       location: location, origin: .declared))
            return
        }
        // pipenv turns a bare version into an exact pin.
        let specifier = trimmed.first?.isNumber == true ? "==" + trimmed : trimmed
        switch Requirements.parseSpecifier(specifier) {
        case .success(let requirement):
            out.add(PackageObservation(name: package, requirement: requirement, requirementText: specifier,
                                       location: location, origin: .declared))
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: name, failure.message))
        }
    }

    /// The package a key names: `name` or `name[extra,...]`, every part a PEP 508 name.
    static func packageName(_ key: String) -> PackageName? {
        var base = Substring(key)
        if let open = key.firstIndex(of: "[") {
            guard key.hasSuffix("]") else { return nil }
            let extras = key[key.index(after: open)..<key.index(before: key.endIndex)].split(separator: ",", omittingEmptySubsequences: false)
            guard extras.allSatisfy({ PackageName.isValid($0.trimmingSpaces) }) else { return nil }
            base = key[..<open]
        }
        let name = base.trimmingSpaces
        return PackageName.isValid(name) ? PackageName(name) : nil
    }
}
