import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// tox 4's native TOML configuration: `tox.toml`, and `[tool.tox]` of `pyproject.toml` (which
/// ``Pyproject`` hands to ``read(_:path:lines:stage:files:into:)``).
///
/// `requires`, `env_run_base.deps`, `env_pkg_base.deps` and every `env.NAME.deps` are arrays of
/// tox `deps` strings, each read as ``ToxIni`` reads a `deps` line (`-r`/`-c` name requirements
/// files relative to the configuration's directory, `{tox_root}`/`{toxinidir}` are expanded) and
/// placed on its own line. A replacement table in such an array that refers to one of those
/// arrays (`{ replace = "ref", of = ["env_run_base", "deps"] }` — in `pyproject.toml`
/// `of = ["tool", "tox", "env_run_base", "deps"]`, as tox resolves `of` from the document root —
/// or `{ replace = "ref", env = "NAME", key = "deps" }`) adds nothing litmus does not read already; a `ref` to any other array of
/// strings reads that array (once per file, however often it is referenced); any other replacement (`env`, `posargs`, an unknown path) is a
/// warning naming its line. In `pyproject.toml`, a `legacy_tox_ini` string is a whole `tox.ini`
/// and is read as one, its lines counted from the file.
public struct ToxToml: Extractor {
    /// `tox.toml`.
    public let name = "tox.toml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "tox.toml"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let (root, lines) = ManifestInput.toml(entry.path, files: files, stage: name, into: &out) else { return out }
        Self.read(root, document: root, prefix: [], path: entry.path, lines: lines, stage: name, files: files, into: &out)
        return out
    }

    /// Reads the tox table `tox` (the document of `tox.toml`, or `[tool.tox]`) of the file `path`.
    /// `ref` paths start at `document`, where `tox` sits at `prefix` (`[]`, or `["tool", "tox"]`).
    static func read(_ tox: TOMLTable, document: TOMLTable, prefix: [String], path: String, lines: SourceLines, stage: String, files: any FileReading,
                     into out: inout Extraction) {
        if let legacy = tox["legacy_tox_ini"] {
            let keyLine = tox.line(of: "legacy_tox_ini") ?? tox.line
            if let text = legacy.string {
                // TOML drops the newline right after an opening `"""`/`'''`: the ini then starts
                // on the next line; a multi-line string opened with text on the key's line starts
                // there; a one-line string (lines joined by `\n` escapes) is all on the key's line.
                let source = lines.text(ofLine: keyLine) ?? ""
                let fileLine: (Int) -> Int
                if Self.opensMultiLineString(source) {
                    fileLine = { $0 + keyLine }
                } else if source.contains("\"\"\"") || source.contains("'''") {
                    fileLine = { $0 + keyLine - 1 }
                } else {
                    fileLine = { _ in keyLine }
                }
                ToxIni.read(INIFile(text), path: path, fileLine: fileLine, stage: stage, files: files, into: &out)
            } else {
                out.issues.append(.error(path, line: keyLine, stage: stage, "\"legacy_tox_ini\" is not a string"))
            }
        }
        var reader = Reader(root: document, prefix: prefix, path: path, lines: lines, stage: stage, files: files)
        reader.list(tox, "requires", section: [])
        for base in ["env_run_base", "env_pkg_base"] {
            if let table = tox[base]?.table { reader.list(table, "deps", section: [base]) }
        }
        for (envName, env) in tox["env"]?.table?.pairs ?? [] {
            if let table = env.table { reader.list(table, "deps", section: ["env", envName]) }
        }
        out.merge(reader.out)
    }

    /// Whether a source line ends in `= """` or `= '''` (a multi-line string whose text starts
    /// on the next line).
    static func opensMultiLineString(_ line: String) -> Bool {
        var text = line.trimmingSpaces
        if text.hasSuffix("\r") { text = String(text.dropLast()).trimmingSpaces }
        return text.hasSuffix("= \"\"\"") || text.hasSuffix("=\"\"\"") || text.hasSuffix("= '''") || text.hasSuffix("='''")
    }

    private struct Reader {
        let root: TOMLTable
        let prefix: [String]
        let path: String
        let lines: SourceLines
        let stage: String
        let files: any FileReading
        var out = Extraction()
        /// The arrays a `ref` has already read: each is read once, so references fanning out to
        /// the same arrays cannot multiply into exponential work (a planted file hung the scan).
        var referenced = Set<[String]>()

        init(root: TOMLTable, prefix: [String], path: String, lines: SourceLines, stage: String, files: any FileReading) {
            self.root = root
            self.prefix = prefix
            self.path = path
            self.lines = lines
            self.stage = stage
            self.files = files
        }

        /// The paths whose arrays `read` reads itself: a `ref` to one of them adds nothing.
        func isReadAnyway(_ full: [String]) -> Bool {
            guard full.count > prefix.count, Array(full.prefix(prefix.count)) == prefix else { return false }
            let path = Array(full.dropFirst(prefix.count))
            switch path.count {
            case 1: return path[0] == "requires"
            case 2: return ["env_run_base", "env_pkg_base"].contains(path[0]) && path[1] == "deps"
            case 3: return path[0] == "env" && path[2] == "deps"
            default: return false
            }
        }

        mutating func list(_ table: TOMLTable, _ key: String, section: [String], depth: Int = 0) {
            guard let value = table[key] else { return }
            let keyLine = table.line(of: key) ?? table.line
            guard let items = value.array else {
                out.issues.append(.error(path, line: keyLine, stage: stage, "tox \"\(key)\" is not an array"))
                return
            }
            let base = Paths.parent(of: path)
            var cursor = keyLine
            for item in items {
                if let text = item.string {
                    let line = lines.line(ofQuoted: text, from: cursor) ?? keyLine
                    cursor = line
                    ToxIni.requirementLine(text, at: FileLocation(path: path, line: line), base: base, stage: stage,
                                           files: files, into: &out)
                } else if let replacement = item.table {
                    let line = max(replacement.line, cursor)
                    replace(replacement, at: line, depth: depth)
                } else {
                    out.issues.append(.error(path, line: cursor, stage: stage, "tox \"\(key)\" holds a value that is neither a string nor a replacement"))
                }
            }
        }

        private mutating func replace(_ table: TOMLTable, at line: Int, depth: Int) {
            let kind = table["replace"]?.string ?? ""
            var target: [String]?
            if kind == "ref" {
                if let of = table["of"]?.array {
                    let parts = of.compactMap(\.string)
                    if parts.count == of.count { target = parts }
                } else if let env = table["env"]?.string, let key = table["key"]?.string {
                    target = prefix + ["env", env, key]
                }
            }
            guard let target, !target.isEmpty else {
                out.issues.append(ScanIssue(.warning, FileLocation(path: path, line: line), stage: stage,
                                            "tox replacement \"\(Redact.excerpt(kind))\" not evaluated"))
                return
            }
            if isReadAnyway(target) || !referenced.insert(target).inserted { return }
            // A reference to some other array of strings in this table: read it here.
            var container: TOMLTable? = root
            for part in target.dropLast() { container = container?[part]?.table }
            guard depth < 8, let container, let last = target.last, container[last]?.array != nil else {
                out.issues.append(ScanIssue(.warning, FileLocation(path: path, line: line), stage: stage,
                                            "tox reference to \(Redact.excerpt(target.joined(separator: "."))) not resolved"))
                return
            }
            list(container, last, section: target, depth: depth + 1)
        }
    }
}
