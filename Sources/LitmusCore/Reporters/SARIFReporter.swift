import FoundationEssentials

/// SARIF 2.1.0 for GitHub code scanning and other SARIF consumers.
///
/// One rule per advisory (with the remediation as help and `security-severity` for GitHub's
/// alert levels), one result per finding located relative to the repository root
/// (`%SRCROOT%`; absolute paths become `file://` URIs), `partialFingerprints` from the stable
/// finding id, ignored findings as results with an `external` suppression, and scan errors as
/// tool execution notifications that mark the invocation unsuccessful.
public struct SARIFReporter: Reporter {
    /// The SARIF version written.
    public static let sarifVersion = "2.1.0"
    /// The schema URI written as `$schema`.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key; bump the suffix if the finding id ever changes meaning.
    public static let fingerprintKey = "litmus/v1"

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        JSONText.render(Self.document(report, context: context))
    }

    /// The SARIF log as JSON-compatible values.
    static func document(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        let rules = Self.rules(report)
        let index = Dictionary(rules.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var results = report.findings.map { result($0, ruleIndex: index[$0.advisoryID]) }
        results += report.ignored.map { ignored in
            var r = result(ignored.finding, ruleIndex: index[ignored.finding.advisoryID])
            r["suppressions"] = [["kind": "external", "status": "accepted",
                                  "justification": Escape.display(ignored.reason),
                                  "properties": ["ignoreFile": Escape.display(ignored.configPath), "ignoreLine": ignored.configLine]]]
            return r
        }
        let run: [String: Any] = [
            "tool": ["driver": [
                "name": ScanReport.toolName,
                "version": ScanReport.toolVersion,
                "semanticVersion": ScanReport.toolVersion,
                "rules": rules.map(\.json),
            ] as [String: Any]],
            "invocations": [invocation(report, context: context)],
            "results": results,
            "columnKind": "unicodeCodePoints",
            "properties": [
                "advisoryDataVersion": report.advisoryDataVersion,
                "command": report.command,
                "roots": report.roots.map(Escape.display),
            ] as [String: Any],
        ]
        return ["$schema": schemaURI, "version": sarifVersion, "runs": [run]]
    }

    /// A rule and its id, so results can point at it by index.
    struct Rule {
        var id: String
        var json: [String: Any]
    }

    /// One rule per advisory, in id order; an advisory a finding names that the report does not
    /// list (never expected) still gets a minimal rule so every result has one.
    static func rules(_ report: ScanReport) -> [Rule] {
        var out = report.advisories.map(rule)
        let known = Set(out.map(\.id))
        let missing = Set((report.findings + report.ignored.map(\.finding)).map(\.advisoryID)).subtracting(known)
        for id in missing.sorted() {
            let text = HeuristicRule.descriptions[id] ?? id
            out.append(Rule(id: id, json: ["id": id, "shortDescription": ["text": text], "fullDescription": ["text": text],
                                           "help": ["text": text, "markdown": MarkdownText.escape(text)],
                                           "defaultConfiguration": ["level": level(.high)],
                                           "properties": ["tags": ["security", "supply-chain"],
                                                          "security-severity": securitySeverity(.high)] as [String: Any]]))
        }
        return out
    }

    private static func rule(_ a: Advisory) -> Rule {
        var json: [String: Any] = [
            "id": a.id,
            "name": ruleName(a),
            "shortDescription": ["text": Escape.display(a.summary)],
            "fullDescription": ["text": Escape.display(a.details.isEmpty ? a.summary : a.details)],
            "help": ["text": helpText(a), "markdown": helpMarkdown(a)],
            "defaultConfiguration": ["level": level(a.severity)],
            "properties": [
                "security-severity": securitySeverity(a.severity),
                "tags": ["security", "supply-chain"],
                "precision": "very-high",
                "aliases": a.aliases,
            ] as [String: Any],
        ]
        if let uri = helpURI(a) { json["helpUri"] = uri }
        return Rule(id: a.id, json: json)
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
        var lines = [Escape.display(a.summary), "", "Remediation: " + Escape.display(a.remediation)]
        if let safe = a.safeVersions { lines.append("Safe versions: " + Escape.display(safe)) }
        if !a.aliases.isEmpty { lines.append("Aliases: " + a.aliases.joined(separator: ", ")) }
        lines += a.references.map { "\($0.type): \($0.url)" }
        return lines.joined(separator: "\n")
    }

    private static func helpMarkdown(_ a: Advisory) -> String {
        var parts = ["**" + MarkdownText.escape(a.summary) + "**", "**Remediation.** " + MarkdownText.escape(a.remediation)]
        if let safe = a.safeVersions { parts.append("**Safe versions:** " + MarkdownText.escape(safe)) }
        if !a.aliases.isEmpty { parts.append("**Aliases:** " + a.aliases.map(MarkdownText.escape).joined(separator: ", ")) }
        if !a.references.isEmpty {
            parts.append("**References**\n\n" + a.references.map { "- \($0.type): <\(MarkdownText.escapeURL($0.url))>" }.joined(separator: "\n"))
        }
        return parts.joined(separator: "\n\n")
    }

    private static func result(_ f: Finding, ruleIndex: Int?) -> [String: Any] {
        var what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
        if !what.isEmpty { what += ": " }
        var out: [String: Any] = [
            "ruleId": f.advisoryID,
            "level": level(f.severity),
            "kind": "fail",
            "message": ["text": Escape.display("\(what)\(f.evidence) (\(f.kind.rawValue), \(f.severity.rawValue))")],
            "locations": [["physicalLocation": physicalLocation(f.location)]],
            "partialFingerprints": [fingerprintKey: f.id],
            "properties": [
                "findingId": f.id,
                "kind": f.kind.rawValue,
                "severity": f.severity.rawValue,
                "security-severity": securitySeverity(f.severity),
                "package": f.package.map { Escape.display($0) as Any } ?? JSONNull(),
                "version": f.version.map { Escape.display($0) as Any } ?? JSONNull(),
                "specifier": f.specifier.map { Escape.display($0) as Any } ?? JSONNull(),
                "remediation": f.remediation,
            ] as [String: Any],
        ]
        if let ruleIndex { out["ruleIndex"] = ruleIndex }
        return out
    }

    private static func invocation(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        let notifications = report.issues.map { issue -> [String: Any] in
            [
                "level": issue.level == .error ? "error" : "warning",
                "message": ["text": "\(Escape.display(issue.location.display)): [\(issue.stage)] \(Escape.display(issue.message))"],
                "locations": [["physicalLocation": physicalLocation(issue.location)]],
            ]
        }
        return [
            "executionSuccessful": report.errors.isEmpty,
            "exitCode": Int(report.exitCode(failOn: context.failOn)),
            "startTimeUtc": TimeText.iso8601(report.startedAt),
            "endTimeUtc": TimeText.iso8601(report.finishedAt),
            "toolExecutionNotifications": notifications,
        ]
    }

    /// `artifactLocation` (and `region` when the line is known) for a path as reached.
    static func physicalLocation(_ location: FileLocation) -> [String: Any] {
        var artifact: [String: Any] = ["uri": uri(location.path)]
        if !location.path.hasPrefix("/") { artifact["uriBaseId"] = "%SRCROOT%" }
        var out: [String: Any] = ["artifactLocation": artifact]
        if let line = location.line, line > 0 { out["region"] = ["startLine": line] }
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

    private static func percentEncoded(_ path: String) -> String {
        var out = ""
        for scalar in path.unicodeScalars {
            let bytes: [UInt8] = PathBytes.rawByte(scalar).map { [$0] } ?? Array(String(scalar).utf8)
            for byte in bytes {
                if isUnreserved(byte) {
                    out.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
                }
            }
        }
        return out
    }

    private static func isUnreserved(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
            || b == 0x2D || b == 0x2E || b == 0x5F || b == 0x7E || b == 0x2F || b == 0x2B || b == 0x40
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
