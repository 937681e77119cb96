/// What sort of evidence a finding rests on; each kind has a fixed severity rule documented in the README.
public enum FindingKind: String, Sendable, CaseIterable, Codable {
    /// A lockfile, exact pin, artifact or installed package names a compromised version (advisory severity).
    case compromisedVersion = "compromised-version"
    /// A specifier (`>=1.80`, `~=1.82.0`) would admit a compromised version on the next resolve (low).
    case rangeAdmits = "range-admits"
    /// A file that the advisory names as an indicator of compromise is present (critical).
    case iocFile = "ioc-file"
    /// A file's SHA-256 equals a known malicious file's (critical).
    case knownBadHash = "known-bad-hash"
    /// A host file the payload writes for persistence (critical).
    case persistence = "persistence"
    /// A `.pth` with code or a `sitecustomize.py` that no installer owns, or that changed (high).
    case unownedStartupHook = "unowned-startup-hook"
    /// A file of an advisory's package differs from its RECORD, is missing, or is unlisted (high).
    case recordMismatch = "record-mismatch"
    /// A ref (a tag of a hijacked action) that was deleted and never restored: it no longer
    /// resolves, and what it ran before deletion is unknown (low).
    case refUnresolvable = "ref-unresolvable"

    /// The severity this kind carries when the advisory does not say otherwise.
    public func severity(advisory: Severity) -> Severity {
        switch self {
        case .compromisedVersion: return advisory
        case .rangeAdmits, .refUnresolvable: return .low
        case .iocFile, .knownBadHash, .persistence: return .critical
        case .unownedStartupHook, .recordMismatch: return .high
        }
    }
}
