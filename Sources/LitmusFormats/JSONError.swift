/// Why bytes are not a JSON document: the message and where, as a byte offset and a line.
public struct JSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong ("unterminated string").
    public var message: String
    /// Offset of the offending byte from the start of the input.
    public var offset: Int
    /// 1-based line of the offending byte.
    public var line: Int

    /// Creates an error.
    public init(_ message: String, offset: Int, line: Int) {
        self.message = message
        self.offset = offset
        self.line = line
    }

    /// "line L (byte O): MESSAGE".
    public var description: String { "line \(line) (byte \(offset)): \(message)" }
}
