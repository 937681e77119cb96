import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusModel

@Suite(.serialized) struct IgnoreConfigTests {
    private func parse(_ text: String) throws(ConfigError) -> IgnoreConfig {
        try IgnoreConfig.parse(Array(text.utf8), path: "proj/.litmus.toml")
    }

    private func apply(_ text: String, to fixtures: [String], today: String = "2026-11-23") throws -> ScanReport {
        let report = try Fixtures.scanFromRoot(fixtures)
        return try parse(text).apply(to: report, database: try AdvisoryDatabase.embedded(), today: today, workingDirectory: "/work/repo")
    }

    @Test func pathGlobRelativeToTheRootMatches() throws {
        let report = try apply("""
            [[ignore]]
            id = "MAL-2026-2144"
            path = "compromised/requirements.txt"
            reason = "fixture"
            """, to: ["requirements/pip-freeze", "requirements/spellings"])
        #expect(report.ignored.map(\.finding.location.path) == ["fixtures/requirements/pip-freeze/compromised/requirements.txt"])
        #expect(report.findings.count == 9)
        #expect(report.ignored.first?.reason == "fixture")
    }

    @Test func fullPathGlobMatchesAndMissKeepsFindings() throws {
        let hit = try apply("""
            [[ignore]]
            id = "pysec-2026-2"
            path = "fixtures/**/spellings/*.txt"
            reason = "alias, any case"
            """, to: ["requirements/spellings"])
        #expect(hit.findings.isEmpty && hit.ignored.count == 9)
        #expect(hit.exitCode(failOn: .low) == ExitCode.clean)
        let absolute = try apply("""
            [[ignore]]
            id = "MAL-2026-2144"
            path = "/work/repo/fixtures/requirements/spellings/requirements.txt"
            reason = "absolute"
            """, to: ["requirements/spellings"])
        #expect(absolute.ignored.count == 9)
        let miss = try apply("""
            [[ignore]]
            id = "MAL-2026-2144"
            path = "*.txt"
            reason = "only top-level files"
            """, to: ["requirements/pip-freeze"])
        #expect(miss.ignored.isEmpty && miss.findings.count == 1)
        #expect(miss.exitCode(failOn: .high) == ExitCode.findings)
    }

    @Test func expiredEntryStopsIgnoringAndWarns() throws {
        let report = try apply("""
            # comment line
            [[ignore]]
            id = "MAL-2026-2144"
            reason = "was fine until the end of 2025"
            expires = 2025-12-31
            """, to: ["requirements/pip-freeze/compromised"])
        #expect(report.ignored.isEmpty && report.findings.count == 1)
        let warning = try #require(report.warnings.first)
        #expect(warning.location == FileLocation(path: "proj/.litmus.toml", line: 2))
        #expect(warning.message == "ignore entry for MAL-2026-2144 expired on 2025-12-31; its findings count again")
        let stillValid = try apply("""
            [[ignore]]
            id = "MAL-2026-2144"
            reason = "last day"
            expires = 2026-11-23
            """, to: ["requirements/pip-freeze/compromised"])
        #expect(stillValid.ignored.count == 1 && stillValid.warnings.isEmpty)
    }

    @Test func unknownAdvisoryIdWarns() throws {
        let report = try apply("""
            [[ignore]]
            id = "MAL-2099-1"
            reason = "typo"
            """, to: ["requirements/pip-freeze/clean"])
        #expect(report.warnings.map(\.message) == ["ignore entry names MAL-2099-1, which no loaded advisory has as id or alias"])
    }

    @Test(arguments: [
        ("[[ignore]]\nid = \"MAL-2026-2144\"\n", "proj/.litmus.toml line 1: [[ignore]] entry needs 'reason'"),
        ("[[ignore]]\nid = \"MAL-2026-2144\"\nreason = \"  \"\n", "proj/.litmus.toml line 3: 'reason' must be a non-empty string"),
        ("[[ignore]]\nreason = \"r\"\n", "proj/.litmus.toml line 1: [[ignore]] entry needs 'id'"),
        ("\n[[ignore]]\nid = \"X\"\nreason = \"r\"\npath = \"req[abc.txt\"\n",
         "proj/.litmus.toml line 5: bad glob 'req[abc.txt': '[' at character 4 is never closed"),
        ("[[ignore]]\nid = \"X\"\nreason = \"r\"\nreasons = \"typo\"\n",
         "proj/.litmus.toml line 4: unknown key 'reasons' in [[ignore]] (allowed: expires, id, path, reason)"),
        ("ignores = []\n", "proj/.litmus.toml line 1: unknown key 'ignores' (only [[ignore]] entries are allowed)"),
        ("[[ignore]]\nid = \"X\"\nreason = \"r\"\nexpires = \"2026-01-01\"\n",
         "proj/.litmus.toml line 4: 'expires' must be a TOML date without quotes, e.g. expires = 2026-12-31"),
        ("ignore = \"x\"\n", "proj/.litmus.toml line 1: 'ignore' must be an array of tables: write [[ignore]] entries"),
        ("[[ignore]\n", "proj/.litmus.toml line 1: not valid TOML: "),
    ])
    func configErrors(text: String, message: String) {
        do {
            _ = try parse(text)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
        }
    }
}
