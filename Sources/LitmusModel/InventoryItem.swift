/// One package observation kept for the software inventory (`--format cyclonedx`): which
/// package, at which version or specifier, seen how and where.
///
/// Only kept when an output needs it; the scanner deduplicates items and stops adding at
/// ``InventoryItem/limit`` (with a warning), so memory stays bounded on any tree.
public struct InventoryItem: Sendable, Hashable, Comparable {
    /// Most items a scan keeps; beyond this the inventory is marked incomplete with a warning.
    public static let limit = 200_000

    /// The PEP 503-normalised name.
    public var name: String
    /// The exact version (installed, locked, an artifact's name, `==X` or `===X`), if any.
    public var version: String?
    /// The specifier as written when it is not an exact pin (`>=1.80,<2`), if any.
    public var specifier: String?
    /// Declared, locked, installed or artifact.
    public var origin: Origin
    /// `PyPI` or `conda`.
    public var ecosystem: String
    /// File and line.
    public var location: FileLocation

    /// Creates an item.
    public init(name: String, version: String?, specifier: String?, origin: Origin, ecosystem: String, location: FileLocation) {
        self.name = name
        self.version = version
        self.specifier = specifier
        self.origin = origin
        self.ecosystem = ecosystem
        self.location = location
    }

    /// The item for a package observation: exact pins become versions, other specifiers stay
    /// specifiers, a bare name has neither.
    public init(_ p: PackageObservation) {
        var version: String?
        var specifier: String?
        switch p.requirement {
        case .version(let v): version = v.description
        case .arbitrary(let text): version = text
        case .specifier(let set):
            if let pin = set.exactPin { version = pin.description } else { specifier = p.requirementText }
        case .unconstrained: break
        }
        self.init(name: p.name.normalized, version: version, specifier: specifier, origin: p.origin,
                  ecosystem: p.ecosystem, location: p.location)
    }

    /// Orders by name, version, location.
    public static func < (a: InventoryItem, b: InventoryItem) -> Bool {
        if a.name != b.name { return a.name < b.name }
        if a.version != b.version { return (a.version ?? "") < (b.version ?? "") }
        if a.location != b.location { return a.location < b.location }
        if a.specifier != b.specifier { return (a.specifier ?? "") < (b.specifier ?? "") }
        return a.origin.rawValue < b.origin.rawValue
    }
}
