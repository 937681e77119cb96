import LitmusAdvisories
import LitmusWalk

/// What a host check is given besides its entry: the advisories, the only reader of file
/// contents, and the root of the filesystem under audit.
public struct HostContext: Sendable {
    /// The advisories being matched.
    public let database: AdvisoryDatabase
    /// The reader; host checks never open files any other way.
    public let files: any FileReading
    /// The audited filesystem's root (`/`, or a mounted image); host-level records such as
    /// `ROOT/var/lib/dpkg` live under it.
    public let root: String

    /// Creates a context.
    public init(database: AdvisoryDatabase, files: any FileReading, root: String = "/") {
        self.database = database
        self.files = files
        self.root = root
    }
}
