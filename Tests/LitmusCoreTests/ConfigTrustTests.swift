import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore

/// The audited tree never configures its own audit; `--no-config`; every report format names
/// each ignored finding with the `[[ignore]]` entry (file and line) and its reason.
@Suite struct ConfigTrustTests {
    private func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = CLI.run(args, console: c.console())
        return (code, c.out, c.err)
    }

    @Test func auditIgnoresAPlantedConfigInItsRoot() throws {
        let root = Fixtures.path("audit/planted-config/compromised")
        #expect(Fixtures.exists(root + "/.litmus.toml"))
        let result = run(["audit", "--root", root, "--format", "json"])
        #expect(result.code == ExitCode.findings, "a planted .litmus.toml must not silence the audit")
        let doc = try Fixtures.json(result.out)
        #expect((doc["ignored"] as? [Any])?.isEmpty == true)
        #expect((doc["findings"] as? [Any])?.isEmpty == false)
    }

    @Test func auditUsesAConfigOnlyWhenNamed() throws {
        let root = Fixtures.path("audit/planted-config/compromised")
        let result = run(["audit", "--root", root, "--config", root + "/.litmus.toml", "--format", "json"])
        #expect(result.code == ExitCode.clean)
        let doc = try Fixtures.json(result.out)
        let ignored = try #require((doc["ignored"] as? [[String: Any]])?.first)
        #expect((ignored["ignore_rule"] as? [String: Any])?["line"] as? Int == 2)
    }

    @Test func noConfigSkipsTheRootConfigForScan() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/requirements.txt")
        try Fixtures.write("[[ignore]]\nid = \"MAL-2026-2144\"\nreason = \"planted\"\n", to: dir + "/.litmus.toml")
        #expect(run(["scan", dir]).code == ExitCode.clean, "scan keeps the repository's own ignore file by convention")
        #expect(run(["scan", dir, "--no-config"]).code == ExitCode.findings)
        #expect(run(["audit", "--root", dir, "--no-config"]).code == ExitCode.findings)
        let both = run(["scan", dir, "--no-config", "--config", dir + "/.litmus.toml"])
        #expect(both.code == ExitCode.usage && both.err.contains("--config and --no-config cannot be combined"))
    }

    @Test(arguments: ["text", "json", "sarif", "junit", "markdown"])
    func everyFormatListsEachIgnoredFindingWithItsRuleAndReason(format: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\ntelnyx==4.87.2\n", to: dir + "/requirements.txt")
        try Fixtures.write("""
            # two entries, two reasons
            [[ignore]]
            id = "MAL-2026-2144"
            reason = "litellm sample kept for the IR ticket"

            [[ignore]]
            id = "MAL-2026-2254"
            reason = "telnyx sample kept for the IR ticket"

            """, to: dir + "/ignore.toml")
        let result = run(["scan", dir, "--config", dir + "/ignore.toml", "--format", format])
        #expect(result.code == ExitCode.clean)
        for reason in ["litellm sample kept for the IR ticket", "telnyx sample kept for the IR ticket"] {
            #expect(result.out.contains(reason), "\(format) lacks \(reason)")
        }
        switch format {
        case "json":
            let doc = try Fixtures.json(result.out)
            let lines = (doc["ignored"] as? [[String: Any]] ?? []).compactMap { ($0["ignore_rule"] as? [String: Any])?["line"] as? Int }
            #expect(lines.sorted() == [2, 6])
        default:
            #expect(result.out.contains("ignore.toml:2") && result.out.contains("ignore.toml:6"), "\(format): \(result.out)")
        }
    }
}
