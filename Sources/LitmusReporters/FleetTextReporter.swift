import LitmusFleet
import LitmusModel

/// The fleet report for a terminal or a log: a summary line, the hosts that need attention
/// first, the affected hosts per advisory and kind, then the input problems. Every value from
/// a report goes through ``Escape/displayReported(_:)``.
public enum FleetTextReporter {
    /// Renders `report`; `quiet` lists only the hosts that need attention.
    public static func render(_ report: FleetReport, failOn: Severity?, quiet: Bool = false) -> String {
        var out = FleetSummaryLine.text(report, failOn: failOn) + "\n"
        let listed = quiet ? report.hosts.filter { $0.status != .clean } : report.hosts
        if !listed.isEmpty { out += "\nHosts\n" }
        for h in listed {
            out += "  \(h.status.label.padding(17)) \(FleetSummaryLine.name(h))  \(FleetSummaryLine.detail(h))\n"
            out += "  \("".padding(17)) report: \(Escape.displayReported(h.source))\n"
            if let p = h.problem { out += "  \("".padding(17)) \(Escape.displayReported(p.stage)): \(Escape.displayReported(p.message))\n" }
            for e in h.firstErrors {
                out += "  \("".padding(17)) error: \(FleetSummaryLine.location(e)): \(Escape.displayReported(e.message))\n"
            }
        }
        if listed.count < report.hosts.count {
            let n = report.hosts.count - listed.count
            out += "  \(n) clean host\(n == 1 ? "" : "s") not listed (-q)\n"
        }
        if !report.advisories.isEmpty { out += "\nFindings by advisory and kind\n" }
        for g in report.advisories {
            let n = g.hosts.count
            out += "  \(Escape.displayReported(g.advisory)) \(Escape.displayReported(g.kind)) (\(g.severity.rawValue)): \(n) host\(n == 1 ? "" : "s")\n"
            for h in g.hosts {
                let mark = h.critical ? "CRITICAL " : ""
                out += "    \(mark)\(FleetSummaryLine.name(host: h.host, machineID: h.machineID))  \(h.count) finding\(h.count == 1 ? "" : "s") (\(h.severity.rawValue))\n"
                for p in h.paths { out += "      \(Escape.displayReported(p))\n" }
                if h.count > h.paths.count { out += "      … and \(h.count - h.paths.count) more\n" }
            }
        }
        if !report.problems.isEmpty { out += "\nProblems\n" }
        for p in report.problems {
            out += "  \(Escape.displayReported(p.path)): \(Escape.displayReported(p.stage)): \(Escape.displayReported(p.message))\n"
        }
        return out
    }
}
