import Foundation
import Testing
@testable import LitmusCore

/// Locates the repository's `fixtures/` from `#filePath` (never the working directory) and runs
/// the real scan pipeline on fixture directories. A missing fixture throws, so tests fail.
enum FixturePaths {
    struct Missing: Error, CustomStringConvertible {
        let url: URL
        var description: String { "fixture not found: \(url.path)" }
    }

    /// `fixtures/<relative>` under the package root.
    static func url(_ relative: String) -> URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("fixtures", isDirectory: true)
            .appendingPathComponent(relative)
            .standardizedFileURL
    }

    /// The fixture's path, or a thrown ``Missing``.
    static func existing(_ relative: String) throws -> String {
        let url = url(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw Missing(url: url) }
        return url.path
    }

    /// The report of a full scan of `fixtures/<relative>` with the embedded advisories.
    static func scan(_ relative: String) throws -> ScanReport {
        let path = try existing(relative)
        return Scanner(database: try AdvisoryDatabase.embedded()).scan([path])
    }

    /// Findings as `kind package version-or-specifier basename:line`, in report order.
    static func summary(_ report: ScanReport) -> [String] {
        report.findings.map { f in
            "\(f.kind.rawValue) \(f.package ?? "-") \(f.version ?? f.specifier ?? "-") \(Paths.baseName(f.location.path)):\(f.location.line.map(String.init) ?? "-")"
        }
    }

    /// Errors of a report, as `path:line message`.
    static func errors(_ report: ScanReport) -> [String] {
        report.issues.filter { $0.level == .error }.map { "\($0.location.display) \($0.message)" }
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
