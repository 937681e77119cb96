import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusFormats
@testable import LitmusHostChecks
@testable import LitmusModel
@testable import LitmusRules
@testable import LitmusSystem
@testable import LitmusWalk

/// Start-up files are hashed against every indicator hash under any name. The published payload
/// cannot be in the repository, so a test-only advisory names an inert stand-in's SHA-256.
@Suite struct StartupFileHashTests {
    static let sp = "env/lib/python3.11/site-packages"
    static let standIn = "# inert stand-in for a published payload\n"

    /// A test advisory whose `litellm_init.pth` indicator has the stand-in's SHA-256.
    static func database() throws -> AdvisoryDatabase {
        let sha = Hex.encode(SHA256.hash(Array(standIn.utf8)))
        let json = #"{"id": "x_TEST-HASH", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "litellm"}, "versions": ["9.9.9"]}], "database_specific": {"litmus": {"indicators": {"files": [{"name": "litellm_init.pth", "sha256": "\#(sha)", "report_always": false}]}}}}"#
        return AdvisoryDatabase(try OSVDecoder.decode(Array(json.utf8), source: "test"))
    }

    private func findings(_ files: [String: String]) throws -> [Finding] {
        let db = try Self.database()
        let host = HostContext(database: db, files: InMemoryFiles(text: files))
        let e = StartupHooks().check(FileEntry(path: Self.sp, name: "site-packages", parentName: "python3.11", kind: .directory), in: host)
        return e.observations.flatMap(Matcher(database: db).findings(for:))
    }

    @Test func theStandInUnderAnInnocentPthNameIsAKnownBadHash() throws {
        let found = try findings([
            "\(Self.sp)/zzz_helper.pth": Self.standIn,
            "\(Self.sp)/other.pth": "# a different comment\n",
        ])
        #expect(found.map { "\($0.kind.rawValue) \(Paths.baseName($0.location.path))" } == ["known-bad-hash zzz_helper.pth"],
                "a comment-only .pth runs nothing, but its bytes are the payload's")
        #expect(found.first?.advisoryID == "x_TEST-HASH")
        #expect(found.first?.evidence.contains("under another name") == true)
    }

    @Test func everySitecustomizeFormIsHashedToo() throws {
        let found = try findings([
            "\(Self.sp)/sitecustomize/__init__.py": Self.standIn,
            "\(Self.sp)/usercustomize.py": Self.standIn,
        ])
        #expect(found.filter { $0.kind == .knownBadHash }.map { Paths.baseName($0.location.path) }.sorted() == ["__init__.py", "usercustomize.py"])
    }

    @Test func oneByteDifferentIsNoHashFinding() throws {
        let found = try findings(["\(Self.sp)/zzz_helper.pth": Self.standIn + " "])
        #expect(found.isEmpty)
    }

    @Test func anAuditReportsTheRenamedPayloadOnceAndTheNamedOneOnce() throws {
        let root = try Fixtures.temporaryDirectory("litmus-hash-root")
        defer { Fixtures.cleanUp(root) }
        let sp = root + "/opt/venv/lib/python3.11/site-packages"
        try FileManager.default.createDirectory(atPath: sp, withIntermediateDirectories: true)
        try Self.standIn.write(toFile: sp + "/zzz_helper.pth", atomically: true, encoding: .utf8)
        try Self.standIn.write(toFile: sp + "/litellm_init.pth", atomically: true, encoding: .utf8)
        let report = Scanner.audit(database: try Self.database(), root: root).scan([root])
        let hashes = report.findings.filter { $0.advisoryID == "x_TEST-HASH" }.map { "\($0.kind.rawValue) \(Paths.baseName($0.location.path))" }.sorted()
        #expect(hashes == ["known-bad-hash litellm_init.pth", "known-bad-hash zzz_helper.pth"],
                "the indicator's own name is matched by the indicator check, the renamed copy by the start-up hash rule; neither twice")
    }
}
