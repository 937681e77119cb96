/// The formats `litmus fleet --format` accepts.
public enum FleetFormat: String, Sendable, CaseIterable {
    case text, markdown, json

    /// Renders `report` in this format.
    public func render(_ report: FleetReport, failOn: Severity?) -> String {
        switch self {
        case .text: return FleetTextReporter.render(report, failOn: failOn)
        case .markdown: return FleetMarkdownReporter.render(report, failOn: failOn)
        case .json: return FleetJSONReporter.render(report, failOn: failOn)
        }
    }

    /// Parses a format name; `md` is accepted for markdown.
    public init?(name: String) {
        self.init(rawValue: name == "md" ? "markdown" : name)
    }
}
