import Foundation
import Testing
@testable import LitmusCore

/// Runs the real scan pipeline on repository fixtures for the reporter tests.
enum ReportFixtures {
    struct Missing: Error, CustomStringConvertible {
        let path: String
        var description: String { "fixture not found: \(path)" }
    }

    /// The package root, found from `#filePath`.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `fixtures/<relative>` as an absolute path; a missing fixture is an error.
    static func path(_ relative: String) throws -> String {
        let path = packageRoot.appendingPathComponent("fixtures").appendingPathComponent(relative).path
        guard FileManager.default.fileExists(atPath: path) else { throw Missing(path: path) }
        return path
    }

    /// A scan of fixture paths, with paths relative to the package root as a CI run would see them.
    static func scan(_ relatives: [String]) throws -> ScanReport {
        for r in relatives { _ = try path(r) }
        // Every caller sets the same directory and none restores it, so concurrent suites
        // cannot see each other's working directory; other tests use absolute paths.
        FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
        return Scanner(database: try AdvisoryDatabase.embedded()).scan(relatives.map { "fixtures/" + $0 })
    }

    /// Parses rendered JSON into a dictionary.
    static func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }
}
