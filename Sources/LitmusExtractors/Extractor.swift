import LitmusModel
import LitmusWalk

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
