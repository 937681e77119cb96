/// A malformed `RECORD` row. The whole file is rejected because a RECORD
/// that does not parse cleanly cannot be trusted for integrity checks.
public struct RecordError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line where the problem was found.
    public let line: Int
    /// What is wrong with it.
    public let message: String

    /// Creates an error for `line`.
    public init(line: Int, message: String) {
        self.line = line
        self.message = message
    }

    /// "RECORD line N: message".
    public var description: String { "RECORD line \(line): \(message)" }
}
