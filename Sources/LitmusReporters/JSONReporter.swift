import FoundationEssentials
import LitmusAdvisories
import LitmusFormats
import LitmusModel

/// One JSON document per run, described by `schema/report.schema.json`; keys sorted so output
/// is stable. Paths and values go through ``Escape/display(_:)`` like every other output.
///
/// Schema history: 1.0.0 first shape; 1.1.0 added `environments` (with `distributions`),
/// `homes`, `ignored`, `config` and `summary.ignored`; 1.2.0 added `machine_id`, `exclude`
/// (patterns and the excluded paths) and `summary.excluded`; 1.3.0 added `occurrences` to
/// findings (repeats beyond the first 20 locations in a file are counted, not listed); 1.4.0
/// added `integrity` to `record-mismatch` findings (one per install: counts of modified, missing
/// and unlisted files and the first 20 paths).
public struct JSONReporter: Reporter {
    /// The report schema's version; additive changes bump the minor number.
    public static let schemaVersion = "1.4.0"

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        JSONText.render(Self.document(report, context: context))
    }

    /// The report as JSON-compatible values.
    static func document(_ report: ScanReport, context: ReportContext) -> [String: Any] {
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
            "machine_id": report.machineID.map { $0 as Any } ?? JSONNull(),
            "roots": report.roots.map(Escape.display),
            "started_at": TimeText.iso8601(report.startedAt),
            "finished_at": TimeText.iso8601(report.finishedAt),
            "duration_seconds": (report.duration * 1000).rounded() / 1000,
            "fail_on": context.failOn?.rawValue ?? "none",
            "exit_code": Int(report.exitCode(failOn: context.failOn)),
            "summary": [
                "findings": report.findings.count,
                "by_severity": bySeverity,
                "ignored": report.ignored.count,
                "excluded": report.excludedCount,
                "errors": report.errors.count,
                "warnings": report.warnings.count,
                "directories": report.stats.directories,
                "entries": report.stats.entries,
                "files_read": report.stats.filesRead,
                "observations": report.stats.observations,
            ] as [String: Any],
            "config": report.configPath.map { Escape.display($0) as Any } ?? JSONNull(),
            "environments": report.environments.sorted().map(environment),
            "findings": report.findings.map(finding),
            "ignored": report.ignored.map(ignored),
            "errors": report.errors.map(issue),
            "warnings": report.warnings.map(issue),
            "skipped_mounts": report.skippedMounts.map(Escape.display),
            "homes": report.homes.map(Escape.display),
            "exclude": ["patterns": report.excludePatterns.map(Escape.display), "count": report.excludedCount,
                        "paths": report.excluded.map(Escape.display)] as [String: Any],
        ]
    }

    private static func finding(_ f: Finding) -> [String: Any] {
        var out: [String: Any] = [
            "id": f.id,
            "kind": f.kind.rawValue,
            "severity": f.severity.rawValue,
            "package": f.package.map { Escape.display($0) as Any } ?? JSONNull(),
            "version": f.version.map { Escape.display($0) as Any } ?? JSONNull(),
            "specifier": f.specifier.map { Escape.display($0) as Any } ?? JSONNull(),
            "path": Escape.display(f.location.path),
            "line": f.location.line.map { $0 as Any } ?? JSONNull(),
            // Advisory text may come from a user's --advisories file: escaped like paths.
            "advisory": ["id": Escape.display(f.advisoryID), "aliases": f.aliases.map(Escape.display)],
            "evidence": Escape.display(f.evidence),
            "remediation": Escape.display(f.remediation),
            "occurrences": f.occurrences,
        ]
        if let counts = f.integrity { out["integrity"] = integrity(counts) }
        return out
    }

    /// A `record-mismatch` finding's counts and first paths (schema 1.4.0).
    static func integrity(_ c: IntegrityCounts) -> [String: Any] {
        [
            "modified": c.modified,
            "missing": c.missing,
            "unlisted": c.unlisted,
            "paths": c.samples.map { ["problem": $0.problem.rawValue, "path": Escape.display($0.path), "detail": Escape.display($0.detail)] },
        ]
    }

    private static func ignored(_ i: IgnoredFinding) -> [String: Any] {
        var out = finding(i.finding)
        out["reason"] = Escape.display(i.reason)
        out["ignore_rule"] = [
            "path": Escape.display(i.configPath),
            "line": i.configLine,
            "expires": i.expires.map { $0 as Any } ?? JSONNull(),
        ] as [String: Any]
        return out
    }

    private static func environment(_ e: EnvironmentRecord) -> [String: Any] {
        [
            "path": Escape.display(e.path),
            "kind": e.kind.rawValue,
            "python_version": e.pythonVersion.map { Escape.display($0) as Any } ?? JSONNull(),
            "distributions": e.distributions,
        ]
    }

    private static func issue(_ i: ScanIssue) -> [String: Any] {
        [
            "path": Escape.display(i.location.path),
            "line": i.location.line.map { $0 as Any } ?? JSONNull(),
            "stage": i.stage,
            "message": Escape.display(i.message),
        ]
    }
}
