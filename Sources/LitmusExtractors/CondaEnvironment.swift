import LitmusFormats
import LitmusModel
import LitmusWalk

/// conda's `environment.yml` / `environment.yaml`.
///
/// `dependencies` items are conda match specs, observed in the `conda` ecosystem: channel
/// prefixes (`conda-forge::`) are dropped; `name==X` and `name=X=build` are exact;
/// `name=X` (and `name X`) is conda's fuzzy `X.*` match: with three or more release
/// components it is read as the exact version X (noted), with fewer as the range `==X.*`;
/// other operators are PEP 440-compatible specifiers and `|` alternatives become separate
/// observations. The nested `pip:` list holds pip requirement lines (PyPI ecosystem).
/// Exempt: `-r`/`-c` includes under `pip:` are not followed (a warning names them), and the
/// `[version=...]` bracket syntax is read only for its `version` key.
public struct CondaEnvironment: Extractor {
    /// `environment.yml`.
    public let name = "environment.yml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && (name == "environment.yml" || name == "environment.yaml")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        let path = entry.path
        guard let bytes = ManifestInput.bytes(path, files: files, stage: name, into: &out) else { return out }
        let root: YAMLNode
        do { root = try YAMLSubset.parse(bytes) } catch {
            out.issues.append(.error(path, line: error.line, stage: name, "not readable YAML (column \(error.column)): \(error.message)"))
            return out
        }
        guard let dependencies = root["dependencies"] else { return out }
        guard let items = dependencies.sequenceItems else {
            out.issues.append(.error(path, line: dependencies.line, stage: name, "dependencies is not a list"))
            return out
        }
        for item in items {
            let location = FileLocation(path: path, line: item.line)
            if let text = item.scalarValue {
                condaSpec(text, at: location, into: &out)
            } else if let pip = item["pip"] {
                pipList(pip, path: path, into: &out)
            } else if !item.isNull {
                out.issues.append(ScanIssue(.error, location, stage: name, "dependency entry is neither a spec nor a pip list"))
            }
        }
        return out
    }

    private func pipList(_ node: YAMLNode, path: String, into out: inout Extraction) {
        guard let items = node.sequenceItems else {
            out.issues.append(.error(path, line: node.line, stage: name, "pip: is not a list"))
            return
        }
        for item in items {
            let location = FileLocation(path: path, line: item.line)
            guard let text = item.scalarValue?.trimmingSpaces, !text.isEmpty else { continue }
            if text.hasPrefix("-") {
                let (option, value) = RequirementsTxt.splitOption(text)
                if ["-r", "--requirement", "-c", "--constraint"].contains(option) {
                    out.issues.append(ScanIssue(.warning, location, stage: name,
                                                "pip include \(value ?? "") not followed; scan that file directly"))
                }
                continue
            }
            switch RequirementsTxt.observation(RequirementsTxt.splitOptions(text).0, at: location) {
            case .success(let parsed?): out.add(parsed.observation)
            case .success(nil): break
            case .failure(let failure): out.issues.append(ScanIssue(.error, location, stage: name, failure.message))
            }
        }
    }

    private func condaSpec(_ text: String, at location: FileLocation, into out: inout Extraction) {
        switch CondaSpec.parse(text) {
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: name, "conda spec \"\(Redact.excerpt(text))\": \(failure.message)"))
        case .success(let spec):
            spec.observations(at: location).forEach { out.add($0) }
        }
    }
}
