import LitmusAdvisories
import LitmusModel

/// The merged result of many hosts' reports: one entry per host, the affected hosts per
/// advisory and kind, and every input file that could not be used or was set aside.
public struct FleetReport: Sendable {
    /// Hosts: with findings (critical first), without a usable report, incomplete, clean;
    /// then by host name and key.
    public var hosts: [FleetHost]
    /// Advisory and kind groups, worst severity first.
    public var advisories: [FleetAdvisoryGroup]
    /// Input problems: unusable files, superseded duplicates, shared machine ids, files not read.
    public var problems: [FleetIssue]
    /// Input files read (usable or not).
    public var filesRead: Int

    /// Builds the report from the merge's hosts, sorting everything so output is deterministic.
    public init(hosts unsorted: [FleetHost], problems: [FleetIssue], filesRead: Int) {
        let hosts = unsorted.sorted(by: Self.hostOrder)
        self.hosts = hosts
        self.problems = problems
        self.filesRead = filesRead
        var groups: [String: FleetAdvisoryGroup] = [:]
        var order: [String] = []
        for h in hosts {
            for g in h.groups {
                let id = g.advisory + "\u{0}" + g.kind
                let entry = FleetAdvisoryGroup.Host(key: h.key, host: h.host, machineID: h.machineID, critical: h.critical,
                                                    count: g.count, severity: g.severity, paths: g.paths)
                if groups[id] == nil {
                    groups[id] = FleetAdvisoryGroup(advisory: g.advisory, kind: g.kind, severity: g.severity, hosts: [])
                    order.append(id)
                }
                groups[id]?.hosts.append(entry)
                if let s = groups[id]?.severity, g.severity > s { groups[id]?.severity = g.severity }
            }
        }
        self.advisories = order.compactMap { groups[$0] }.map { group in
            var group = group
            group.hosts.sort { a, b in
                if a.critical != b.critical { return a.critical }
                if a.severity != b.severity { return a.severity > b.severity }
                if a.host != b.host { return a.host < b.host }
                return a.key < b.key
            }
            return group
        }.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            if a.advisory != b.advisory { return a.advisory < b.advisory }
            return a.kind < b.kind
        }
    }

    /// Hosts with this status.
    public func count(_ status: FleetStatus) -> Int { hosts.filter { $0.status == status }.count }

    /// 1 when any host has a finding at or above `failOn`; else 3 when any host is incomplete
    /// or has no usable report; else 0 — the rule of `scan` and `audit`, over the fleet.
    public func exitCode(failOn: Severity?) -> Int32 {
        hosts.map { $0.exitCode(failOn: failOn) }.reduce(ExitCode.clean) { worst, code in
            if worst == ExitCode.findings || code == ExitCode.findings { return ExitCode.findings }
            return max(worst, code)
        }
    }

    private static func hostOrder(_ a: FleetHost, _ b: FleetHost) -> Bool {
        if a.status.rank != b.status.rank { return a.status.rank < b.status.rank }
        if a.critical != b.critical { return a.critical }
        if a.host != b.host { return a.host < b.host }
        return a.key < b.key
    }
}
