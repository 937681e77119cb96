/// Turns one file or directory into observations.
///
/// Every extractor answers two questions: "is this entry mine?" from its name alone (exact base
/// names or suffixes; tests cover near misses), and "what does it hold?". Extractors never walk
/// the filesystem; they read through the ``FileReading`` they are given, so each is tested
/// from strings. They never drop input silently: what they cannot read becomes a ``ScanIssue``.
public protocol Extractor: Sendable {
    /// Stable name used as the `stage` of issues (`requirements`, `dist-info`).
    var name: String { get }
    /// Whether the entry named `name` inside a directory named `parentName` is this extractor's.
    func claims(name: String, parentName: String, isDirectory: Bool) -> Bool
    /// Reads the entry and returns what it holds.
    func extract(_ entry: FileEntry, files: any FileReading) -> Extraction
}

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
    /// Manifests and lockfiles (parsed whole).
    public static let manifest = 16 << 20
    /// Requirements files: streamed in bounded memory, so this bounds time, not memory.
    public static let requirements: UInt64 = 512 << 20
    /// `METADATA` / `PKG-INFO`.
    public static let metadata = 32 << 20
    /// Files hashed for indicators.
    public static let hashed: UInt64 = 512 << 20
}

/// Text decoding shared by the text-format extractors.
enum TextDecoding {
    /// Decodes UTF-8 (dropping a BOM). Fails on NUL bytes, which mark binary content; invalid
    /// UTF-8 is decoded lossily with a warning, since package names and versions are ASCII.
    static func decode(_ bytes: [UInt8], path: String, stage: String) -> (String, [ScanIssue])? {
        if bytes.contains(0) { return nil }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let text = String(validating: body, as: UTF8.self) { return (text, []) }
        return (String(decoding: body, as: UTF8.self),
                [.warning(path, stage: stage, "file is not valid UTF-8; undecodable bytes were replaced")])
    }

    /// The error for binary content.
    static func binary(_ path: String, stage: String) -> ScanIssue {
        .error(path, stage: stage, "file holds binary data (NUL bytes), not text")
    }
}
