import Foundation

/// One JSON document per run (shape documented in the README); keys sorted so output is
/// stable. Paths and values go through ``Escape/display(_:)`` like every other output.
public struct JSONReporter: Reporter {
    /// The report schema's version; additive changes bump the minor number.
    public static let schemaVersion = "1.0.0"

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        let document = Self.document(report, context: context)
        guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) else {
            return "{\"error\": \"report could not be encoded\"}\n"
        }
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// The report as JSON-compatible values.
    static func document(_ report: ScanReport, context: ReportContext) -> [String: Any] {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var bySeverity: [String: Int] = [:]
        for s in Severity.allCases { bySeverity[s.rawValue] = report.findings.filter { $0.severity == s }.count }
        return [
            "schema_version": schemaVersion,
            "tool": ["name": ScanReport.toolName, "version": ScanReport.toolVersion],
            "advisory_data": [
                "version": report.advisoryDataVersion,
                "advisories": report.advisories.map { ["id": Escape.display($0.id), "aliases": $0.aliases.map(Escape.display)] },
            ],
            "command": report.command,
            "host": Escape.display(report.hostName),
            "roots": report.roots.map(Escape.display),
            "started_at": iso.string(from: report.startedAt),
            "finished_at": iso.string(from: report.finishedAt),
            "duration_seconds": (report.duration * 1000).rounded() / 1000,
            "fail_on": context.failOn?.rawValue ?? "none",
            "exit_code": Int(report.exitCode(failOn: context.failOn)),
            "summary": [
                "findings": report.findings.count,
                "by_severity": bySeverity,
                "errors": report.errors.count,
                "warnings": report.warnings.count,
                "directories": report.stats.directories,
                "entries": report.stats.entries,
                "files_read": report.stats.filesRead,
                "observations": report.stats.observations,
            ] as [String: Any],
            "findings": report.findings.map(finding),
            "errors": report.errors.map(issue),
            "warnings": report.warnings.map(issue),
            "skipped_mounts": report.skippedMounts.map(Escape.display),
        ]
    }

    private static func finding(_ f: Finding) -> [String: Any] {
        [
            "id": f.id,
            "kind": f.kind.rawValue,
            "severity": f.severity.rawValue,
            "package": f.package.map { Escape.display($0) as Any } ?? NSNull(),
            "version": f.version.map { Escape.display($0) as Any } ?? NSNull(),
            "specifier": f.specifier.map { Escape.display($0) as Any } ?? NSNull(),
            "path": Escape.display(f.location.path),
            "line": f.location.line.map { $0 as Any } ?? NSNull(),
            // Advisory text may come from a user's --advisories file: escaped like paths.
            "advisory": ["id": Escape.display(f.advisoryID), "aliases": f.aliases.map(Escape.display)],
            "evidence": Escape.display(f.evidence),
            "remediation": Escape.display(f.remediation),
        ]
    }

    private static func issue(_ i: ScanIssue) -> [String: Any] {
        [
            "path": Escape.display(i.location.path),
            "line": i.location.line.map { $0 as Any } ?? NSNull(),
            "stage": i.stage,
            "message": Escape.display(i.message),
        ]
    }
}
