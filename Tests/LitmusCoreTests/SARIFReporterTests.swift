import Foundation
import Testing
@testable import LitmusCore

@Suite(.serialized) struct SARIFReporterTests {
    private func run(_ doc: [String: Any]) throws -> [String: Any] {
        try #require((doc["runs"] as? [[String: Any]])?.first)
    }

    @Test func rulesAndResultsOnInstalledFixture() throws {
        let report = try ReportFixtures.scan(["dist-info/pip-venv/compromised"])
        let doc = try ReportFixtures.json(SARIFReporter().render(report, context: ReportContext()))
        #expect(doc["version"] as? String == "2.1.0")
        let run = try run(doc)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "litmus")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["MAL-2026-2144", "MAL-2026-2254"])
        let rule = try #require(rules.first)
        #expect(rule["helpUri"] as? String == "https://osv.dev/vulnerability/MAL-2026-2144")
        #expect(rule["name"] as? String == "CompromisedLitellm")
        let props = try #require(rule["properties"] as? [String: Any])
        #expect(props["security-severity"] as? String == "9.8")
        #expect(props["tags"] as? [String] == ["security", "supply-chain"])
        #expect(((rule["help"] as? [String: Any])?["markdown"] as? String)?.contains("Remediation") == true)

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "MAL-2026-2144")
        #expect(first["ruleIndex"] as? Int == 0)
        #expect(first["level"] as? String == "error")
        let location = try #require(((first["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "fixtures/dist-info/pip-venv/compromised/V/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        #expect((location["region"] as? [String: Any])?["startLine"] as? Int == 3)
        #expect((first["partialFingerprints"] as? [String: String])?["litmus/v1"] == report.findings.first?.id)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func rangeFindingsAreNotesAndErrorsMakeTheRunUnsuccessful() throws {
        var report = try ReportFixtures.scan(["requirements/ranges"])
        report.issues = [.error("./missing/requirements.txt", line: 4, stage: "read", "permission denied")]
        let run = try run(ReportFixtures.json(SARIFReporter().render(report, context: ReportContext())))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["note"])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let note = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(((note["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("./missing/requirements.txt:4: [read]") == true)
    }

    @Test func ignoredFindingsBecomeExternalSuppressions() throws {
        let scanned = try ReportFixtures.scan(["requirements/pip-freeze/compromised"])
        let config = IgnoreConfig(path: ".litmus.toml", rules: [IgnoreRule(id: "MAL-2026-2144", reason: "accepted risk", line: 1)])
        let report = config.apply(to: scanned, database: try AdvisoryDatabase.embedded(), today: "2026-11-23", workingDirectory: "/w")
        let run = try run(ReportFixtures.json(SARIFReporter().render(report, context: ReportContext())))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        let suppression = try #require((result["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "accepted risk")
    }

    @Test(arguments: [
        ("./a/requirements.txt", "a/requirements.txt"),
        ("requirements.txt", "requirements.txt"),
        ("/srv/app/req s.txt", "file:///srv/app/req%20s.txt"),
        ("dir/ä#.txt", "dir/%C3%A4%23.txt"),
    ])
    func uris(path: String, uri: String) {
        #expect(SARIFReporter.uri(path) == uri)
    }

    @Test func undecodableFileNameBytesAreEncodedAsThemselves() {
        let raw = "a/" + String(Character(Unicode.Scalar(0xF7FF as UInt32) ?? "?")) + ".txt"
        #expect(SARIFReporter.uri(raw) == "a/%FF.txt")
    }
}
