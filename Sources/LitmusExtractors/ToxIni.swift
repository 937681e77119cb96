import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// tox's `tox.ini`: `deps` of `[testenv]` and every `[testenv:NAME]`, and `requires` of `[tox]`.
///
/// Each value line is a pip requirements line: a factor condition (`py311: `, `!py38,lint: `,
/// `py{310,311}: `) is dropped and the requirement read whatever the factors; `#` ends the line
/// unless written `\#` (tox's comment rule), and a line ending in `\` continues on the next;
/// `-r`/`-c` name requirements files relative to `tox.ini` (`{toxinidir}`/`{tox_root}` are
/// expanded) and are read as requirements files; `{[section]key}` references are expanded one
/// level deep from this file. Exempt: other substitutions (`{env:X}`, `{posargs}`) are not
/// evaluated; a line that still holds one is a warning naming it.
public struct ToxIni: Extractor {
    /// `tox.ini`.
    public let name = "tox.ini"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "tox.ini"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let text = ManifestInput.text(entry.path, files: files, stage: name, into: &out) else { return out }
        Self.read(INIFile(text), path: entry.path, fileLine: { $0 }, stage: name, files: files, into: &out)
        return out
    }

    /// Reads a tox ini document found in `path`; `fileLine` turns its line numbers into the file's
    /// (a `legacy_tox_ini` string of `pyproject.toml` starts below its key).
    /// `core` is the section holding `requires`: `tox`, or `tox:tox` in a `setup.cfg`.
    static func read(_ ini: INIFile, path: String, fileLine: (Int) -> Int, stage: String, files: any FileReading,
                     core: String = "tox", into out: inout Extraction) {
        let reader = ToxIni()
        for problem in ini.problems {
            out.issues.append(.error(path, line: fileLine(problem.line), stage: stage, "not valid INI: \(problem.message)"))
        }
        let base = Paths.parent(of: path)
        for section in ini.sections {
            let key: String
            if section.name == "testenv" || section.name.hasPrefix("testenv:") { key = "deps" } else if section.name == core { key = "requires" } else { continue }
            guard let value = section[key] else { continue }
            for line in Self.toxLines(reader.expanded(value.values, ini: ini)) {
                requirementLine(line.text, at: FileLocation(path: path, line: fileLine(line.line)), base: base,
                                stage: stage, files: files, into: &out)
            }
        }
    }

    /// The value lines as tox hands them to pip: a `#` not preceded by `\` starts a comment
    /// (with the blanks before it), `\#` is `#`, and a line ending in `\` continues on the
    /// next (pip's line joining; the joined line keeps the first line's number).
    static func toxLines(_ lines: [INIFile.ValueLine]) -> [INIFile.ValueLine] {
        var out: [INIFile.ValueLine] = []
        var pending: INIFile.ValueLine?
        for line in lines {
            var text = line.text
            var previous: Character?
            if let hash = text.indices.first(where: { index in
                defer { previous = text[index] }
                return text[index] == "#" && previous != "\\"
            }) {
                text = String(text[..<hash]).trimmingSpaces
            }
            text = text.replacing("\\#", with: "#")
            if var joined = pending {
                joined.text += text
                pending = joined
            } else {
                pending = INIFile.ValueLine(text: text, line: line.line)
            }
            if text.hasSuffix("\\") {
                pending?.text.removeLast()
            } else if let done = pending {
                out.append(done)
                pending = nil
            }
        }
        if let pending { out.append(pending) }
        return out
    }

    private func expanded(_ lines: [INIFile.ValueLine], ini: INIFile) -> [INIFile.ValueLine] {
        var out: [INIFile.ValueLine] = []
        for line in lines {
            let text = line.text
            if text.hasPrefix("{["), text.hasSuffix("}"), let close = text.firstIndex(of: "]") {
                let section = String(text[text.index(text.startIndex, offsetBy: 2)..<close])
                let key = String(text[text.index(after: close)..<text.index(before: text.endIndex)]).lowercased()
                if let referenced = ini.section(section)?[key] {
                    out += referenced.values
                    continue
                }
            }
            out.append(line)
        }
        return out
    }

    /// One `deps`/`requires` entry of tox (ini line or TOML string) at `location`; `base` is the
    /// directory of the configuration file.
    static func requirementLine(_ raw: String, at location: FileLocation, base: String, stage name: String,
                                files: any FileReading, into out: inout Extraction) {
        var text = Self.droppingFactors(raw.trimmingSpaces)
        if let hash = text.firstRange(of: " #") { text = String(text[..<hash.lowerBound]).trimmingSpaces }
        // The configuration's directory: a path that starts with it is already resolved (and must
        // not be resolved against `base` again, which doubled a relative root).
        let rooted = ["{toxinidir}", "{tox_root}"].contains { text.contains($0) }
        for variable in ["{toxinidir}", "{tox_root}"] { text = text.replacing(variable, with: base) }
        if text.isEmpty || text.hasPrefix("#") { return }
        if text.contains("{") && text.contains("}") {
            out.issues.append(ScanIssue(.warning, location, stage: name, "tox substitution in \"\(Redact.credentials(text))\" not evaluated"))
            return
        }
        if text.hasPrefix("-") {
            let (option, argument) = RequirementsTxt.splitOption(text)
            guard ["-r", "--requirement", "-c", "--constraint"].contains(option), let argument, !argument.isEmpty else { return }
            guard let local = RequirementsTxt.localPath(argument) else {
                out.issues.append(ScanIssue(.warning, location, stage: name, "remote include \(Redact.credentials(argument)) not fetched"))
                return
            }
            let resolved = rooted && local.hasPrefix(base) ? local : Paths.resolve(local, against: base)
            guard (try? files.size(resolved)) != nil else {
                out.issues.append(ScanIssue(.error, location, stage: name, "included file not found: \(local)"))
                return
            }
            out.merge(RequirementsTxt().extract(FileEntry(path: resolved, name: Paths.baseName(resolved),
                                                          parentName: Paths.baseName(Paths.parent(of: resolved)), kind: .file), files: files))
            return
        }
        switch RequirementsTxt.observation(RequirementsTxt.splitOptions(text).0, at: location) {
        case .success(let parsed?): out.add(parsed.observation)
        case .success(nil): break
        case .failure(let failure): out.issues.append(ScanIssue(.error, location, stage: name, failure.message))
        }
    }

    /// The requirement after a tox factor condition (`py311,!lint: pkg` → `pkg`).
    static func droppingFactors(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        let after = text.index(after: colon)
        guard after == text.endIndex || text[after] == " " || text[after] == "\t" else { return text }
        let condition = text[..<colon]
        let allowed = condition.allSatisfy { $0.isLetter || $0.isNumber || "_-.,!{} ".contains($0) }
        guard allowed, !condition.isEmpty else { return text }
        return String(text[after...]).trimmingSpaces
    }
}
