/// Pipenv's `Pipfile` (TOML): `[packages]`, `[dev-packages]` and any custom package category.
///
/// A value is a specifier string (`"*"` is unconstrained, `"==1.82.8"` exact, a bare version
/// is read as `==`), or a table whose `version` is one; `file`/`path` tables give the version
/// their distribution file name carries. Each observation is at the key's line.
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
        guard PackageName.isValid(key) else {
            out.issues.append(ScanIssue(.error, location, stage: name, "invalid package name \"\(key)\""))
            return
        }
        let package = PackageName(key)
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
}
