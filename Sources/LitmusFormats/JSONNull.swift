/// JSON `null`, as ``JSONParser`` returns it and ``JSONWriter`` writes it.
public struct JSONNull: Sendable, Equatable, Hashable {
    /// The one null value.
    public init() {}
}
