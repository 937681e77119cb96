import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusSystem
import LitmusWalk

/// The `[[ignore]]` entries of a `.litmus.toml` (or `--config FILE`), and how they set
/// findings aside.
///
/// ```toml
/// [[ignore]]
/// id = "MAL-2026-2144"              # advisory id or alias (required)
/// path = "tests/fixtures/**"        # glob on the root-relative or full path (optional)
/// reason = "inert test fixture"     # required
/// expires = 2026-12-31              # TOML date, last day the entry applies (optional)
/// ```
///
/// Any other key, an entry without `id` or `reason`, a bad glob or a quoted date is a
/// ``ConfigError`` naming the file and line. An expired entry ignores nothing and becomes a
/// warning; so does an id no loaded advisory knows (most likely a typo).
public struct IgnoreConfig: Sendable {
    /// The file the entries came from.
    public var path: String
    /// The entries, in file order.
    public var rules: [IgnoreRule]

    /// The name litmus looks for at the first scan root.
    public static let fileName = ".litmus.toml"
    static let entryKeys: Set<String> = ["id", "path", "reason", "expires"]

    /// Creates a config from parsed entries.
    public init(path: String, rules: [IgnoreRule]) {
        self.path = path
        self.rules = rules
    }

    /// Parses the file's bytes; `path` only names the file in errors.
    public static func parse(_ bytes: [UInt8], path: String) throws(ConfigError) -> IgnoreConfig {
        let document: TOMLTable
        do { document = try TOML.parse(bytes) } catch {
            throw ConfigError(path: path, line: error.line, "not valid TOML: \(error.message)")
        }
        for key in document.keys where key != "ignore" {
            throw ConfigError(path: path, line: document.line(of: key), "unknown key '\(Escape.display(key))' (only [[ignore]] entries are allowed)")
        }
        guard let value = document["ignore"] else { return IgnoreConfig(path: path, rules: []) }
        guard let tables = value.tables else {
            throw ConfigError(path: path, line: document.line(of: "ignore"), "'ignore' must be an array of tables: write [[ignore]] entries")
        }
        var rules: [IgnoreRule] = []
        for table in tables { rules.append(try rule(table, path: path)) }
        return IgnoreConfig(path: path, rules: rules)
    }

    private static func rule(_ table: TOMLTable, path: String) throws(ConfigError) -> IgnoreRule {
        for key in table.keys where !entryKeys.contains(key) {
            throw ConfigError(path: path, line: table.line(of: key), "unknown key '\(Escape.display(key))' in [[ignore]] (allowed: expires, id, path, reason)")
        }
        let id = try requiredString("id", table, path: path)
        let reason = try requiredString("reason", table, path: path)
        var glob: Glob?
        if let value = table["path"] {
            guard let text = value.string, !text.isEmpty else {
                throw ConfigError(path: path, line: table.line(of: "path"), "'path' must be a non-empty string (a glob)")
            }
            do { glob = try Glob(text) } catch {
                throw ConfigError(path: path, line: table.line(of: "path"), "bad glob '\(Escape.display(text))': \(error.message)")
            }
        }
        return IgnoreRule(id: id, path: glob, reason: reason, expires: try expiry(table, path: path), line: table.line)
    }

    private static func requiredString(_ key: String, _ table: TOMLTable, path: String) throws(ConfigError) -> String {
        guard let value = table[key] else {
            throw ConfigError(path: path, line: table.line, "[[ignore]] entry needs '\(key)'")
        }
        guard let text = value.string, !text.trimmingSpaces.isEmpty else {
            throw ConfigError(path: path, line: table.line(of: key), "'\(key)' must be a non-empty string")
        }
        return text
    }

    private static func expiry(_ table: TOMLTable, path: String) throws(ConfigError) -> String? {
        guard let value = table["expires"] else { return nil }
        guard let date = value.dateTime, date.hasDate else {
            throw ConfigError(path: path, line: table.line(of: "expires"), "'expires' must be a TOML date without quotes, e.g. expires = 2026-12-31")
        }
        return String(date.text.prefix(10))
    }

    /// Moves the findings an active entry covers from `findings` to `ignored`, and adds a
    /// warning for each expired entry and each id no advisory in `database` knows.
    /// `today` is `YYYY-MM-DD` (UTC); `workingDirectory` makes relative paths absolute.
    public func apply(to report: ScanReport, database: AdvisoryDatabase, today: String, workingDirectory: String) -> ScanReport {
        var out = report
        out.configPath = path
        let active = rules.filter { !$0.isExpired(today: today) }
        var kept: [Finding] = []
        for finding in report.findings {
            let paths = Self.spellings(of: finding.location.path, roots: report.roots, workingDirectory: workingDirectory)
            if let rule = active.first(where: { $0.covers(finding, paths: paths) }) {
                out.ignored.append(IgnoredFinding(finding: finding, reason: rule.reason, configPath: path,
                                                  configLine: rule.line, expires: rule.expires))
            } else {
                kept.append(finding)
            }
        }
        out.findings = kept
        out.ignored.sort()
        out.issues = (out.issues + warnings(database: database, today: today)).sorted()
        return out
    }

    /// The warnings `apply` adds, in file order.
    public func warnings(database: AdvisoryDatabase, today: String) -> [ScanIssue] {
        rules.compactMap { rule in
            if rule.isExpired(today: today), let expires = rule.expires {
                return .warning(path, line: rule.line, stage: "config",
                                "ignore entry for \(rule.id) expired on \(expires); its findings count again")
            }
            if database.advisory(named: rule.id) == nil {
                return .warning(path, line: rule.line, stage: "config",
                                "ignore entry names \(rule.id), which no loaded advisory has as id or alias")
            }
            return nil
        }
    }

    /// Ways to spell `path` for glob matching: as reached, without leading `./`, relative to
    /// each root it lies under, and absolute.
    static func spellings(of path: String, roots: [String], workingDirectory: String) -> [String] {
        var out = [path, stripDotSlash(path)]
        for root in roots {
            let base = stripDotSlash(root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root)
            let stripped = stripDotSlash(path)
            if base == "." || base.isEmpty {
                out.append(stripped)
            } else if let relative = Paths.relative(stripped, to: base) {
                out.append(relative)
            }
        }
        if !path.hasPrefix("/") {
            out.append((workingDirectory.hasSuffix("/") ? workingDirectory : workingDirectory + "/") + stripDotSlash(path))
        }
        var seen = Set<String>()
        return out.filter { seen.insert($0).inserted }
    }

    private static func stripDotSlash(_ path: String) -> String {
        var s = Substring(path)
        while s.hasPrefix("./") { s = s.dropFirst(2) }
        return String(s)
    }
}
