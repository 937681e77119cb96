import Testing
@testable import LitmusAdvisories

/// Every real-tool fixture: the compromised twin yields exactly the expected findings (with
/// lines), the clean twin yields none and no errors.
@Suite struct FixtureScanTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var fixture: String
        var expected: [String]
        var testDescription: String { fixture }
    }

    static let compromised: [Case] = [
        Case(fixture: "requirements/pip-compile-hashes", expected: [
            "compromised-version litellm 1.82.8 requirements.in:1", "compromised-version litellm 1.82.8 requirements.txt:788"]),
        Case(fixture: "requirements/pip-freeze", expected: ["compromised-version litellm 1.82.7 requirements.txt:1"]),
        Case(fixture: "requirements/uv-pip-compile", expected: [
            "compromised-version litellm 1.82.8 requirements.in:1", "compromised-version litellm 1.82.8 requirements.txt:79"]),
        Case(fixture: "requirements/includes", expected: [
            "compromised-version litellm 1.82.8 base.txt:2", "compromised-version litellm 1.82.8 constraints.txt:2"]),
        Case(fixture: "dist-info/pip-venv", expected: [
            "compromised-version litellm 1.82.8 METADATA:3", "ioc-file litellm 1.82.8 litellm_init.pth:-"]),
        Case(fixture: "dist-info/uv-venv", expected: ["compromised-version litellm 1.82.7 METADATA:3"]),
        Case(fixture: "dist-info/debian-dist-packages", expected: ["compromised-version litellm 1.82.8 METADATA:3"]),
        Case(fixture: "dist-info/egg-info", expected: [
            "compromised-version litellm 1.82.8 PKG-INFO:3", "compromised-version litellm 1.82.8 litellm-1.82.8-py3.11.egg-info:3"]),
        Case(fixture: "dist-info/mismatch", expected: ["compromised-version litellm 1.82.8 METADATA:3"]),
    ]

    @Test(arguments: compromised)
    func compromisedTwinIsFoundAtTheExpectedLines(c: Case) throws {
        let dir = Fixtures.path(c.fixture + "/compromised")
        #expect(Fixtures.exists(dir), "missing fixture \(dir)")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries.sorted() == c.expected.sorted())
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.exitCode(failOn: .high) == ExitCode.findings)
    }

    @Test(arguments: compromised)
    func cleanTwinIsClean(c: Case) throws {
        let dir = Fixtures.path(c.fixture + "/clean")
        #expect(Fixtures.exists(dir), "missing fixture \(dir)")
        let report = try Fixtures.scan([dir])
        #expect(report.findings.isEmpty, "\(report.summaries)")
        #expect(report.errors.isEmpty, "\(report.errors)")
        #expect(report.exitCode(failOn: .low) == ExitCode.clean)
    }

    @Test func spellingsThatMustFlagAllFlagAtTheirLines() throws {
        let report = try Fixtures.scan([Fixtures.path("requirements/spellings")])
        #expect(report.findings.compactMap(\.location.line) == [2, 3, 4, 5, 6, 7, 8, 9, 11])
        #expect(report.findings.allSatisfy { $0.kind == .compromisedVersion && $0.severity == .critical })
    }

    @Test func lookAlikeRequirementsAndInstallsNeverFlag() throws {
        let report = try Fixtures.scan([Fixtures.path("requirements/lookalikes"), Fixtures.path("dist-info/lookalikes")])
        #expect(report.findings.isEmpty, "\(report.summaries)")
        #expect(report.stats.observations >= 7)
    }

    @Test func rangeFixturesAdmitAndExclude() throws {
        let admits = try Fixtures.scan([Fixtures.path("requirements/ranges/requirements-admits.txt")])
        #expect(admits.findings.map(\.kind) == Array(repeating: .rangeAdmits, count: 4))
        #expect(admits.findings.allSatisfy { $0.severity == .low })
        #expect(admits.exitCode(failOn: .high) == ExitCode.clean)
        #expect(admits.exitCode(failOn: .low) == ExitCode.findings)
        let excludes = try Fixtures.scan([Fixtures.path("requirements/ranges/requirements-excludes.txt")])
        #expect(excludes.findings.isEmpty, "\(excludes.summaries)")
    }

    @Test func mismatchReportsBothTheMetadataAndTheDisagreement() throws {
        let report = try Fixtures.scan([Fixtures.path("dist-info/mismatch/compromised")])
        let finding = try #require(report.findings.first)
        #expect(finding.evidence.contains("folder name says 1.82.6, metadata says 1.82.8"))
    }
}
