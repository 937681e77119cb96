import LitmusFormats

/// A word in `--format` that names no output format.
public struct FormatListError: Error, Sendable, Equatable {
    /// The word as given.
    public var word: String
}
