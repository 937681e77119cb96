/// An error a host's report listed (the first few are kept per host), or a problem with one of
/// the fleet's input files.
public struct FleetIssue: Sendable, Hashable, Codable {
    /// The path concerned: a path on the host, or the report file's path for input problems.
    public var path: String
    /// Where known, the line.
    public var line: Int?
    /// The stage that met it (`walk`, `read`, `fleet`, an extractor, `unreachable`...).
    public var stage: String
    /// One sentence.
    public var message: String

    /// Creates an issue.
    public init(path: String, line: Int? = nil, stage: String, message: String) {
        self.path = path
        self.line = line
        self.stage = stage
        self.message = message
    }
}
