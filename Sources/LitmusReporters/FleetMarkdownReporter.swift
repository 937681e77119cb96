import LitmusAdvisories
import LitmusFleet
import LitmusModel

/// The fleet report in GitHub-flavoured Markdown: a heading with the verdict, a table of hosts
/// (those needing attention first), one table per advisory and kind, then the input problems.
/// Tables stop at ``maxRows`` rows so a large fleet stays under GitHub's summary limit; the
/// JSON report has everything.
public enum FleetMarkdownReporter {
    /// Rows per table before "… and N more".
    public static let maxRows = 500

    /// Renders `report`; `quiet` lists only the hosts that need attention.
    public static func render(_ report: FleetReport, failOn: Severity?, quiet: Bool = false) -> String {
        let code = report.exitCode(failOn: failOn)
        let verdict = code == ExitCode.findings ? "compromised hosts found" : code == ExitCode.incomplete ? "fleet audit incomplete" : "all hosts clean"
        var out = ["### litmus fleet: \(verdict)", "", MarkdownText.escapeReported(FleetSummaryLine.text(report, failOn: failOn)), ""]
        let listed = quiet ? report.hosts.filter { $0.status != .clean } : report.hosts
        if !listed.isEmpty {
            out += ["| Status | Host | Machine id | Findings | Errors or problem | Report |", "| --- | --- | --- | --- | --- | --- |"]
            for h in listed.prefix(maxRows) {
                let status = h.status == .findings && h.critical ? "**findings (critical)**" : h.status == .clean ? "clean" : "**\(h.status.label)**"
                let findings = h.findings == 0 ? "0" : Severity.allCases.reversed().compactMap { s in h.bySeverity[s].map { "\($0) \(s.rawValue)" } }.joined(separator: ", ")
                let errors = h.problem.map { MarkdownText.escapeReported($0.message) } ?? String(h.errors)
                out.append("| " + [status, md(h.host), md(h.machineID ?? "—"), findings, errors, md(h.source)].joined(separator: " | ") + " |")
            }
            out += more(listed.count)
        }
        if listed.count < report.hosts.count {
            let n = report.hosts.count - listed.count
            out += ["\(n) clean host\(n == 1 ? "" : "s") not listed (`-q`).", ""]
        }
        for g in report.advisories {
            out += ["#### \(md(g.advisory)) \(md(g.kind)) (\(g.severity.rawValue)): \(g.hosts.count) host\(g.hosts.count == 1 ? "" : "s")", ""]
            out += ["| Host | Machine id | Critical host | Findings | Paths |", "| --- | --- | --- | --- | --- |"]
            for h in g.hosts.prefix(maxRows) {
                let paths = h.paths.map(md).joined(separator: "<br>") + (h.count > h.paths.count ? "<br>… and \(h.count - h.paths.count) more" : "")
                out.append("| " + [md(h.host), md(h.machineID ?? "—"), h.critical ? "**yes**" : "no", "\(h.count) (\(h.severity.rawValue))", paths].joined(separator: " | ") + " |")
            }
            out += more(g.hosts.count)
        }
        if !report.problems.isEmpty {
            out += ["#### Problems", ""]
            out += report.problems.prefix(maxRows).map { "- \(md($0.path)): \(md($0.stage)): \(md($0.message))" }
            out += report.problems.count > maxRows ? ["- … and \(report.problems.count - maxRows) more"] : []
            out.append("")
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static func md(_ text: String) -> String { MarkdownText.escapeReported(text) }

    private static func more(_ count: Int) -> [String] {
        count > maxRows ? ["", "… and \(count - maxRows) more (see the JSON report).", ""] : [""]
    }
}
