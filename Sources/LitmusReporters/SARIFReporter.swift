import FoundationEssentials
import LitmusAdvisories
import LitmusFormats
import LitmusModel
import LitmusRules
import LitmusSystem

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers, following GitHub's
/// "SARIF support for code scanning" page.
///
/// - One rule per advisory and finding kind (`MAL-2026-2144/range-admits`), so the rule's
///   `security-severity` and level are the severity of every result under it; a finding whose
///   severity differs from its kind's default gets its own rule (`…/critical`).
/// - One result per finding. Ignored findings are not results (GitHub would open alerts for
///   them) unless ``ReportContext/sarifIncludeIgnored`` is set, then they carry an `external`
///   suppression; either way `run.properties.ignored` lists each with its reason and rule.
/// - Locations are relative to the root they were found under (``ReportPaths``), with the
///   bases in `originalUriBaseIds`; a known line gives a whole-line region.
/// - `partialFingerprints` on every result: a hash of kind, advisory, package, version,
///   relative path and line, plus the host for `audit`, so alerts stay matched across runs
///   and 200 hosts' audits stay 200 hosts' alerts.
/// - `automationDetails.id` is `litmus/<command>/` (plus `<host>/` for `audit`); the host is
///   in `run.properties` and in every audit result's message.
/// - At most ``SARIFReporter/maxResults`` results (GitHub's limit per run), the most severe
///   kept, with a notification saying how many were left out.
/// - Scan errors are tool execution notifications that mark the invocation unsuccessful.
public struct SARIFReporter: Reporter {
    /// The SARIF version written.
    public static let sarifVersion = "2.1.0"
    /// The schema URI written as `$schema`.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key; bump the suffix if the fingerprint ever changes meaning.
    public static let fingerprintKey = "litmusFinding/v2"
    /// GitHub code scanning accepts at most this many results per run.
    public static let maxResults = 25_000

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        JSONText.render(Self.document(report, context: context))
    }

    /// The SARIF log as JSON-compatible values.
    static func document(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        let paths = ReportPaths(report)
        var shown = report.findings
        var notifications: [[String: Any]] = []
        if shown.count > maxResults {
            let kept = Set(shown.enumerated().sorted { ($0.element.severity, -$0.offset) > ($1.element.severity, -$1.offset) }
                .prefix(maxResults).map(\.offset))
            shown = shown.enumerated().filter { kept.contains($0.offset) }.map(\.element)
            notifications.append(["level": "warning", "message": ["text":
                "\(report.findings.count - maxResults) of \(report.findings.count) findings are not in this SARIF file (GitHub accepts \(maxResults) results per run); the least severe were left out: see the JSON report"]])
        }
        let suppressed = context.sarifIncludeIgnored ? report.ignored : []
        let rules = Self.rules(for: shown + suppressed.map(\.finding), advisories: report.advisories)
        let index = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        let byID = Dictionary(report.advisories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func ruleID(_ f: Finding) -> String { Self.ruleID(f, advisory: byID[f.advisoryID]) }
        var results = shown.map { result($0, ruleID: ruleID($0), ruleIndex: index[ruleID($0)], report: report, paths: paths) }
        results += suppressed.map { ignored in
            var r = result(ignored.finding, ruleID: ruleID(ignored.finding), ruleIndex: index[ruleID(ignored.finding)], report: report, paths: paths)
            r["suppressions"] = [["kind": "external", "status": "accepted",
                                  "justification": Escape.display(ignored.reason + " (" + ignored.configPath + ":\(ignored.configLine))")]]
            return r
        }
        var automation = "litmus/\(report.command)/"
        if report.command == "audit" { automation += Escape.display(report.hostName) + "/" }
        var properties: [String: Any] = [
            "advisoryDataVersion": report.advisoryDataVersion,
            "command": report.command,
            "host": Escape.display(report.hostName),
            "roots": report.roots.map(Escape.display),
            "ignored": report.ignored.map { ignoredEntry($0, ruleID: ruleID($0.finding)) },
            "excluded": ["patterns": report.excludePatterns.map(Escape.display), "count": report.excludedCount,
                         "paths": report.excluded.map(Escape.display)] as [String: Any],
        ]
        if let config = report.configPath { properties["config"] = Escape.display(config) }
        var run: [String: Any] = [
            "tool": ["driver": [
                "name": ScanReport.toolName,
                "version": ScanReport.toolVersion,
                "semanticVersion": ScanReport.toolVersion,
                "rules": rules.map(\.json),
            ] as [String: Any]],
            "automationDetails": ["id": automation],
            "invocations": [invocation(report, context: context, paths: paths, extra: notifications)],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": properties,
        ]
        let bases = ReportPaths.bases(report)
        var declared = Dictionary(bases.map { ($0.id, ["uri": $0.uri] as [String: Any]) }, uniquingKeysWith: { a, _ in a })
        if declared[ReportPaths.sourceRoot] == nil {
            // The working directory is unknown (getcwd failed): relative paths keep their base
            // id, declared without a uri as SARIF allows, so no result names an undeclared base.
            declared[ReportPaths.sourceRoot] = ["description": ["text": "the directory litmus was run in (unknown to litmus)"]]
        }
        run["originalUriBaseIds"] = declared
        return ["$schema": schemaURI, "version": sarifVersion, "runs": [run]]
    }

    /// A rule and its id, so results can point at it by index.
    struct Rule {
        var id: String
        var json: [String: Any]
    }

    /// `ADVISORY/kind`, plus `/severity` when the finding's severity is not its kind's default
    /// for that advisory: one rule, one severity.
    static func ruleID(_ f: Finding, advisory: Advisory?) -> String {
        let base = "\(f.advisoryID)/\(f.kind.rawValue)"
        return f.severity == f.kind.severity(advisory: advisory?.severity ?? .high) ? base : base + "/\(f.severity.rawValue)"
    }

    /// The rules the given findings use, in id order.
    static func rules(for findings: [Finding], advisories: [Advisory]) -> [Rule] {
        let byID = Dictionary(advisories.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var seen: [String: Finding] = [:]
        for f in findings {
            let id = ruleID(f, advisory: byID[f.advisoryID])
            if seen[id] == nil { seen[id] = f }
        }
        return seen.keys.sorted().compactMap { id in seen[id].map { rule(id: id, for: $0, advisory: byID[$0.advisoryID]) } }
    }

    /// What each kind of rule detects, for rule descriptions.
    static func kindDescription(_ kind: FindingKind) -> String {
        switch kind {
        case .compromisedVersion: return "a lockfile, exact pin, artifact or installed package names a compromised version"
        case .rangeAdmits: return "a version range would admit a compromised version on the next resolve"
        case .iocFile: return "a file the advisory names as an indicator of compromise is present"
        case .knownBadHash: return "a file's SHA-256 equals a known malicious file's"
        case .persistence: return "a file the payload writes for persistence is present"
        case .unownedStartupHook: return "a Python startup hook that no installer owns, or that changed"
        case .recordMismatch: return "an installed file differs from, is missing from, or is absent in its RECORD"
        case .refUnresolvable: return "a deleted, never restored tag of a hijacked action: it no longer resolves"
        }
    }

    private static func rule(id: String, for f: Finding, advisory a: Advisory?) -> Rule {
        let kindText = kindDescription(f.kind)
        var properties: [String: Any] = [
            "security-severity": securitySeverity(f.severity),
            "tags": ["security", "supply-chain", f.kind.rawValue],
            "precision": f.kind == .unownedStartupHook ? "high" : "very-high",
            "kind": f.kind.rawValue,
            "severity": f.severity.rawValue,
            "advisory": Escape.display(f.advisoryID),
            "aliases": f.aliases.map(Escape.display),
        ]
        guard let a else {
            let raw = HeuristicRule.descriptions[f.advisoryID] ?? f.advisoryID
            let text = Escape.display(raw)
            properties["aliases"] = nil
            return Rule(id: id, json: ["id": Escape.display(id), "name": Escape.display(camel(f.advisoryID) + camel(f.kind.rawValue)),
                                       "shortDescription": ["text": text], "fullDescription": ["text": text],
                                       "help": ["text": text + "\n\nRemediation: " + Escape.display(f.remediation),
                                                "markdown": MarkdownText.escape(raw) + "\n\n**Remediation.** " + MarkdownText.escape(f.remediation)],
                                       "defaultConfiguration": ["level": level(f.severity)],
                                       "properties": properties])
        }
        var json: [String: Any] = [
            "id": Escape.display(id),
            "name": Escape.display(ruleName(a) + camel(f.kind.rawValue)),
            "shortDescription": ["text": Escape.display(a.summary) + ": " + kindText],
            "fullDescription": ["text": Escape.display(a.details.isEmpty ? a.summary : a.details) + "\n\nThis rule: " + kindText + "."],
            "help": ["text": helpText(a), "markdown": helpMarkdown(a)],
            "defaultConfiguration": ["level": level(f.severity)],
            "properties": properties,
        ]
        if let uri = helpURI(a) { json["helpUri"] = ReportURL.encoded(uri) }
        return Rule(id: id, json: json)
    }

    /// `range-admits` → `RangeAdmits`, `LITMUS-STARTUP-HOOK` → `LitmusStartupHook`.
    static func camel(_ s: String) -> String {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }.joined()
    }

    /// `CompromisedLitellm`: a readable identifier built from the affected package names.
    static func ruleName(_ a: Advisory) -> String {
        let names = a.affected.map { $0.name.normalized.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined() }
        var seen = Set<String>()
        return "Compromised" + names.filter { seen.insert($0).inserted }.joined(separator: "And")
    }

    /// The first `ADVISORY` reference, else the first reference.
    static func helpURI(_ a: Advisory) -> String? {
        (a.references.first { $0.type == "ADVISORY" } ?? a.references.first)?.url
    }

    private static func helpText(_ a: Advisory) -> String {
        var lines = [a.summary, "", "Remediation: " + a.remediation]
        if let safe = a.safeVersions { lines.append("Safe versions: " + safe) }
        if !a.aliases.isEmpty { lines.append("Aliases: " + a.aliases.joined(separator: ", ")) }
        lines += a.references.map { "\($0.type): \($0.url)" }
        // Each line is displayed on its own so the line breaks between them stay line breaks.
        return lines.map(Escape.display).joined(separator: "\n")
    }

    private static func helpMarkdown(_ a: Advisory) -> String {
        var parts = ["**" + MarkdownText.escape(a.summary) + "**", "**Remediation.** " + MarkdownText.escape(a.remediation)]
        if let safe = a.safeVersions { parts.append("**Safe versions:** " + MarkdownText.escape(safe)) }
        if !a.aliases.isEmpty { parts.append("**Aliases:** " + a.aliases.map(MarkdownText.escape).joined(separator: ", ")) }
        if !a.references.isEmpty {
            parts.append("**References**\n\n" + a.references.map { "- \(MarkdownText.escape($0.type)): <\(MarkdownText.escapeURL($0.url))>" }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    private static func result(_ f: Finding, ruleID: String, ruleIndex: Int?, report: ScanReport, paths: ReportPaths) -> [String: Any] {
        var what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
        if !what.isEmpty { what += ": " }
        var text = "\(what)\(f.evidence) (\(f.kind.rawValue), \(f.severity.rawValue))"
        if f.occurrences > 1 {
            text += "; \(f.occurrences) such findings in this file, the first \(FindingCollapse.maxLocations) reported"
        }
        if report.command == "audit" { text += " on host \(report.hostName)" }
        var properties: [String: Any] = [
            "findingId": f.id,
            "kind": f.kind.rawValue,
            "severity": f.severity.rawValue,
            "security-severity": securitySeverity(f.severity),
            "advisory": Escape.display(f.advisoryID),
            "aliases": f.aliases.map(Escape.display),
            "remediation": Escape.display(f.remediation),
        ]
        if let package = f.package { properties["package"] = Escape.display(package) }
        if let version = f.version { properties["version"] = Escape.display(version) }
        if let specifier = f.specifier { properties["specifier"] = Escape.display(specifier) }
        if report.command == "audit" { properties["host"] = Escape.display(report.hostName) }
        if f.occurrences > 1 { properties["occurrences"] = f.occurrences }
        if let counts = f.integrity { properties["integrity"] = JSONReporter.integrity(counts) }
        var out: [String: Any] = [
            "ruleId": Escape.display(ruleID),
            "level": level(f.severity),
            "kind": "fail",
            "message": ["text": Escape.display(text)],
            "locations": [["physicalLocation": physicalLocation(f.location, paths: paths)]],
            "partialFingerprints": [fingerprintKey: fingerprint(f, report: report, paths: paths)],
            "properties": properties,
        ]
        if let ruleIndex { out["ruleIndex"] = ruleIndex }
        return out
    }

    /// A stable hash of what the finding is and where, relative to its root: kind, advisory,
    /// package, version (or specifier), relative path and line, plus the host for `audit`.
    static func fingerprint(_ f: Finding, report: ScanReport, paths: ReportPaths) -> String {
        var parts = [f.kind.rawValue, f.advisoryID, f.package ?? "", f.version ?? f.specifier ?? "",
                     paths.locate(f.location.path).relative, f.location.line.map(String.init) ?? ""]
        if report.command == "audit" { parts.append(report.hostName) }
        return String(SHA256.hex(SHA256.hash(Array(parts.joined(separator: "\u{1F}").utf8))).prefix(32))
    }

    private static func ignoredEntry(_ i: IgnoredFinding, ruleID: String) -> [String: Any] {
        var out: [String: Any] = [
            "findingId": i.finding.id,
            "ruleId": Escape.display(ruleID),
            "path": Escape.display(i.finding.location.path),
            "reason": Escape.display(i.reason),
            "ignoreRule": Escape.display(i.configPath + ":\(i.configLine)"),
        ]
        if let line = i.finding.location.line { out["line"] = line }
        if let expires = i.expires { out["expires"] = expires }
        return out
    }

    private static func invocation(_ report: ScanReport, context: ReportContext, paths: ReportPaths, extra: [[String: Any]]) -> [String: Any] {
        let notifications = report.issues.map { issue -> [String: Any] in
            [
                "level": issue.level == .error ? "error" : "warning",
                "message": ["text": Escape.display("\(issue.location.display): [\(issue.stage)] \(issue.message)")],
                "locations": [["physicalLocation": physicalLocation(issue.location, paths: paths)]],
            ]
        }
        var out: [String: Any] = [
            "executionSuccessful": report.errors.isEmpty,
            "exitCode": Int(report.exitCode(failOn: context.failOn)),
            "startTimeUtc": TimeText.iso8601(report.startedAt),
            "endTimeUtc": TimeText.iso8601(report.finishedAt),
            "toolExecutionNotifications": notifications + extra,
            "machine": Escape.display(report.hostName),
        ]
        if let cwd = report.workingDirectory, cwd.hasPrefix("/") {
            out["workingDirectory"] = ["uri": "file://" + percentEncoded(cwd.hasSuffix("/") ? cwd : cwd + "/")]
        }
        return out
    }

    /// `artifactLocation` relative to its root's base id (an absolute `file://` URI outside
    /// every root) and, when the line is known, the region of that whole line: SARIF regions end
    /// before `endLine`/`endColumn`, so line L is (L, 1) to (L + 1, 1).
    static func physicalLocation(_ location: FileLocation, paths: ReportPaths) -> [String: Any] {
        let located = paths.locate(location.path)
        var artifact: [String: Any]
        if let base = located.base {
            artifact = ["uri": located.relative.isEmpty ? "./" : percentEncoded(located.relative), "uriBaseId": base]
        } else {
            artifact = ["uri": "file://" + percentEncoded(located.relative)]
        }
        var out: [String: Any] = ["artifactLocation": artifact]
        if let line = location.line, line > 0 {
            out["region"] = ["startLine": line, "startColumn": 1, "endLine": line + 1, "endColumn": 1]
        }
        return out
    }

    /// A relative path without leading `./`, percent-encoded; an absolute path as `file://`.
    /// Undecodable file-name bytes (see ``PathBytes``) are encoded as the bytes they were.
    static func uri(_ path: String) -> String {
        var p = Substring(path)
        while p.hasPrefix("./") { p = p.dropFirst(2) }
        if p.isEmpty || p == "." { return "./" }
        let encoded = percentEncoded(String(p))
        return path.hasPrefix("/") ? "file://" + encoded : encoded
    }

    static func percentEncoded(_ path: String) -> String {
        ReportURL.percentEncoded(path) { bytes, i in
            let b = bytes[i]
            return ReportURL.isAlphanumeric(b) || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2F || b == 0x2B || b == 0x40
        }
    }

    /// SARIF level: critical and high are errors, medium a warning, low a note.
    static func level(_ s: Severity) -> String {
        switch s {
        case .critical, .high: return "error"
        case .medium: return "warning"
        case .low: return "note"
        }
    }

    /// GitHub's `security-severity` score for a severity.
    static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: return "9.8"
        case .high: return "7.5"
        case .medium: return "5.0"
        case .low: return "2.0"
        }
    }
}
