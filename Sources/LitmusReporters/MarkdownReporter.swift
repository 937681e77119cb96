import LitmusAdvisories
import LitmusModel

/// A short Markdown summary for `$GITHUB_STEP_SUMMARY` and pull-request comments: a heading
/// with the verdict, a table of findings (severity, package, version or specifier, file:line,
/// advisory), a line of counts with the exit status, then errors, ignored findings and
/// warnings. Every value is escaped (``MarkdownText``); the table stops at
/// ``MarkdownReporter/maxRows`` rows so a huge report stays under GitHub's summary limit.
public struct MarkdownReporter: Reporter {
    /// Table rows shown before "… and N more".
    public static let maxRows = 200

    /// Creates the reporter.
    public init() {}

    /// See ``Reporter/render(_:context:)``.
    public func render(_ report: ScanReport, context: ReportContext) -> String {
        var out = [heading(report, context: context), ""]
        out += table(report)
        out.append(countsLine(report, context: context))
        out += list("Not scanned (errors; the scan is incomplete)", report.errors.map(issueLine))
        out += list("Ignored by \(MarkdownText.escape(report.configPath ?? "config"))", report.ignored.map(ignoredLine))
        out += list("Excluded by --exclude (\(report.excludedCount), not scanned)",
                    report.excluded.prefix(Self.maxRows).map { MarkdownText.escape($0) }
                        + (report.excludedCount > Self.maxRows ? ["… and \(report.excludedCount - Self.maxRows) more"] : []))
        out += list("Warnings", report.warnings.map(issueLine))
        return out.joined(separator: "\n") + "\n"
    }

    private func heading(_ report: ScanReport, context: ReportContext) -> String {
        let code = report.exitCode(failOn: context.failOn)
        let verdict: String
        switch code {
        case ExitCode.findings: verdict = "compromised packages found"
        case ExitCode.incomplete: verdict = "scan incomplete"
        default: verdict = report.findings.isEmpty ? "no findings" : "findings below the fail-on threshold"
        }
        return "### litmus \(MarkdownText.escape(report.command)): \(verdict)"
    }

    private func table(_ report: ScanReport) -> [String] {
        guard !report.findings.isEmpty else { return [] }
        let links = Dictionary(report.advisories.compactMap { a in SARIFReporter.helpURI(a).map { (a.id, $0) } },
                               uniquingKeysWith: { a, _ in a })
        var out = ["| Severity | Package | Version / specifier | Location | Advisory |", "| --- | --- | --- | --- | --- |"]
        for f in report.findings.prefix(Self.maxRows) {
            let advisory = links[f.advisoryID].map { "[\(MarkdownText.escape(f.advisoryID))](\(MarkdownText.escapeURL($0)))" }
                ?? MarkdownText.escape(f.advisoryID)
            let cells = ["**\(f.severity.rawValue)**", MarkdownText.escape(f.package ?? "—"),
                         MarkdownText.escape(f.version ?? f.specifier ?? "—"),
                         MarkdownText.escape(f.location.display) + (f.occurrences > 1 ? " (\(f.occurrences) in this file)" : ""), advisory]
            out.append("| " + cells.joined(separator: " | ") + " |")
        }
        if report.findings.count > Self.maxRows {
            out.append("")
            out.append("… and \(report.findings.count - Self.maxRows) more (see the JSON or SARIF report).")
        }
        out.append("")
        return out
    }

    private func countsLine(_ report: ScanReport, context: ReportContext) -> String {
        let bySeverity = Severity.allCases.reversed().compactMap { s -> String? in
            let n = report.findings.filter { $0.severity == s }.count
            return n > 0 ? "\(n) \(s.rawValue)" : nil
        }
        let findings = "**\(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")**"
            + (bySeverity.isEmpty ? "" : " (\(bySeverity.joined(separator: ", ")))")
        let code = report.exitCode(failOn: context.failOn)
        let parts = [findings, "\(report.ignored.count) ignored", "\(report.errors.count) error\(report.errors.count == 1 ? "" : "s")",
                     "\(report.stats.filesRead) files read", "advisory data \(report.advisoryDataVersion)",
                     "exit **\(code)** (\(Self.meaning(code, failOn: context.failOn)))"]
        return parts.joined(separator: " · ")
    }

    /// What an exit status means, in the words the text report uses.
    static func meaning(_ code: Int32, failOn: Severity?) -> String {
        switch code {
        case ExitCode.findings: return "findings at or above \(failOn?.rawValue ?? "none")"
        case ExitCode.incomplete: return "scan incomplete"
        default: return failOn.map { "nothing at or above \($0.rawValue)" } ?? "fail-on none"
        }
    }

    private func list(_ title: String, _ items: [String]) -> [String] {
        guard !items.isEmpty else { return [] }
        return ["", "#### \(title)", ""] + items.map { "- " + $0 }
    }

    private func issueLine(_ i: ScanIssue) -> String {
        "\(MarkdownText.escape(i.location.display)): \\[\(MarkdownText.escape(i.stage))\\] \(MarkdownText.escape(i.message))"
    }

    private func ignoredLine(_ i: IgnoredFinding) -> String {
        let f = i.finding
        let what = [f.package, f.version ?? f.specifier].compactMap { $0 }.joined(separator: " ")
        return "\(MarkdownText.escape(f.advisoryID)) \(MarkdownText.escape(what)) at \(MarkdownText.escape(f.location.display)), "
            + "by \(MarkdownText.escape(i.rule.display)): " + MarkdownText.escape(i.reason) + (i.expires.map { " (until \($0))" } ?? "")
    }
}
