import LitmusFormats
import LitmusModel

/// The dependency tables of a pixi manifest, shared by `pixi.toml` and `[tool.pixi]` in
/// `pyproject.toml`.
///
/// Reads `dependencies`, `host-dependencies` and `build-dependencies` (conda match specs, the
/// `conda` ecosystem) and `pypi-dependencies` (PEP 440 specifiers, PyPI), at the top level, under
/// every `feature.<name>`, every `target.<platform>` and every `feature.<name>.target.<platform>`.
/// A value is a spec string or a table: its `version` is read; a `url`/`path` naming a wheel or
/// sdist gives that file's version; `git`/`path` sources without a version are unconstrained.
/// A bare PyPI version (`"1.82.8"`) is read as `==1.82.8`, as pixi does.
enum PixiTables {
    private static let condaKeys = ["dependencies", "host-dependencies", "build-dependencies"]

    /// Adds the observations of every dependency table under `root` (a pixi manifest's root).
    static func read(_ root: TOMLTable, path: String, stage: String, into out: inout Extraction) {
        readLevel(root, path: path, stage: stage, into: &out)
        for (_, feature) in root["feature"]?.table?.pairs ?? [] {
            guard let feature = feature.table else { continue }
            readLevel(feature, path: path, stage: stage, into: &out)
        }
    }

    private static func readLevel(_ level: TOMLTable, path: String, stage: String, into out: inout Extraction) {
        readTables(level, path: path, stage: stage, into: &out)
        for (_, target) in level["target"]?.table?.pairs ?? [] {
            guard let target = target.table else { continue }
            readTables(target, path: path, stage: stage, into: &out)
        }
    }

    private static func readTables(_ level: TOMLTable, path: String, stage: String, into out: inout Extraction) {
        for key in condaKeys {
            guard let table = level[key]?.table else { continue }
            for (name, value) in table.pairs {
                conda(name, value, at: FileLocation(path: path, line: table.line(of: name) ?? table.line), stage: stage, into: &out)
            }
        }
        if let table = level["pypi-dependencies"]?.table {
            for (name, value) in table.pairs {
                pypi(name, value, at: FileLocation(path: path, line: table.line(of: name) ?? table.line), stage: stage, into: &out)
            }
        }
    }

    private static func conda(_ name: String, _ value: TOMLValue, at location: FileLocation, stage: String, into out: inout Extraction) {
        guard let text = value.string ?? value.table?["version"]?.string ?? (value.table != nil ? "*" : nil) else {
            out.issues.append(ScanIssue(.error, location, stage: stage, "conda dependency \(name) is neither a string nor a table"))
            return
        }
        let spec = text.trimmingSpaces == "*" ? name : "\(name) \(text)"
        switch CondaSpec.parse(spec) {
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: stage, "conda dependency \(name) = \"\(text)\": \(failure.message)"))
        case .success(let parsed):
            parsed.observations(at: location).forEach { out.add($0) }
        }
    }

    private static func pypi(_ name: String, _ value: TOMLValue, at location: FileLocation, stage: String, into out: inout Extraction) {
        guard PackageName.isValid(name) else {
            out.issues.append(ScanIssue(.error, location, stage: stage, "invalid package name \"\(name)\""))
            return
        }
        if let table = value.table {
            for key in ["url", "path"] {
                if let file = table[key]?.string, let dist = DistributionFilename(file) {
                    out.add(PackageObservation(name: PackageName(name), requirement: .version(dist.version), requirementText: dist.versionText,
                                               location: location, origin: .declared, note: "direct reference \(Redact.credentials(file))"))
                    return
                }
            }
        }
        guard let raw = value.string ?? value.table?["version"]?.string ?? (value.table != nil ? "*" : nil) else {
            out.issues.append(ScanIssue(.error, location, stage: stage, "pypi dependency \(name) is neither a string nor a table"))
            return
        }
        var text = raw.trimmingSpaces
        if text == "*" || text.isEmpty {
            out.add(PackageObservation(name: PackageName(name), requirement: .unconstrained, requirementText: "",
                                       location: location, origin: .declared))
            return
        }
        if text.first?.isNumber == true { text = "==" + text }
        switch Requirements.parseSpecifier(text) {
        case .success(let requirement):
            out.add(PackageObservation(name: PackageName(name), requirement: requirement, requirementText: text,
                                       location: location, origin: .declared))
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: stage, "pypi dependency \(name): \(failure.message)"))
        }
    }
}
