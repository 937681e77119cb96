/// The member list of a zip archive (a wheel, an egg, a cached wheel), read from its central
/// directory without extracting anything; the rules decide which member names are indicators.
public struct ArchiveObservation: Sendable {
    /// One member: its path inside the archive and its uncompressed size.
    public struct Member: Sendable {
        /// Path inside the archive (`litellm_init.pth`, `litellm/proxy/proxy_server.py`).
        public var name: String
        /// Uncompressed size in bytes, as the directory states it.
        public var size: UInt64

        /// Creates a member.
        public init(name: String, size: UInt64) {
            self.name = name
            self.size = size
        }
    }

    /// The archive file.
    public var location: FileLocation
    /// Its members, in directory order.
    public var members: [Member]

    /// Creates the observation.
    public init(location: FileLocation, members: [Member]) {
        self.location = location
        self.members = members
    }
}
