import LitmusAdvisories
import LitmusModel

/// What a fleet merge keeps of one host: its identity, status and counts, never its findings'
/// details beyond a few paths per advisory and kind (bounded whatever the report holds).
public struct FleetHost: Sendable, Hashable {
    /// How many of a report's errors are kept to show why a host is incomplete.
    public static let sampleErrors = 3

    /// Identity in the merge: machine id and host name when the report has an id, else host
    /// name, command and roots; for an unusable file, its path; for a runner record, the
    /// inventory name.
    public var key: String
    /// The host name the report gives (or the inventory name, or the report file's base name).
    public var host: String
    /// The audited root's machine id, if the report has one.
    public var machineID: String?
    /// The host's status.
    public var status: FleetStatus
    /// `audit` or `scan`; nil when no report was usable.
    public var command: String?
    /// The report's roots.
    public var roots: [String] = []
    /// The report file (or runner record) this entry comes from.
    public var source: String
    /// When the run finished, as the report gives it.
    public var finishedAt: String?
    /// The litmus version that wrote the report.
    public var toolVersion: String?
    /// Findings per severity.
    public var bySeverity: [Severity: Int] = [:]
    /// Errors the report listed.
    public var errors = 0
    /// Warnings the report listed.
    public var warnings = 0
    /// The report's first errors.
    public var firstErrors: [FleetIssue] = []
    /// Why no report was usable.
    public var problem: FleetIssue?
    /// Findings by advisory and kind, in first-seen order.
    public var groups: [FleetFindingGroup] = []

    /// Creates a host entry.
    public init(key: String, host: String, machineID: String?, status: FleetStatus, source: String) {
        self.key = key
        self.host = host
        self.machineID = machineID
        self.status = status
        self.source = source
    }

    /// All findings counted.
    public var findings: Int { bySeverity.values.reduce(0, +) }

    /// Whether any finding is critical (an indicator file, a known-bad hash, persistence).
    public var critical: Bool { bySeverity[.critical, default: 0] > 0 }

    /// Whether a finding is at or above `failOn` (nil: never).
    public func fails(_ failOn: Severity?) -> Bool {
        guard let failOn else { return false }
        return bySeverity.contains { $0.key >= failOn && $0.value > 0 }
    }

    /// The exit code a litmus run would give this host under `failOn`: 1, else 3 when the
    /// host is incomplete or has no usable report, else 0.
    public func exitCode(failOn: Severity?) -> Int32 {
        if fails(failOn) { return ExitCode.findings }
        return errors > 0 || status == .unusable ? ExitCode.incomplete : ExitCode.clean
    }

    /// Counts one finding.
    mutating func add(advisory: String, kind: String, severity: Severity, path: String) {
        bySeverity[severity, default: 0] += 1
        if let i = groups.firstIndex(where: { $0.advisory == advisory && $0.kind == kind }) {
            groups[i].add(severity: severity, path: path)
        } else {
            groups.append(FleetFindingGroup(advisory: advisory, kind: kind, severity: severity, path: path))
        }
    }
}
