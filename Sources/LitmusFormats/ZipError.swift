/// Why a zip archive's central directory could not be read. Any
/// inconsistency is reported rather than repaired, because a malformed
/// archive is itself a finding for a scanner.
public struct ZipError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Human-readable explanation, including offsets where useful.
    public let message: String

    /// Creates an error with the given explanation.
    public init(_ message: String) {
        self.message = message
    }

    /// The explanation, prefixed so it reads well inside larger reports.
    public var description: String { "invalid zip: \(message)" }
}
