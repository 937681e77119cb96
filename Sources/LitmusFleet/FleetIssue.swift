import LitmusModel

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

    /// Longest path, stage and message kept, in UTF-8 bytes: a host's report is input too, and a
    /// 4 KB path or message must not fill the fleet report.
    public static let limits = (path: 1024, stage: 64, message: 512)

    /// Creates an issue, cutting each text to ``limits`` (with a trailing `…`).
    public init(path: String, line: Int? = nil, stage: String, message: String) {
        self.path = Redact.truncated(path, limit: Self.limits.path)
        self.line = line
        self.stage = Redact.truncated(stage, limit: Self.limits.stage)
        self.message = Redact.truncated(message, limit: Self.limits.message)
    }
}
