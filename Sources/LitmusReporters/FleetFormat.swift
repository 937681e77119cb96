import LitmusFleet
import LitmusModel

/// The formats `litmus fleet --format` accepts.
public enum FleetFormat: String, Sendable, CaseIterable {
    case text, markdown, json

    /// Renders `report` in this format. `quiet` leaves clean hosts out of the text and Markdown
    /// host lists (they are still counted); JSON always lists every host.
    public func render(_ report: FleetReport, failOn: Severity?, quiet: Bool = false) -> String {
        switch self {
        case .text: return FleetTextReporter.render(report, failOn: failOn, quiet: quiet)
        case .markdown: return FleetMarkdownReporter.render(report, failOn: failOn, quiet: quiet)
        case .json: return FleetJSONReporter.render(report, failOn: failOn)
        }
    }

    /// Parses a format name; `md` is accepted for markdown.
    public init?(name: String) {
        self.init(rawValue: name == "md" ? "markdown" : name)
    }
}
