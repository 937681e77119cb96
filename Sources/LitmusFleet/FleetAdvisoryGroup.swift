import LitmusModel

/// The hosts affected by one advisory through one kind of evidence, as the fleet report lists
/// them: hosts with critical indicators first.
public struct FleetAdvisoryGroup: Sendable, Hashable {
    /// One affected host.
    public struct Host: Sendable, Hashable {
        /// The host's key in the merge.
        public var key: String
        /// Its host name.
        public var host: String
        /// Its machine id, if known.
        public var machineID: String?
        /// Whether the host has any critical finding (of any advisory).
        public var critical: Bool
        /// This group's findings on the host.
        public var count: Int
        /// Their worst severity.
        public var severity: Severity
        /// A few of their paths.
        public var paths: [String]
    }

    /// The advisory id.
    public var advisory: String
    /// The finding kind.
    public var kind: String
    /// The worst severity on any host.
    public var severity: Severity
    /// Affected hosts: critical hosts first, then by severity, host name and key.
    public var hosts: [Host]
}
