import LitmusFormats

/// The output formats `--format` accepts (several at once with `--output-dir`).
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, sarif, junit, markdown, cyclonedx

    /// The reporter for this format.
    public var reporter: any Reporter {
        switch self {
        case .text: return TextReporter()
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .markdown: return MarkdownReporter()
        case .cyclonedx: return CycloneDXReporter()
        }
    }

    /// The file name used under `--output-dir`.
    public var fileName: String {
        switch self {
        case .text: return "litmus.txt"
        case .json: return "litmus.json"
        case .sarif: return "litmus.sarif"
        case .junit: return "litmus.junit.xml"
        case .markdown: return "litmus.md"
        case .cyclonedx: return "litmus.cdx.json"
        }
    }

    /// Whether the scan must keep a package inventory for this format.
    public var needsInventory: Bool { self == .cyclonedx }

    /// Parses a comma-separated list (`json,sarif`); `md` is accepted for markdown, `cdx` for cyclonedx. Duplicates
    /// are dropped, order is kept; fails naming the first unknown word.
    public static func list(_ text: String) -> Result<[OutputFormat], FormatListError> {
        var out: [OutputFormat] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = word == "md" ? "markdown" : word == "cdx" ? "cyclonedx" : String(word)
            guard let format = OutputFormat(rawValue: name) else { return .failure(FormatListError(word: String(word))) }
            if !out.contains(format) { out.append(format) }
        }
        return .success(out)
    }
}
