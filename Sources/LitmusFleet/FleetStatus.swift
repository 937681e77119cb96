/// What a fleet merge concluded about one host.
public enum FleetStatus: String, Sendable, CaseIterable, Codable {
    /// At least one finding (at any severity; `--fail-on` decides the exit code).
    case findings
    /// No report could be used: unreadable, truncated, not a litmus report, another schema
    /// major version, or the fleet runner recorded that the host was unreachable or its audit failed.
    case unusable = "no-usable-report"
    /// No findings, but the run had errors: part of the host was not examined.
    case incomplete
    /// No findings and no errors.
    case clean

    /// Order in the hosts list: what needs attention first.
    var rank: Int {
        switch self {
        case .findings: return 0
        case .unusable: return 1
        case .incomplete: return 2
        case .clean: return 3
        }
    }

    /// The words used in text and Markdown reports.
    public var label: String {
        switch self {
        case .findings: return "findings"
        case .unusable: return "no usable report"
        case .incomplete: return "incomplete"
        case .clean: return "clean"
        }
    }
}
