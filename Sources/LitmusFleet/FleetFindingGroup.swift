import LitmusModel

/// One host's findings of one advisory and kind: how many, the worst severity, a few paths.
public struct FleetFindingGroup: Sendable, Hashable {
    /// How many example paths a host keeps per group, so memory stays bounded however many
    /// findings a report lists.
    public static let samplePaths = 3

    /// The advisory id.
    public var advisory: String
    /// The finding kind (`ioc-file`, `compromised-version`...), kept as written so a newer 1.x
    /// report's kind is still merged.
    public var kind: String
    /// Findings counted.
    public var count: Int
    /// The worst severity among them.
    public var severity: Severity
    /// The first few paths, in report order.
    public var paths: [String]

    /// Creates a group from its first finding.
    public init(advisory: String, kind: String, severity: Severity, path: String) {
        self.advisory = advisory
        self.kind = kind
        self.count = 1
        self.severity = severity
        self.paths = [path]
    }

    /// Counts one more finding.
    mutating func add(severity: Severity, path: String) {
        count += 1
        if severity > self.severity { self.severity = severity }
        if paths.count < Self.samplePaths { paths.append(path) }
    }
}
