import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusRules
@testable import LitmusSystem
@testable import LitmusWalk

/// The one fixture locator: every test finds repository files through it, from this source
/// file's location (never the working directory), and a fixture that is not there fails the
/// test that asked for it — so a clean-twin test cannot pass because its fixture is gone.
enum Fixtures {
    /// The repository root.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A fixture that is not in the repository.
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture not found: \(path)" }
    }

    /// `fixtures/<relative>` as an absolute path. A missing fixture records a test failure at
    /// the caller (the path is still returned, so the test goes on and reports everything else).
    static func path(_ relative: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let path = unchecked(relative)
        if !FileManager.default.fileExists(atPath: path) {
            Issue.record("fixture not found: fixtures/\(relative) (\(path))", sourceLocation: sourceLocation)
        }
        return path
    }

    /// `fixtures/<relative>` as an absolute path, or a thrown ``Missing`` (which fails the test).
    static func existing(_ relative: String) throws -> String {
        let path = unchecked(relative)
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return path
    }

    /// `fixtures/<relative>` spelled relative to the repository root (as a CI run from the root
    /// would name it), after checking that it exists.
    static func relative(_ relative: String) throws -> String {
        _ = try existing(relative)
        return "fixtures/" + relative
    }

    private static func unchecked(_ relative: String) -> String {
        root.appendingPathComponent("fixtures").appendingPathComponent(relative).standardizedFileURL.path
    }

    /// A path under the repository root that need not exist (a built binary, a vector file the
    /// caller checks itself); not for fixtures.
    static func repo(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// Whether a path exists.
    static func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// The report of a full scan of `fixtures/<relative>` with the embedded advisories.
    static func scan(fixture relative: String) throws -> ScanReport {
        Scanner(database: try database()).scan([try existing(relative)])
    }

    /// A scan of fixtures named relative to the repository root (`fixtures/<relative>`), as a
    /// CI run from the root would see them; `inventory` keeps the package inventory.
    static func scanFromRoot(_ relatives: [String], inventory: Bool = false) throws -> ScanReport {
        let paths = try relatives.map(relative)
        // Every caller sets the same directory and none restores it, so concurrent suites
        // cannot see each other's working directory; other tests use absolute paths.
        FileManager.default.changeCurrentDirectoryPath(root.path)
        var scanner = Scanner(database: try database())
        scanner.collectsInventory = inventory
        return scanner.scan(paths)
    }

    /// Findings as `kind package version-or-specifier basename:line`, in report order.
    static func summary(_ report: ScanReport) -> [String] { report.summaries }

    /// Errors of a report, as `path:line message`.
    static func errors(_ report: ScanReport) -> [String] {
        report.issues.filter { $0.level == .error }.map { "\($0.location.display) \($0.message)" }
    }

    /// Parses rendered JSON into a dictionary.
    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

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

/// Runs one extractor on in-memory text.
enum InMemory {
    static func extract(_ extractor: any Extractor, _ name: String, _ text: String) -> Extraction {
        let path = "proj/" + name
        return extractor.extract(FileEntry(path: path, name: name, parentName: "proj", kind: .file),
                                 files: InMemoryFiles(text: [path: text]))
    }

    /// Package observations as `name requirement line`.
    static func packages(_ e: Extraction) -> [String] {
        e.observations.compactMap { o -> String? in
            guard case .package(let p) = o else { return nil }
            let req: String
            switch p.requirement {
            case .version(let v): req = "=\(v)"
            case .specifier(let s): req = "\(s)"
            case .arbitrary(let t): req = "===\(t)"
            case .unconstrained: req = "*"
            }
            return "\(p.name.normalized) \(req) \(p.location.line.map(String.init) ?? "-")"
        }
    }

    /// The findings these observations give against the embedded advisories.
    static func findings(_ e: Extraction) throws -> [Finding] {
        let matcher = Matcher(database: try AdvisoryDatabase.embedded())
        return e.observations.flatMap(matcher.findings(for:))
    }

    static func errors(_ e: Extraction) -> [ScanIssue] { e.issues.filter { $0.level == .error } }
    static func warnings(_ e: Extraction) -> [ScanIssue] { e.issues.filter { $0.level == .warning } }
}
