/// One install's RECORD disagreement in numbers: how many listed files are modified or
/// missing, how many files under the package's folders RECORD does not list, and the first
/// ``maxPaths`` of them (sorted by path), each with what is wrong.
///
/// Bounded whatever the install holds: ``add(_:path:detail:)`` keeps only the smallest
/// ``maxPaths`` paths, so a shrunk install of 100,000 files costs 20 samples and three counters.
public struct IntegrityCounts: Sendable, Hashable {
    /// One file that disagrees.
    public struct Sample: Sendable, Hashable {
        /// Modified, missing or unlisted.
        public var problem: IntegrityObservation.Problem
        /// The file's path.
        public var path: String
        /// What RECORD says and what the disk has (`RECORD sha256=…, file sha256=…`).
        public var detail: String
    }

    /// How many files are listed as samples.
    public static let maxPaths = 20

    /// Listed files whose digest or size differs.
    public var modified = 0
    /// Listed files that do not exist.
    public var missing = 0
    /// Files under the package's own folders that RECORD does not list.
    public var unlisted = 0
    /// The first ``maxPaths`` disagreeing files by path.
    public private(set) var samples: [Sample] = []

    /// Creates empty counts.
    public init() {}

    /// Creates counts with these values (samples beyond ``maxPaths`` are dropped).
    public init(modified: Int, missing: Int, unlisted: Int, samples: [Sample]) {
        self.modified = modified
        self.missing = missing
        self.unlisted = unlisted
        self.samples = Array(samples.sorted { $0.path < $1.path }.prefix(Self.maxPaths))
    }

    /// Every disagreeing file.
    public var total: Int { modified + missing + unlisted }

    /// Counts one file; keeps it as a sample when it is among the first ``maxPaths`` by path.
    public mutating func add(_ problem: IntegrityObservation.Problem, path: String, detail: @autoclosure () -> String) {
        switch problem {
        case .modified: modified += 1
        case .missing: missing += 1
        case .unlisted: unlisted += 1
        }
        if samples.count == Self.maxPaths, let last = samples.last, last.path <= path { return }
        let at = samples.firstIndex { path < $0.path } ?? samples.count
        samples.insert(Sample(problem: problem, path: path, detail: detail()), at: at)
        if samples.count > Self.maxPaths { samples.removeLast() }
    }
}
