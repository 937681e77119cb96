/// An error or warning met while scanning: something that was not (fully) read.
///
/// Errors make the scan incomplete (exit code 3 when nothing qualifying was found); warnings
/// are informational and never change the exit code.
public struct ScanIssue: Sendable, Hashable, Comparable, Codable {
    /// Whether the issue leaves part of the input unexamined.
    public enum Level: String, Sendable, Codable { case error, warning }

    /// Error or warning.
    public var level: Level
    /// The path concerned and, where known, the line.
    public var location: FileLocation
    /// The stage that met it: `walk`, `read`, or an extractor name such as `requirements`.
    public var stage: String
    /// What went wrong, in one sentence.
    public var message: String

    /// Creates an issue; credentials in URLs the message quotes are redacted here, once.
    public init(_ level: Level, _ location: FileLocation, stage: String, _ message: String) {
        self.level = level
        self.location = location
        self.stage = stage
        self.message = Redact.credentials(message)
    }

    /// An error at `path` (and `line`).
    public static func error(_ path: String, line: Int? = nil, stage: String, _ message: String) -> ScanIssue {
        ScanIssue(.error, FileLocation(path: path, line: line), stage: stage, message)
    }

    /// A warning at `path` (and `line`).
    public static func warning(_ path: String, line: Int? = nil, stage: String, _ message: String) -> ScanIssue {
        ScanIssue(.warning, FileLocation(path: path, line: line), stage: stage, message)
    }

    /// Orders by location, then message, so reports are deterministic.
    public static func < (lhs: ScanIssue, rhs: ScanIssue) -> Bool {
        if lhs.location != rhs.location { return lhs.location < rhs.location }
        return lhs.message < rhs.message
    }
}
