import LitmusModel

/// The releases a package index listed for a package on one date, as recorded in an advisory
/// (`database_specific.litmus.published_releases`): what a resolver could pick instead of an
/// affected release.
public struct PublishedReleases: Sendable {
    /// The date the list was taken (`YYYY-MM-DD`).
    public var asOf: String
    /// The releases, parsed.
    public var versions: [Version]

    /// Creates a release list.
    public init(asOf: String, versions: [Version]) {
        self.asOf = asOf
        self.versions = versions
    }
}
