import LitmusFormats
import LitmusModel

/// Observations shared by the TOML lockfile extractors: a package table's name and version, a
/// distribution file name or URL, and a `{ name, specifier }` table.
enum LockEntries {
    /// Observes `table[nameKey]`/`table["version"]` as a locked version at the version's line.
    /// Returns the package name, or nil (with an error) when the entry has no valid name. A
    /// missing version is a warning unless `versionOptional` (editable/virtual/VCS entries).
    @discardableResult
    static func observePackage(_ table: TOMLTable, path: String, stage: String, versionOptional: Bool = false,
                               into out: inout Extraction) -> PackageName? {
        guard let raw = table["name"]?.string else {
            out.issues.append(.error(path, line: table.line, stage: stage, "package entry has no name"))
            return nil
        }
        guard PackageName.isValid(raw) else {
            out.issues.append(.error(path, line: table.line(of: "name"), stage: stage, "invalid package name \"\(Redact.excerpt(raw))\""))
            return nil
        }
        let name = PackageName(raw)
        guard let text = table["version"]?.string else {
            if table["version"] != nil {
                out.issues.append(.error(path, line: table.line(of: "version"), stage: stage, "version of \(raw) is not a string"))
            } else if !versionOptional {
                out.issues.append(.warning(path, line: table.line, stage: stage,
                                           "package \(raw) has no version; only its file names are checked"))
            }
            return name
        }
        let line = table.line(of: "version")
        guard let version = Version.parse(text) else {
            out.issues.append(.error(path, line: line, stage: stage, "invalid version \"\(Redact.excerpt(text))\" for \(raw)"))
            return name
        }
        out.add(PackageObservation(name: name, requirement: .version(version), requirementText: text,
                                   location: FileLocation(path: path, line: line), origin: .locked))
        return name
    }

    /// Observes the version a wheel/sdist/egg file name or URL carries; other URLs (VCS,
    /// directories) carry none and are skipped.
    static func observeFile(_ nameOrURL: String, line: Int?, path: String, into out: inout Extraction) {
        let base = DistributionFilename.lastComponent(nameOrURL)
        guard let file = DistributionFilename(base) else { return }
        out.add(PackageObservation(name: file.name, requirement: .version(file.version), requirementText: file.versionText,
                                   location: FileLocation(path: path, line: line), origin: .locked, note: "file \(base)"))
    }

    /// Observes the `url`, `path`, `file`, `filename` and `name` keys of a file table (uv
    /// `sdist`/`wheels`, poetry and pdm `files`, pylock `sdist`/`wheels`/`archive`), each at its line.
    static func observeFileTable(_ table: TOMLTable, path: String, into out: inout Extraction) {
        for key in ["name", "file", "filename", "url", "path"] {
            guard let value = table[key]?.string else { continue }
            observeFile(value, line: table.line(of: key) ?? table.line, path: path, into: &out)
        }
    }

    /// Observes every table of `value` (an array of file tables) or `value` itself (one table).
    static func observeFiles(_ value: TOMLValue?, path: String, into out: inout Extraction) {
        guard let value else { return }
        if let table = value.table {
            observeFileTable(table, path: path, into: &out)
        } else if let array = value.array {
            for case .table(let table) in array { observeFileTable(table, path: path, into: &out) }
        }
    }

    /// Observes a `{ name = "x", specifier = ">=1" }` table (uv `requires-dist`, constraints)
    /// as a declaration; invalid specifiers are errors.
    static func observeSpecifierTable(_ table: TOMLTable, path: String, stage: String, into out: inout Extraction) {
        guard let raw = table["name"]?.string, PackageName.isValid(raw) else { return }
        let location = FileLocation(path: path, line: table.line)
        let note = table["marker"]?.string.map { "marker: \($0)" }
        if let url = table["url"]?.string ?? table["path"]?.string, let file = DistributionFilename(url) {
            out.add(PackageObservation(name: PackageName(raw), requirement: .version(file.version), requirementText: file.versionText,
                                       location: location, origin: .declared, note: "direct reference \(url)"))
            return
        }
        guard let specifier = table["specifier"]?.string, !specifier.trimmingSpaces.isEmpty else { return }
        switch Requirements.parseSpecifier(specifier) {
        case .success(let requirement):
            out.add(PackageObservation(name: PackageName(raw), requirement: requirement, requirementText: specifier,
                                       location: location, origin: .declared, note: note))
        case .failure(let failure):
            out.issues.append(ScanIssue(.error, location, stage: stage, failure.message))
        }
    }

    /// The tables of `value` when it is an array of tables; nil (with an error) when present
    /// but of another shape.
    static func tables(_ value: TOMLValue?, key: String, path: String, stage: String, into out: inout Extraction) -> [TOMLTable] {
        guard let value else { return [] }
        guard let tables = value.tables else {
            out.issues.append(.error(path, stage: stage, "\"\(key)\" is not an array of tables"))
            return []
        }
        return tables
    }
}
