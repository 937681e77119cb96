import LitmusAdvisories

/// Renders a report in one output format.
public protocol Reporter: Sendable {
    /// The whole output document.
    func render(_ report: ScanReport, context: ReportContext) -> String
}
