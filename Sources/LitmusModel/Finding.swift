import LitmusFormats

/// A reported problem: an observation matched against an advisory.
public struct Finding: Sendable, Hashable, Comparable {
    /// What the finding rests on.
    public var kind: FindingKind
    /// How urgent it is.
    public var severity: Severity
    /// The advisory id (`LITMUS-...`) and its aliases (`MAL-2026-2144`, ...).
    public var advisoryID: String
    /// The advisory's aliases, in the advisory's order.
    public var aliases: [String]
    /// The normalised package name, when the finding is about a package.
    public var package: String?
    /// The exact version seen, when there is one.
    public var version: String?
    /// The specifier as written, when the observation was a specifier.
    public var specifier: String?
    /// Where.
    public var location: FileLocation
    /// What was seen, in one line a human can check.
    public var evidence: String
    /// What to do about it.
    public var remediation: String
    /// How many distinct locations in this file hold this finding (the same kind, advisory,
    /// package and version); only the first 20 are reported, each carrying this count.
    public var occurrences: Int = 1
    /// For a `record-mismatch` finding: how many files of the install are modified, missing and
    /// unlisted, and the first 20 of them (one finding per install).
    public var integrity: IntegrityCounts? = nil

    /// Creates a finding.
    public init(kind: FindingKind, severity: Severity, advisoryID: String, aliases: [String],
                package: String?, version: String?, specifier: String?, location: FileLocation,
                evidence: String, remediation: String) {
        self.kind = kind
        self.severity = severity
        self.advisoryID = advisoryID
        self.aliases = aliases
        self.package = package
        self.version = version
        self.specifier = specifier
        self.location = location
        self.evidence = evidence
        self.remediation = remediation
    }

    /// A stable identifier: the same finding in the same place gets the same id on every run.
    public var id: String {
        "LM-" + String(SHA256.hex(SHA256.hash(Array((repeatKey + "\u{1F}" + location.display).utf8))).prefix(16))
    }

    /// Everything that identifies the finding but its line: findings equal in this key and in
    /// their path are repeats of one another.
    package var repeatKey: String {
        [kind.rawValue, advisoryID, package ?? "", version ?? specifier ?? ""].joined(separator: "\u{1F}")
    }

    /// Orders by path, line, package, kind: the order reports print in.
    public static func < (lhs: Finding, rhs: Finding) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        if lhs.package != rhs.package { return (lhs.package ?? "") < (rhs.package ?? "") }
        if lhs.kind != rhs.kind { return lhs.kind.rawValue < rhs.kind.rawValue }
        return lhs.advisoryID < rhs.advisoryID
    }
}
