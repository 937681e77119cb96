import LitmusAdvisories
import LitmusModel
import LitmusWalk

/// Examines a machine rather than one file: start-up hooks, install integrity, persistence and
/// indicator files, environment discovery.
///
/// Like an extractor, a host check answers "is this entry mine?" from names alone, so the one
/// walk serves both. Unlike an extractor it is built from the advisory database, may read
/// across directories (a site-packages' RECORDs, `ROOT/var/lib/dpkg`, a prefix's `conda-meta`)
/// through the reader in its ``HostContext``, and turns every file it needed but could not
/// read into a ``ScanIssue``: nothing the scanned system supplies is read with `try?`.
/// scalibr keeps these in `detector/`, apart from `extractor/`.
public protocol HostCheck: Sendable {
    /// Stable name used as the `stage` of issues (`site-packages`, `record`).
    var name: String { get }
    /// Creates the check for the advisories of `database`.
    init(database: AdvisoryDatabase)
    /// Whether the entry named `name` inside a directory named `parentName` is this check's.
    func claims(name: String, parentName: String, isDirectory: Bool) -> Bool
    /// Examines the entry and what it needs around it; returns observations, issues and environments.
    func check(_ entry: FileEntry, in host: HostContext) -> Extraction
}
