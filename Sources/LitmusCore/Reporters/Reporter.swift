/// Settings every reporter may use.
public struct ReportContext: Sendable {
    /// The `--fail-on` threshold (nil for `none`).
    public var failOn: Severity?
    /// Whether ANSI colour may be used.
    public var color: Bool
    /// Print findings and errors only.
    public var quiet: Bool

    /// Creates a context.
    public init(failOn: Severity? = .high, color: Bool = false, quiet: Bool = false) {
        self.failOn = failOn
        self.color = color
        self.quiet = quiet
    }
}

/// Renders a report in one output format.
public protocol Reporter: Sendable {
    /// The whole output document.
    func render(_ report: ScanReport, context: ReportContext) -> String
}

/// The output formats `--format` accepts.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json

    /// The reporter for this format.
    public var reporter: any Reporter {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        }
    }
}
