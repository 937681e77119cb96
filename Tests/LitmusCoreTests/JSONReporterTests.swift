import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusModel
@testable import LitmusReporters

@Suite(.serialized) struct JSONReporterTests {
    @Test func compromisedRequirementsReport() throws {
        let report = try Fixtures.scanFromRoot(["requirements/spellings"])
        let doc = try Fixtures.json(JSONReporter().render(report, context: ReportContext()))
        #expect(doc["schema_version"] as? String == "1.4.0")
        #expect(doc["machine_id"] is NSNull)
        #expect((doc["exclude"] as? [String: Any])?["count"] as? Int == 0)
        #expect(doc["exit_code"] as? Int == 1)
        #expect(doc["command"] as? String == "scan")
        #expect((doc["environments"] as? [Any])?.isEmpty == true)
        #expect((doc["ignored"] as? [Any])?.isEmpty == true)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.count == 9)
        #expect(findings.compactMap { $0["line"] as? Int } == [2, 3, 4, 5, 6, 7, 8, 9, 11])
        let first = try #require(findings.first)
        #expect(first["path"] as? String == "fixtures/requirements/spellings/requirements.txt")
        #expect(first["version"] as? String == "1.82.8")
        #expect((first["advisory"] as? [String: Any])?["id"] as? String == "MAL-2026-2144")
    }

    @Test func ignoredFindingsCarryTheirReason() throws {
        let scanned = try Fixtures.scanFromRoot(["requirements/pip-freeze/compromised"])
        let config = try IgnoreConfig.parse(Array("""
            [[ignore]]
            id = "GHSA-5mg7-485q-xm76"
            reason = "test reason"
            expires = 2099-12-31
            """.utf8), path: ".litmus.toml")
        let report = config.apply(to: scanned, database: try AdvisoryDatabase.embedded(), today: "2026-11-23", workingDirectory: "/w")
        let doc = try Fixtures.json(JSONReporter().render(report, context: ReportContext()))
        #expect(doc["exit_code"] as? Int == 0)
        #expect(doc["config"] as? String == ".litmus.toml")
        let ignored = try #require((doc["ignored"] as? [[String: Any]])?.first)
        #expect(ignored["reason"] as? String == "test reason")
        #expect((ignored["ignore_rule"] as? [String: Any])?["line"] as? Int == 1)
        #expect((ignored["ignore_rule"] as? [String: Any])?["expires"] as? String == "2099-12-31")
        #expect((doc["summary"] as? [String: Any])?["ignored"] as? Int == 1)
    }

    @Test func environmentsAreListed() throws {
        var report = try Fixtures.scanFromRoot(["requirements/pip-freeze/clean"])
        report.environments = [EnvironmentRecord(path: "/b/venv", kind: .venv, pythonVersion: "3.11.7", distributions: 3), EnvironmentRecord(path: "/a", kind: .system)]
        let doc = try Fixtures.json(JSONReporter().render(report, context: ReportContext()))
        let envs = try #require(doc["environments"] as? [[String: Any]])
        #expect(envs.map { $0["path"] as? String } == ["/a", "/b/venv"])
        #expect(envs.last?["python_version"] as? String == "3.11.7")
        #expect(envs.first?["python_version"] is NSNull)
        #expect(envs.last?["distributions"] as? Int == 3)
    }
}
