import LitmusFormats
import LitmusModel
import LitmusWalk

/// setuptools' `setup.cfg` (INI as Python's `configparser` reads it).
///
/// Reads `[options] install_requires`, `setup_requires` and `tests_require`, and every key of
/// `[options.extras_require]`: the value after `=` and each indented continuation line is one
/// PEP 508 requirement at its own line. Full-line `#`/`;` comments and blank lines inside a
/// value are skipped; ` #` ends a requirement (as `pkg_resources` does); `;` inside a
/// requirement is its marker, not a comment.
/// When the file has a `[tox:tox]` section (tox 4 then reads its configuration from it), its
/// `requires` and the `deps` of `[testenv]`/`[testenv:NAME]` are read as ``ToxIni`` reads them.
/// Exempt: `file:` directives are not followed (a warning names them).
public struct SetupCfg: Extractor {
    /// `setup.cfg`.
    public let name = "setup.cfg"

    /// `[options]` keys that hold requirements.
    static let optionKeys: Set<String> = ["install_requires", "setup_requires", "tests_require"]

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "setup.cfg"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let text = ManifestInput.text(entry.path, files: files, stage: name, into: &out) else { return out }
        for item in Self.requirementLines(text) {
            requirement(item.text, at: FileLocation(path: entry.path, line: item.number), into: &out)
        }
        // tox 4 takes its configuration from a setup.cfg that has a `[tox:tox]` section:
        // `requires` there, `deps` of `[testenv]` and `[testenv:NAME]`, read as in `tox.ini`.
        let ini = INIFile(text)
        if ini.section("tox:tox") != nil {
            ToxIni.read(ini, path: entry.path, fileLine: { $0 }, stage: name, files: files, core: "tox:tox", into: &out)
        }
        return out
    }

    /// The requirement texts of the wanted keys, each with its line.
    static func requirementLines(_ text: String) -> [RequirementsTxt.LogicalLine] {
        var out: [RequirementsTxt.LogicalLine] = []
        var section = ""
        var inWantedValue = false
        var number = 0
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
            number += 1
            let line = String(raw)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            let indented = line.first == " " || line.first == "\t"
            if indented {
                if inWantedValue { append(trimmed, number, to: &out) }
                continue
            }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                section = String(trimmed.dropFirst().dropLast()).trimmingSpaces
                inWantedValue = false
                continue
            }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                inWantedValue = false
                continue
            }
            let key = line[..<separator].trimmingSpaces.lowercased()
            inWantedValue = section == "options.extras_require" || (section == "options" && optionKeys.contains(key))
            if inWantedValue { append(String(line[line.index(after: separator)...]).trimmingSpaces, number, to: &out) }
        }
        return out
    }

    private static func append(_ text: String, _ number: Int, to out: inout [RequirementsTxt.LogicalLine]) {
        var value = text
        if let hash = value.firstRange(of: " #") { value = String(value[..<hash.lowerBound]) }
        value = value.trimmingSpaces
        if !value.isEmpty && !value.hasPrefix("#") { out.append(RequirementsTxt.LogicalLine(text: value, number: number)) }
    }

    private func requirement(_ text: String, at location: FileLocation, into out: inout Extraction) {
        if text.hasPrefix("file:") {
            out.issues.append(ScanIssue(.warning, location, stage: name, "\"\(Redact.excerpt(text))\" not followed; scan that file directly"))
            return
        }
        Requirements.observe(text, at: location, stage: name, into: &out)
    }
}
