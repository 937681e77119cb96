import LitmusFleet
import LitmusModel

/// Wording shared by the text and Markdown fleet reports.
enum FleetSummaryLine {
    /// "litmus fleet: 5 hosts from 5 files — 1 with findings, … (exit 1, fail-on high)".
    static func text(_ report: FleetReport, failOn: Severity?) -> String {
        let n = report.hosts.count
        let parts = FleetStatus.allCases.map { "\(report.count($0)) \($0 == .findings ? "with findings" : $0.label)" }
        return "litmus fleet: \(n) host\(n == 1 ? "" : "s") from \(report.filesRead) file\(report.filesRead == 1 ? "" : "s") — "
            + parts.joined(separator: ", ")
            + "; exit \(report.exitCode(failOn: failOn)) (fail-on \(failOn?.rawValue ?? "none"))"
    }

    /// "web1 (machine 3d1219c7…)" or "web1".
    static func name(_ h: FleetHost) -> String { name(host: h.host, machineID: h.machineID) }

    static func name(host: String, machineID: String?) -> String {
        let host = Escape.displayReported(host)
        guard let id = machineID else { return host }
        return "\(host) (machine \(Escape.displayReported(String(id.prefix(12)))))"
    }

    /// "3 findings: 2 critical, 1 high; 1 error" and the like.
    static func detail(_ h: FleetHost) -> String {
        var parts: [String] = []
        if h.findings > 0 {
            let bySeverity = Severity.allCases.reversed().compactMap { s in h.bySeverity[s].map { "\($0) \(s.rawValue)" } }
            parts.append("\(h.findings) finding\(h.findings == 1 ? "" : "s"): " + bySeverity.joined(separator: ", "))
        }
        if h.errors > 0 { parts.append("\(h.errors) error\(h.errors == 1 ? "" : "s")") }
        if h.warnings > 0 { parts.append("\(h.warnings) warning\(h.warnings == 1 ? "" : "s")") }
        if let c = h.command { parts.append(Escape.displayReported(c) + " " + h.roots.map(Escape.displayReported).joined(separator: " ")) }
        return parts.joined(separator: "; ")
    }

    static func location(_ e: FleetIssue) -> String {
        Escape.displayReported(e.path) + (e.line.map { ":\($0)" } ?? "")
    }
}
