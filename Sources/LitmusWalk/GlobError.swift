/// Why a glob pattern could not be compiled.
public struct GlobError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong, in one phrase.
    public var message: String

    /// Same as `message`.
    public var description: String { message }
}
