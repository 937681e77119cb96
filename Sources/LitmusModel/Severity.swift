/// How urgent a finding is, from `low` to `critical`; ordered so `>=` means "at least as bad".
public enum Severity: String, Sendable, CaseIterable, Comparable, Codable {
    case low, medium, high, critical

    private var rank: Int {
        switch self {
        case .low: return 0
        case .medium: return 1
        case .high: return 2
        case .critical: return 3
        }
    }

    /// Orders severities by urgency.
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
