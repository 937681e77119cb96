/// The error thrown when a string is not a valid PEP 440 version specifier.
///
/// `text` is the single specifier that failed (for a set, the offending comma-separated item)
/// and `reason` says which rule it broke.
public struct InvalidSpecifier: Error, Sendable, Hashable, CustomStringConvertible {
    /// The specifier text that failed to parse, exactly as given.
    public let text: String
    /// Why it was rejected, in a few words.
    public let reason: String

    /// Creates the error for `text` with a short `reason`.
    public init(text: String, reason: String) {
        self.text = text
        self.reason = reason
    }

    /// `Invalid specifier: '<text>' (<reason>)`, with control characters escaped.
    public var description: String {
        "Invalid specifier: '\(text.debugDescription.dropFirst().dropLast())' (\(reason))"
    }
}
