/// A failure to parse a document as the supported YAML subset.
///
/// Every rejection names the 1-based line and column where the problem was
/// found, so a scanner can report it instead of silently skipping the file.
public struct YAMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line number of the offending input.
    public let line: Int
    /// 1-based column (in Unicode scalars) of the offending input.
    public let column: Int
    /// Human-readable explanation of what was rejected.
    public let message: String

    /// Creates an error at the given position.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line L, column C: message`.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
