import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusReporters

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
        let doc = try Fixtures.json(result.out)
        #expect((doc["warnings"] as? [Any])?.count == 1)
        #expect(result.err.contains("litmus: warning: \(dir)/.litmus.toml:1: ignore entry for MAL-2026-2144 expired on 2020-01-01"))
    }

    @Test func severalFormatsGoToTheOutputDirectory() throws {
        let fixture = try Fixtures.existing("requirements/pip-freeze/compromised")
        let out = try tempDirectory() + "/reports"
        let result = run(["scan", fixture, "--format", "json,sarif,junit,markdown,text", "--output-dir", out])
        #expect(result.code == ExitCode.findings && result.out.isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["litmus.json", "litmus.junit.xml", "litmus.md", "litmus.sarif", "litmus.txt"])
        let all = try tempDirectory() + "/all"
        #expect(run(["scan", fixture, "--format", OutputFormat.allCases.map(\.rawValue).joined(separator: ","), "--output-dir", all]).code == ExitCode.findings)
        #expect(try FileManager.default.contentsOfDirectory(atPath: all).sorted() == OutputFormat.allCases.map(\.fileName).sorted())
    }

    @Test func excludePrunesTreesAndListsWhatItKeptOut() throws {
        let dir = try tempDirectory()
        let vendored = dir + "/tools/litmus/fixtures/requirements"
        try FileManager.default.createDirectory(atPath: vendored, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/data/big", withIntermediateDirectories: true)
        try "litellm==1.82.8\n".write(toFile: vendored + "/requirements.txt", atomically: true, encoding: .utf8)
        try "litellm==1.82.7\n".write(toFile: dir + "/data/big/requirements.txt", atomically: true, encoding: .utf8)
        try "litellm==1.82.6\n".write(toFile: dir + "/requirements.txt", atomically: true, encoding: .utf8)
        #expect(run(["scan", dir]).code == ExitCode.findings)
        let result = run(["scan", dir, "--exclude", "tools/litmus/**", "--exclude", "data", "--format", "json"])
        #expect(result.code == ExitCode.clean, "\(result.out)\(result.err)")
        let doc = try Fixtures.json(result.out)
        let exclude = try #require(doc["exclude"] as? [String: Any])
        #expect(exclude["paths"] as? [String] == [dir + "/data", dir + "/tools/litmus"])
        #expect(exclude["count"] as? Int == 2)
        #expect(exclude["patterns"] as? [String] == ["tools/litmus/**", "data"])
        // Pruned: only the root and tools/ are listed, never tools/litmus or data.
        #expect((doc["summary"] as? [String: Any])?["directories"] as? Int == 2)
        let text = run(["scan", dir, "--exclude", "tools/litmus/**", "--exclude", "data"])
        #expect(text.out.contains("2 paths excluded by --exclude"))
        #expect(run(["scan", dir, "--exclude", "[oops"]).code == ExitCode.usage)
    }

    @Test func ignoredFindingsDoNotFailTheBuild() throws {
        let dir = try tempDirectory()
        try "litellm==1.82.8\n".write(toFile: dir + "/requirements.txt", atomically: true, encoding: .utf8)
        let config = dir + "/ignore.toml"
        try "[[ignore]]\nid = \"MAL-2026-2144\"\npath = \"requirements.txt\"\nreason = \"quarantined sample\"\n".write(toFile: config, atomically: true, encoding: .utf8)
        let result = run(["scan", dir, "--config", config, "--format", "sarif"])
        #expect(result.code == ExitCode.clean)
        let sarifRun = try #require((try Fixtures.json(result.out)["runs"] as? [[String: Any]])?.first)
        #expect((sarifRun["results"] as? [Any])?.isEmpty == true, "an ignored finding is no open result by default")
        let listed = try #require((sarifRun["properties"] as? [String: Any])?["ignored"] as? [[String: Any]])
        #expect(listed.count == 1 && listed.first?["reason"] as? String == "quarantined sample")
        #expect(listed.first?["ignoreRule"] as? String == config + ":1")
        let included = run(["scan", dir, "--config", config, "--format", "sarif", "--sarif-include-ignored"])
        #expect(included.code == ExitCode.clean)
        #expect(included.out.contains("\"justification\" : \"quarantined sample (\(config):1)\""))
    }

    @Test(arguments: [
        (["scan", "--format", "json,sarif"], "several formats need --output-dir DIR"),
        (["scan", "--format", "json", "--output", "a", "--output-dir", "b"], "--output and --output-dir cannot be combined"),
        (["scan", "--format", "xml"], "--format takes text, json, sarif, junit, markdown, cyclonedx (comma-separated), not 'xml'"),
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
