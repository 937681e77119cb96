import LitmusModel

/// A config file litmus will not run with: one line naming the file and, where known, the line.
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The config file.
    public var path: String
    /// The 1-based line of the problem, if known.
    public var line: Int?
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(path: String, line: Int?, _ message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    /// `PATH line N: message` (path escaped).
    public var description: String {
        let place = line.map { "\(Escape.display(path)) line \($0)" } ?? Escape.display(path)
        return "\(place): \(message)"
    }
}
