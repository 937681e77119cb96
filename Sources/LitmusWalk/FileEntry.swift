/// One entry the walker met, as extractors see it: enough to decide "is this mine?" from names
/// alone, without touching the disk.
public struct FileEntry: Sendable {
    /// The kind of entry.
    public enum Kind: Sendable, Equatable {
        case file, directory
        /// A fifo, socket or device: never opened; reported when an extractor claims its name.
        case special(String)
    }

    /// Full path (command-line root joined with the names below it).
    public var path: String
    /// Base name.
    public var name: String
    /// Base name of the directory holding it ("" for a root).
    public var parentName: String
    /// File, directory or special.
    public var kind: Kind
    /// Named on the command line (so requirements syntax applies whatever its name).
    public var explicit: Bool
    /// Size in bytes when known (0 otherwise).
    public var size: UInt64
    /// Reached through a symbolic link: read through it, and never quoted in a report (the
    /// link can point at any file on the host).
    public var isLink: Bool

    /// Creates an entry.
    public init(path: String, name: String, parentName: String, kind: Kind, explicit: Bool = false,
                isLink: Bool = false, size: UInt64 = 0) {
        self.isLink = isLink
        self.path = path
        self.name = name
        self.parentName = parentName
        self.kind = kind
        self.explicit = explicit
        self.size = size
    }
}
