import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore

/// `uv pip install --link-mode=symlink` (real uv 0.13.9, fixtures/audit/uv-symlink): every file
/// of the install, METADATA and `litellm_init.pth` included, is a link into uv's cache. Python
/// follows the links, so `scan` of the venv and `audit` of the host both report the live files.
@Suite struct SymlinkInstallTests {
    static let sitePackages = "home/dev/project/.venv/lib/python3.11/site-packages"

    private func json(_ args: [String]) throws -> (Int32, [String: Any]) {
        let c = Captured()
        let code = CLI.run(args + ["--format", "json"], console: c.console())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any], "stderr: \(c.err)")
        return (code, doc)
    }

    private func findings(_ doc: [String: Any], under root: String) -> [String] {
        (doc["findings"] as? [[String: Any]] ?? []).map { f in
            "\(f["kind"] as? String ?? "") \((f["path"] as? String ?? "").replacingOccurrences(of: root + "/", with: ""))"
        }.sorted()
    }

    @Test func theFixtureIsReallyLinked() throws {
        for twin in ["clean", "compromised"] {
            let sp = Fixtures.path("audit/uv-symlink/\(twin)/\(Self.sitePackages)")
            #expect(Fixtures.exists(sp), "missing fixture \(sp)")
            let version = twin == "clean" ? "1.82.6" : "1.82.8"
            let metadata = sp + "/litellm-\(version).dist-info/METADATA"
            #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: metadata))?.contains(".cache/uv/archive-v0/") == true)
        }
        let pth = Fixtures.path("audit/uv-symlink/compromised/\(Self.sitePackages)/litellm_init.pth")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: pth)) != nil)
    }

    @Test func scanOfTheVenvReportsTheLinkedInstall() throws {
        let root = Fixtures.path("audit/uv-symlink/compromised")
        let (code, doc) = try json(["scan", root + "/home/dev/project/.venv"])
        #expect(code == ExitCode.findings)
        #expect(findings(doc, under: root) == [
            "compromised-version \(Self.sitePackages)/litellm-1.82.8.dist-info/METADATA",
            "ioc-file \(Self.sitePackages)/litellm_init.pth",
        ])
        let (cleanCode, clean) = try json(["scan", Fixtures.path("audit/uv-symlink/clean/home/dev/project/.venv")])
        #expect(cleanCode == ExitCode.clean)
        #expect((clean["findings"] as? [Any])?.isEmpty == true)
    }

    @Test func auditReportsTheLiveFilesAndTheCacheCopy() throws {
        let root = Fixtures.path("audit/uv-symlink/compromised")
        let (code, doc) = try json(["audit", "--root", root])
        #expect(code == ExitCode.findings)
        let found = findings(doc, under: root)
        #expect(found.contains("compromised-version \(Self.sitePackages)/litellm-1.82.8.dist-info/METADATA"))
        #expect(found.contains("ioc-file \(Self.sitePackages)/litellm_init.pth"))
        #expect(found.contains { $0.hasPrefix("compromised-version home/dev/.cache/uv/archive-v0/") })
        #expect((doc["errors"] as? [Any])?.isEmpty == true, "\(doc["errors"] ?? "")")
        let (cleanCode, clean) = try json(["audit", "--root", Fixtures.path("audit/uv-symlink/clean")])
        #expect(cleanCode == ExitCode.clean, "\(clean["findings"] ?? "")")
    }

    @Test func linkedLockfileIsReadAndDanglingOneIsAnError() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write(String(decoding: try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("lockfiles/uv-lock/compromised/uv.lock"))), as: UTF8.self),
                           to: dir + "/shared/uv.lock")
        try FileManager.default.createDirectory(atPath: dir + "/app", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/app/uv.lock", withDestinationPath: "../shared/uv.lock")
        try FileManager.default.createSymbolicLink(atPath: dir + "/app/requirements.txt", withDestinationPath: "missing.txt")
        let report = try Fixtures.scan([dir + "/app"])
        #expect(report.summaries.contains { $0.hasPrefix("compromised-version litellm 1.82.8 uv.lock") }, "\(report.summaries)")
        #expect(report.errors.map(\.message) == ["symbolic link to nothing (dangling); not read"])
        #expect(report.errors.first?.location.path == dir + "/app/requirements.txt")
    }
}
