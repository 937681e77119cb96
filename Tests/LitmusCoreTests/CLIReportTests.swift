import Foundation
import Testing
@testable import LitmusCore

/// The CLI end to end: formats, destinations, the ignore file and exit codes.
@Suite(.serialized) struct CLIReportTests {
    final class Captured: @unchecked Sendable {
        private let lock = NSLock()
        private var outText = ""
        private var errText = ""
        func out(_ s: String) { lock.lock(); outText += s; lock.unlock() }
        func err(_ s: String) { lock.lock(); errText += s; lock.unlock() }
        var stdout: String { lock.lock(); defer { lock.unlock() }; return outText }
        var stderr: String { lock.lock(); defer { lock.unlock() }; return errText }
    }

    private func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let captured = Captured()
        let console = Console(out: { captured.out($0) }, err: { captured.err($0) }, stdoutIsTerminal: false, environment: [:])
        let code = CLI.run(args, console: console)
        return (code, captured.stdout, captured.stderr)
    }

    private func tempDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "litmus-cli-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func jsonOnStdoutIsOneDocument() throws {
        let dir = try tempDirectory()
        try "[[ignore]]\nid = \"MAL-2026-2144\"\nreason = \"r\"\nexpires = 2020-01-01\n".write(toFile: dir + "/.litmus.toml", atomically: true, encoding: .utf8)
        try "litellm==1.82.8\n".write(toFile: dir + "/requirements.txt", atomically: true, encoding: .utf8)
        let result = run(["scan", dir, "--format", "json"])
        #expect(result.code == ExitCode.findings)
        let doc = try ReportFixtures.json(result.out)
        #expect((doc["warnings"] as? [Any])?.count == 1)
        #expect(result.err.contains("litmus: warning: \(dir)/.litmus.toml:1: ignore entry for MAL-2026-2144 expired on 2020-01-01"))
    }

    @Test func severalFormatsGoToTheOutputDirectory() throws {
        let fixture = try ReportFixtures.path("requirements/pip-freeze/compromised")
        let out = try tempDirectory() + "/reports"
        let result = run(["scan", fixture, "--format", "json,sarif,junit,markdown,text", "--output-dir", out])
        #expect(result.code == ExitCode.findings && result.out.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["litmus.json", "litmus.junit.xml", "litmus.md", "litmus.sarif", "litmus.txt"])
    }

    @Test func ignoredFindingsDoNotFailTheBuild() throws {
        let dir = try tempDirectory()
        try "litellm==1.82.8\n".write(toFile: dir + "/requirements.txt", atomically: true, encoding: .utf8)
        let config = dir + "/ignore.toml"
        try "[[ignore]]\nid = \"MAL-2026-2144\"\npath = \"requirements.txt\"\nreason = \"quarantined sample\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = run(["scan", dir, "--config", config, "--format", "sarif"])
        #expect(result.code == ExitCode.clean)
        #expect(result.out.contains("\"justification\" : \"quarantined sample\""))
    }

    @Test(arguments: [
        (["scan", "--format", "json,sarif"], "several formats need --output-dir DIR"),
        (["scan", "--format", "json", "--output", "a", "--output-dir", "b"], "--output and --output-dir cannot be combined"),
        (["scan", "--format", "xml"], "--format takes text, json, sarif, junit, markdown (comma-separated), not 'xml'"),
        (["scan", "--config", "/nonexistent/litmus.toml"], "cannot read config /nonexistent/litmus.toml"),
    ])
    func usageAndConfigErrorsExitTwo(args: [String], message: String) {
        let result = run(args)
        #expect(result.code == ExitCode.usage)
        #expect(result.err.contains(message), "\(result.err)")
    }

    @Test func configErrorNamesFileAndLine() throws {
        let dir = try tempDirectory()
        try "[[ignore]]\nid = \"MAL-2026-2144\"\n".write(toFile: dir + "/.litmus.toml", atomically: true, encoding: .utf8)
        let result = run(["scan", dir])
        #expect(result.code == ExitCode.usage)
        #expect(result.err == "litmus: error: \(dir)/.litmus.toml line 1: [[ignore]] entry needs 'reason'\n")
    }
}
