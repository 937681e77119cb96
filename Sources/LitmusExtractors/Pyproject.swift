import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// `pyproject.toml`: every place a project declares dependencies.
///
/// PEP 508 lists: `[project] dependencies`, `[project.optional-dependencies]`, PEP 735
/// `[dependency-groups]`, `[build-system] requires`, `[tool.uv]` dev/constraint/override
/// dependencies and `[tool.pdm.dev-dependencies]`; each string is placed on its own line by a
/// text scan (falling back to the key's line). Poetry tables (`[tool.poetry.dependencies]`,
/// `dev-dependencies`, `[tool.poetry.group.*.dependencies]`) are translated to PEP 440 by
/// ``PoetryConstraint``; `||` alternatives become separate observations. Hatch environments
/// (`[tool.hatch.envs.*] dependencies` and `extra-dependencies`) are PEP 508 lists; `[tool.pixi]`
/// is read by ``PixiTables``; setuptools `[tool.setuptools.dynamic]` `dependencies` and
/// `optional-dependencies` naming `file`s are read as requirements files relative to the
/// pyproject (their findings point into those files). `[tool.tox]` (native tables or a
/// `legacy_tox_ini` string) is read by ``ToxToml``.
/// Exempt: poetry's `python` key (the interpreter), `include-group` tables, `git` sources.
public struct Pyproject: Extractor {
    /// `pyproject.toml`.
    public let name = "pyproject.toml"

    /// Creates the extractor.
    public init() {}

    /// See ``Extractor/claims(name:parentName:isDirectory:)``.
    public func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        !isDirectory && name == "pyproject.toml"
    }

    /// See ``Extractor/extract(_:files:)``.
    public func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        var out = Extraction()
        guard let (root, lines) = ManifestInput.toml(entry.path, files: files, stage: name, into: &out) else { return out }
        var reader = ListReader(path: entry.path, lines: lines, stage: name)
        if let project = root["project"]?.table {
            reader.list(project, "dependencies")
            if let optional = project["optional-dependencies"]?.table { reader.lists(in: optional) }
        }
        if let groups = root["dependency-groups"]?.table { reader.lists(in: groups) }
        if let build = root["build-system"]?.table { reader.list(build, "requires") }
        let tool = root["tool"]?.table
        if let uv = tool?["uv"]?.table {
            for key in ["dev-dependencies", "constraint-dependencies", "override-dependencies"] { reader.list(uv, key) }
        }
        if let pdm = tool?["pdm"]?.table?["dev-dependencies"]?.table { reader.lists(in: pdm) }
        if let hatch = tool?["hatch"]?.table { HatchToml.readEnvironments(hatch, into: &reader) }
        out.merge(reader.out)
        if let pixi = tool?["pixi"]?.table { PixiTables.read(pixi, path: entry.path, stage: name, into: &out) }
        if let dynamic = tool?["setuptools"]?.table?["dynamic"]?.table {
            readDynamic(dynamic, path: entry.path, files: files, into: &out)
        }
        if let poetry = tool?["poetry"]?.table { readPoetry(poetry, path: entry.path, into: &out) }
        if let tox = tool?["tox"]?.table { ToxToml.read(tox, document: root, prefix: ["tool", "tox"], path: entry.path, lines: lines, stage: name, files: files, into: &out) }
        return out
    }

    private func readDynamic(_ dynamic: TOMLTable, path: String, files: any FileReading, into out: inout Extraction) {
        var specs: [(TOMLValue, Int)] = []
        if let deps = dynamic["dependencies"] { specs.append((deps, dynamic.line(of: "dependencies") ?? dynamic.line)) }
        if let optional = dynamic["optional-dependencies"]?.table {
            for (key, value) in optional.pairs { specs.append((value, optional.line(of: key) ?? optional.line)) }
        }
        let base = Paths.parent(of: path)
        for (value, line) in specs {
            guard let table = value.table, let file = table["file"] else { continue }
            let names = file.string.map { [$0] } ?? file.array?.compactMap(\.string)
            guard let names else {
                out.issues.append(.error(path, line: line, stage: name, "setuptools dynamic \"file\" is neither a string nor an array"))
                continue
            }
            for relative in names {
                let resolved = Paths.resolve(relative, against: base)
                guard (try? files.size(resolved)) != nil else {
                    out.issues.append(.error(path, line: line, stage: name, "setuptools dynamic file not found: \(relative)"))
                    continue
                }
                out.merge(RequirementsTxt().extract(FileEntry(path: resolved, name: Paths.baseName(resolved),
                                                              parentName: Paths.baseName(base), kind: .file), files: files))
            }
        }
    }

    private func readPoetry(_ poetry: TOMLTable, path: String, into out: inout Extraction) {
        var tables: [TOMLTable] = []
        for key in ["dependencies", "dev-dependencies"] {
            if let table = poetry[key]?.table { tables.append(table) }
        }
        for (_, group) in poetry["group"]?.table?.pairs ?? [] {
            if let table = group.table?["dependencies"]?.table { tables.append(table) }
        }
        for table in tables {
            for (key, value) in table.pairs where key.lowercased() != "python" {
                poetryDependency(key, value, location: FileLocation(path: path, line: table.line(of: key)), into: &out)
            }
        }
    }

    private func poetryDependency(_ key: String, _ value: TOMLValue, location: FileLocation, into out: inout Extraction) {
        guard PackageName.isValid(key) else {
            out.issues.append(ScanIssue(.error, location, stage: name, "invalid package name \"\(Redact.excerpt(key))\""))
            return
        }
        if let constraints = value.tables, value.table == nil {
            // Multiple-constraints form: one table per marker, each on its own line.
            for table in constraints {
                poetryDependency(key, .table(table), location: FileLocation(path: location.path, line: table.line), into: &out)
            }
            return
        }
        var text = value.string
        if let table = value.table {
            for fileKey in ["url", "path", "file"] {
                if let file = table[fileKey]?.string, let dist = DistributionFilename(file) {
                    out.add(PackageObservation(name: PackageName(key), requirement: .version(dist.version),
                                               requirementText: dist.versionText, location: location, origin: .declared,
                                               note: "direct reference \(file)"))
                    return
                }
            }
            text = table["version"]?.string ?? "*"
        }
        guard let text else {
            out.issues.append(ScanIssue(.error, location, stage: name, "poetry dependency \(key) is neither a string nor a table"))
            return
        }
        switch PoetryConstraint.alternatives(text) {
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: name, failure.message))
        case .success(let alternatives):
            for specifier in alternatives { observePoetry(key, specifier, written: text, at: location, into: &out) }
        }
    }

    private func observePoetry(_ key: String, _ specifier: String?, written: String, at location: FileLocation, into out: inout Extraction) {
        let note = "poetry constraint \"\(Redact.excerpt(written))\""
        guard let specifier else {
            out.add(PackageObservation(name: PackageName(key), requirement: .unconstrained, requirementText: "",
                                       location: location, origin: .declared, note: note))
            return
        }
        switch Requirements.parseSpecifier(specifier) {
        case .success(let requirement):
            out.add(PackageObservation(name: PackageName(key), requirement: requirement, requirementText: specifier,
                                       location: location, origin: .declared, note: note))
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: name, "\(note): \(failure.message)"))
        }
    }
}

/// Reads PEP 508 string lists of one pyproject, placing each string on its line.
struct ListReader {
    let path: String
    let lines: SourceLines
    let stage: String
    var out = Extraction()

    init(path: String, lines: SourceLines, stage: String) {
        self.path = path
        self.lines = lines
        self.stage = stage
    }

    /// Every list in `table` (optional-dependencies, dependency groups).
    mutating func lists(in table: TOMLTable) {
        for key in table.keys { list(table, key) }
    }

    /// The list `table[key]`; a value that is not an array is an error. With `valueTables`, an
    /// inline table's `value` string is an entry too (hatch overrides).
    mutating func list(_ table: TOMLTable, _ key: String, valueTables: Bool = false) {
        guard let value = table[key] else { return }
        let keyLine = table.line(of: key) ?? table.line
        guard let items = value.array else {
            out.issues.append(.error(path, line: keyLine, stage: stage, "\"\(key)\" is not an array of requirements"))
            return
        }
        var cursor = keyLine
        for item in items {
            guard let text = item.string ?? (valueTables ? item.table?["value"]?.string : nil) else { continue }   // PEP 735 include-group tables
            let line = lines.line(ofQuoted: text, from: cursor) ?? keyLine
            cursor = line
            requirement(text, at: FileLocation(path: path, line: line))
        }
    }

    private mutating func requirement(_ text: String, at location: FileLocation) {
        Requirements.observe(text, at: location, stage: stage, into: &out)
    }
}
