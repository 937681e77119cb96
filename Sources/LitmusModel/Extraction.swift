/// What an extractor found in one entry.
public struct Extraction: Sendable {
    /// Packages and indicator files seen.
    public var observations: [Observation] = []
    /// Errors and warnings (unreadable or unparsable parts).
    public var issues: [ScanIssue] = []
    /// Files read to produce this (the entry itself, includes, METADATA), for the report's counts.
    public var filesRead: [String] = []
    /// Python environments and caches recognised (for the coverage summary).
    public var environments: [EnvironmentRecord] = []

    /// An empty extraction.
    public init() {}

    /// Appends a package observation.
    public mutating func add(_ observation: PackageObservation) { observations.append(.package(observation)) }

    /// Appends another extraction's content.
    public mutating func merge(_ other: Extraction) {
        observations += other.observations
        issues += other.issues
        filesRead += other.filesRead
        environments += other.environments
    }
}

/// Size limits for what extractors read; larger files are errors, never partial reads.
public enum ReadLimits {
    /// Manifests and lockfiles (parsed whole): 3.7x the largest public uv.lock found (apache/airflow,
    /// 3.3 MB) and 16x the largest poetry.lock, and low enough that a lockfile at the limit stays
    /// under 128 MB of peak RSS (a 12 MiB poetry.lock of 98,000 file entries: about 100 MB).
    public static let manifest = 12 << 20
    /// Requirements files: streamed in bounded memory, so this bounds time, not memory.
    public static let requirements: UInt64 = 512 << 20
    /// `METADATA` / `PKG-INFO`.
    public static let metadata = 32 << 20
    /// Files hashed for indicators.
    public static let hashed: UInt64 = 512 << 20
}
