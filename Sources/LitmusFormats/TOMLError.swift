/// A TOML document that could not be parsed, with the 1-based position of the problem.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based line of the offending input.
    public let line: Int
    /// 1-based column (in Unicode scalars) of the offending input.
    public let column: Int
    /// What is wrong, in plain words.
    public let message: String

    /// Creates an error at `line`:`column`.
    public init(line: Int, column: Int, message: String) {
        self.line = line
        self.column = column
        self.message = message
    }

    /// `line L, column C: message`, the form findings and logs print.
    public var description: String {
        "line \(line), column \(column): \(message)"
    }
}
