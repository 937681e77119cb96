/// The error thrown when a string is not a valid PEP 440 version.
///
/// Carries the offending text verbatim; `description` quotes it the way `packaging` does.
public struct InvalidVersion: Error, Sendable, Hashable, CustomStringConvertible {
    /// The text that failed to parse, exactly as given.
    public let text: String

    /// Creates the error for `text`.
    public init(text: String) { self.text = text }

    /// `Invalid version: '<text>'`, with control characters escaped.
    public var description: String { "Invalid version: '\(text.debugDescription.dropFirst().dropLast())'" }
}
