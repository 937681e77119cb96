import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusReporters

/// Captures what the CLI writes.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    var out: String { lock.lock(); defer { lock.unlock() }; return outText }
    var err: String { lock.lock(); defer { lock.unlock() }; return errText }

    func console(terminal: Bool = false, environment: [String: String] = [:]) -> Console {
        Console(out: { s in self.lock.lock(); self.outText += s; self.lock.unlock() },
                err: { s in self.lock.lock(); self.errText += s; self.lock.unlock() },
                stdoutIsTerminal: terminal, environment: environment)
    }
}

@Suite struct CLITests {
    private func run(_ args: [String], terminal: Bool = false, environment: [String: String] = [:]) -> (Int32, Captured) {
        let c = Captured()
        return (CLI.run(args, console: c.console(terminal: terminal, environment: environment)), c)
    }

    @Test(arguments: [
        (["scan", "--frobnicate"], "litmus: error: unknown option '--frobnicate' for 'litmus scan' (see 'litmus scan --help')"),
        (["scan", "--format", "yaml"], "litmus: error: --format takes text, json, sarif, junit, markdown, cyclonedx (comma-separated), not 'yaml' (see 'litmus scan --help')"),
        (["scan", "--fail-on", "severe"], "litmus: error: --fail-on must be critical, high, medium, low or none, not 'severe' (see 'litmus scan --help')"),
        (["scan", "--format"], "litmus: error: option '--format' needs a value (FORMAT) (see 'litmus scan --help')"),
        (["scan", "--quiet=yes"], "litmus: error: option '--quiet' takes no value (see 'litmus scan --help')"),
        (["scan", "--threads", "0"], "litmus: error: --threads takes a number from 1 to 256 (see 'litmus scan --help')"),
        (["frobnicate"], "litmus: error: unknown command 'frobnicate'; commands are scan, audit, fleet, advisories, version, help (see 'litmus --help')"),
        (["advisories", "extra"], "litmus: error: unexpected argument 'extra' (see 'litmus advisories --help')"),
        (["scan", "--advisories", "/nonexistent/osv"], "litmus: error: cannot read advisories at /nonexistent/osv: cannot access: No such file or directory"),
    ])
    func usageErrorsAreOneLineOnStderrWithExit2(args: [String], message: String) {
        let (code, c) = run(args)
        #expect(code == ExitCode.usage)
        #expect(c.err == message + "\n")
        #expect(c.out.isEmpty)
    }

    @Test func escapeSequencesInArgumentsAreNotEchoedRaw() {
        let (code, c) = run(["scan", "--\u{1b}[2J"])
        #expect(code == ExitCode.usage)
        #expect(!c.err.contains("\u{1b}"))
    }

    @Test func everyCommandHasHelp() {
        for args in [["--help"], ["help"], ["scan", "--help"], ["scan", "-h"], ["advisories", "--help"], ["version", "--help"], ["help", "scan"]] {
            let (code, c) = run(args)
            #expect(code == ExitCode.clean, "\(args)")
            #expect(c.out.contains("Usage:"), "\(args)")
        }
        let (_, scanHelp) = run(["scan", "--help"])
        for option in ScanCommand.options { #expect(scanHelp.out.contains(option.long)) }
    }

    @Test func jsonGoesToStdoutAsExactlyOneDocument() throws {
        let (code, c) = run(["scan", "--format", "json", Fixtures.path("requirements/spellings"), Fixtures.path("dist-info/pip-venv/compromised")])
        #expect(code == ExitCode.findings)
        #expect(c.err.isEmpty)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        #expect(doc["schema_version"] as? String == JSONReporter.schemaVersion)
        #expect((doc["tool"] as? [String: Any])?["name"] as? String == "litmus")
        #expect((doc["advisory_data"] as? [String: Any])?["version"] as? String == "2026-12-02")
        #expect(doc["exit_code"] as? Int == 1)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.count == 11)
        let first = try #require(findings.first)
        for key in ["id", "kind", "severity", "package", "version", "specifier", "path", "line", "advisory", "evidence", "remediation"] {
            #expect(first.keys.contains(key), "finding lacks \(key)")
        }
        #expect((first["advisory"] as? [String: Any])?["aliases"] as? [String] == ["PYSEC-2026-2", "GHSA-5mg7-485q-xm76", "GHSA-92x9-889m-jgmw"])
        #expect(((doc["summary"] as? [String: Any])?["by_severity"] as? [String: Int])?["critical"] == 11)
    }

    @Test func failOnThresholdDecidesTheExitCode() {
        let admits = Fixtures.path("requirements/ranges/requirements-admits.txt")
        #expect(run(["scan", "-q", admits]).0 == ExitCode.clean)
        #expect(run(["scan", "-q", "--fail-on", "low", admits]).0 == ExitCode.findings)
        #expect(run(["scan", "-q", "--fail-on=none", Fixtures.path("requirements/spellings")]).0 == ExitCode.clean)
        #expect(run(["scan", "-q", "--fail-on", "critical", Fixtures.path("requirements/spellings")]).0 == ExitCode.findings)
    }

    @Test func incompleteScanExitsThreeAndFindingsWin() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==\n", to: dir + "/requirements.txt")
        let (code, c) = run(["scan", dir])
        #expect(code == ExitCode.incomplete)
        #expect(c.out.contains("requirements.txt:1: [requirements]"))
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/sub/requirements.txt")
        #expect(run(["scan", dir]).0 == ExitCode.findings)
    }

    @Test func quietCleanScanPrintsNothingAndOutputFileReceivesTheReport() throws {
        let (code, c) = run(["scan", "-q", Fixtures.path("requirements/lookalikes")])
        #expect(code == ExitCode.clean)
        #expect(c.out.isEmpty && c.err.isEmpty)
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let (code2, c2) = run(["scan", "--format=json", "-o", dir + "/r.json", Fixtures.path("dist-info/uv-venv/compromised")])
        #expect(code2 == ExitCode.findings)
        #expect(c2.out.isEmpty)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/r.json"))) as? [String: Any]
        #expect((doc?["findings"] as? [Any])?.count == 1)
        let (code3, c3) = run(["scan", "-o", "/nonexistent-dir/r.txt", Fixtures.path("requirements/lookalikes")])
        #expect(code3 == ExitCode.usage)
        #expect(c3.err.hasPrefix("litmus: error: cannot write report to /nonexistent-dir/r.txt"))
    }

    @Test func colourOnlyOnATerminalAndNeverWithNoColor() {
        let target = Fixtures.path("requirements/pip-freeze/compromised")
        #expect(run(["scan", target], terminal: true).1.out.contains("\u{1b}[1;31m"))
        #expect(!run(["scan", target], terminal: false).1.out.contains("\u{1b}["))
        #expect(!run(["scan", target], terminal: true, environment: ["NO_COLOR": "1"]).1.out.contains("\u{1b}["))
        #expect(!run(["scan", "--no-color", target], terminal: true).1.out.contains("\u{1b}["))
    }

    @Test func textReportGroupsByFileAndTellsWhatToDo() {
        let (_, c) = run(["scan", Fixtures.path("dist-info/pip-venv/compromised")])
        #expect(c.out.contains("ioc-file"))
        #expect(c.out.contains("What to do"))
        #expect(c.out.contains("rotate"))
        #expect(c.out.contains("Do not start Python from this environment"))
        #expect(c.out.contains("exit 1 (findings at or above high)"))
    }

    @Test func advisoriesAndVersionCommands() throws {
        let (code, c) = run(["advisories"])
        #expect(code == ExitCode.clean)
        for text in ["MAL-2026-2144", "GHSA-92x9-889m-jgmw", "PyPI/litellm 1.82.7, 1.82.8", "litellm_init.pth", "MAL-2026-2254"] {
            #expect(c.out.contains(text), "\(text)")
        }
        let (_, json) = run(["advisories", "--format", "json"])
        let list = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [[String: Any]])
        #expect(list.compactMap { $0["id"] as? String } == ["GHSA-69fq-xp46-6x23", "MAL-2026-2144", "MAL-2026-2254", "x_TEAMPCP-CHECKMARX-2026-03"])
        let (vcode, v) = run(["version"])
        #expect(vcode == ExitCode.clean)
        #expect(v.out == "litmus 0.1.0 (advisory data 2026-12-02, 4 advisories)\n")
    }

    @Test func userAdvisoriesAreLoadedFromADirectory() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write(#"{"id": "x_DEMO-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "six"}, "versions": ["1.17.0"]}]}"#, to: dir + "/osv/six.json")
        try Fixtures.write("six==1.17.0\n", to: dir + "/proj/requirements.txt")
        let (code, c) = run(["scan", "--advisories", dir + "/osv", dir + "/proj"])
        #expect(code == ExitCode.findings)
        #expect(c.out.contains("x_DEMO-1"))
        try Fixtures.write("{broken", to: dir + "/osv/bad.json")
        let (code2, c2) = run(["scan", "--advisories", dir + "/osv", dir + "/proj"])
        #expect(code2 == ExitCode.usage)
        #expect(c2.err.contains("bad.json"))
    }
}

/// Runs the built `litmus` executable itself.
@Suite struct BinaryTests {
    static var binary: String? {
        let candidates = [ProcessInfo.processInfo.environment["LITMUS_BIN"], Fixtures.repo(".build/debug/litmus")].compactMap { $0 }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func launch(_ path: String, _ args: [String], cwd: String) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        p.environment = ["PATH": "/nonexistent"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func binaryCopiedAloneIntoAnEmptyDirectoryStillKnowsTheAdvisories() throws {
        let built = try #require(Self.binary, "build litmus first (swift build) or set LITMUS_BIN")
        let dir = try Fixtures.temporaryDirectory("litmus-alone")
        defer { Fixtures.cleanUp(dir) }
        try FileManager.default.copyItem(atPath: built, toPath: dir + "/litmus")
        let (code, out) = try launch(dir + "/litmus", ["advisories"], cwd: dir)
        #expect(code == 0)
        #expect(out.contains("MAL-2026-2144"))
        #expect(out.contains("GHSA-5mg7-485q-xm76"))
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/requirements.txt")
        let (scanCode, scanOut) = try launch(dir + "/litmus", ["scan", "--format", "json"], cwd: dir)
        #expect(scanCode == 1)
        #expect(scanOut.contains("\"compromised-version\""))
    }
}

@Suite struct RepositoryConfigTests {
    @Test func scanningThisRepositoryIgnoresItsInertFixturesWithAReason() throws {
        let c = Captured()
        let code = CLI.run(["scan", Fixtures.root.path, "--format", "json"], console: c.console())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any])
        let ignored = try #require(doc["ignored"] as? [[String: Any]])
        #expect(ignored.count > 50)
        #expect(ignored.allSatisfy { ($0["reason"] as? String)?.hasPrefix("inert test") == true })
        #expect((doc["findings"] as? [Any])?.isEmpty == true, "only fixtures and vectors hold compromised pins")
        #expect(code == ExitCode.clean || code == ExitCode.incomplete)
    }
}
