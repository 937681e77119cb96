import Foundation
@testable import LitmusCore

/// Locates repository files from this source file, never from the working directory.
enum Fixtures {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path under `fixtures/`; the test fails later if it is missing, because callers read it.
    static func path(_ relative: String) -> String { root.appendingPathComponent("fixtures").appendingPathComponent(relative).path }

    /// A path under the repository root.
    static func repo(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Whether a fixture path exists (tests assert this first so a missing fixture fails loudly).
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The embedded advisories.
    static func database() throws -> AdvisoryDatabase { try AdvisoryDatabase.embedded() }

    /// Scans paths with the standard extractors.
    static func scan(_ paths: [String], follow: Bool = false) throws -> ScanReport {
        Scanner(database: try database(), walkOptions: WalkOptions(followSymlinks: follow)).scan(paths)
    }

    /// A fresh temporary directory, removed by the caller with `cleanUp`.
    static func temporaryDirectory(_ name: String = "litmus-test") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.path
    }

    /// Writes text to a file, creating directories.
    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: Paths.parent(of: path), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    /// Removes a temporary tree (restoring permissions first so mode-000 test dirs go too).
    static func cleanUp(_ path: String) {
        if let e = FileManager.default.enumerator(atPath: path) {
            for case let sub as String in e { chmod(path + "/" + sub, 0o755) }
        }
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension ScanReport {
    /// Findings as "kind package version-or-specifier basename:line" strings, for compact assertions.
    var summaries: [String] {
        findings.map { f in
            "\(f.kind.rawValue) \(f.package ?? "-") \(f.version ?? f.specifier ?? "-") \(Paths.baseName(f.location.path)):\(f.location.line.map(String.init) ?? "-")"
        }
    }
}
