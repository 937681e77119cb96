import LitmusFormats
import LitmusModel
import LitmusWalk

/// pre-commit's `.pre-commit-config.yaml`: `additional_dependencies` of every hook.
///
/// pre-commit installs these with pip into the hook's environment for `language: python` hooks
/// (and with the language's own installer otherwise), so each item is read as a pip requirement
/// for Python hooks and for hooks whose language is not given (it defaults to the hook
/// repository's, which litmus cannot see); items of other languages (`node`, `golang`, …) are
/// not PyPI names and are skipped.
public struct PreCommitConfig: Extractor {
    /// `.pre-commit-config.yaml`.
    public let name = ".pre-commit-config.yaml"

    private static let pythonLanguages: Set<String> = ["python", "python_venv", "conda"]

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && (name == ".pre-commit-config.yaml" || name == ".pre-commit-config.yml")
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let root = YAMLInput.document(entry.path, files: files, stage: name, into: &out) else { return out }
        for repo in root["repos"]?.sequenceItems ?? [] {
            for hook in repo["hooks"]?.sequenceItems ?? [] {
                guard let dependencies = hook["additional_dependencies"] else { continue }
                if let language = hook["language"]?.scalarValue, !Self.pythonLanguages.contains(language) { continue }
                guard let items = dependencies.sequenceItems else {
                    out.issues.append(.error(entry.path, line: dependencies.line, stage: name, "additional_dependencies is not a list"))
                    continue
                }
                for item in items {
                    guard let text = item.scalarValue?.trimmingSpaces, !text.isEmpty else { continue }
                    Requirements.observe(text, at: FileLocation(path: entry.path, line: item.line), stage: name, into: &out)
                }
            }
        }
        return out
    }
}
