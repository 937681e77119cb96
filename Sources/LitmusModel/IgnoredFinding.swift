/// A finding that an `[[ignore]]` entry of the config file set aside: still reported (JSON
/// `ignored`, SARIF `suppressions`) so the exception stays visible, but never counted for the
/// exit code.
public struct IgnoredFinding: Sendable, Hashable, Comparable {
    /// The finding as the scan produced it.
    public var finding: Finding
    /// The entry's `reason`, as written.
    public var reason: String
    /// The config file holding the entry.
    public var configPath: String
    /// The line of the entry's `[[ignore]]` header.
    public var configLine: Int
    /// The entry's `expires` date (`YYYY-MM-DD`), if any.
    public var expires: String?

    /// Creates an ignored finding.
    public init(finding: Finding, reason: String, configPath: String, configLine: Int, expires: String? = nil) {
        self.finding = finding
        self.reason = reason
        self.configPath = configPath
        self.configLine = configLine
        self.expires = expires
    }

    /// The `[[ignore]]` entry that set the finding aside, as `file:line`.
    public var rule: FileLocation { FileLocation(path: configPath, line: configLine) }

    /// Orders as the findings do.
    public static func < (lhs: IgnoredFinding, rhs: IgnoredFinding) -> Bool {
        if lhs.finding != rhs.finding { return lhs.finding < rhs.finding }
        return lhs.configLine < rhs.configLine
    }
}
