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

    /// The longest message, in UTF-8 bytes: whatever a message quotes (a path, an option, a
    /// parser's complaint), an issue stays one bounded line in every report format.
    public static let maxMessageBytes = 512
    /// What ends a cut message.
    public static let cutMarker = " …[cut]"

    /// Creates an issue; credentials in URLs the message quotes are redacted here, once, and the
    /// message is cut to ``maxMessageBytes`` on a Unicode scalar boundary, ending in ``cutMarker``.
    public init(_ level: Level, _ location: FileLocation, stage: String, _ message: String) {
        self.level = level
        self.location = location
        self.stage = stage
        self.message = Self.bounded(Redact.credentials(message))
    }

    /// `text` if it fits ``maxMessageBytes``, else its longest scalar-aligned prefix that fits
    /// with ``cutMarker`` after it.
    static func bounded(_ text: String) -> String {
        guard text.utf8.count > maxMessageBytes else { return text }
        let budget = maxMessageBytes - cutMarker.utf8.count
        var used = 0
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let n = UTF8.width(scalar)
            if used + n > budget { break }
            kept.append(scalar)
            used += n
        }
        return String(kept) + cutMarker
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
