import LitmusModel

/// Settings every reporter may use.
public struct ReportContext: Sendable {
    /// The `--fail-on` threshold (nil for `none`).
    public var failOn: Severity?
    /// Whether ANSI colour may be used.
    public var color: Bool
    /// Print findings and errors only.
    public var quiet: Bool
    /// SARIF: also emit ignored findings as suppressed results (`--sarif-include-ignored`).
    /// Off by default, because GitHub code scanning opens alerts for suppressed results.
    public var sarifIncludeIgnored: Bool

    /// Creates a context.
    public init(failOn: Severity? = .high, color: Bool = false, quiet: Bool = false, sarifIncludeIgnored: Bool = false) {
        self.failOn = failOn
        self.color = color
        self.quiet = quiet
        self.sarifIncludeIgnored = sarifIncludeIgnored
    }
}
