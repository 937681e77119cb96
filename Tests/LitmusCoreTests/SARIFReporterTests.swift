import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusModel
@testable import LitmusReporters

@Suite(.serialized) struct SARIFReporterTests {
    private func run(_ doc: [String: Any]) throws -> [String: Any] {
        try #require((doc["runs"] as? [[String: Any]])?.first)
    }

    @Test func rulesAndResultsOnInstalledFixture() throws {
        let report = try Fixtures.scanFromRoot(["dist-info/pip-venv/compromised"])
        let doc = try Fixtures.json(SARIFReporter().render(report, context: ReportContext()))
        #expect(doc["version"] as? String == "2.1.0")
        let run = try run(doc)
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "litmus")
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["MAL-2026-2144/compromised-version", "MAL-2026-2144/ioc-file"])
        let rule = try #require(rules.first)
        #expect(rule["helpUri"] as? String == "https://osv.dev/vulnerability/MAL-2026-2144")
        #expect(rule["name"] as? String == "CompromisedLitellmCompromisedVersion")
        let props = try #require(rule["properties"] as? [String: Any])
        #expect(props["security-severity"] as? String == "9.8")
        #expect(props["tags"] as? [String] == ["security", "supply-chain", "compromised-version"])
        #expect(((rule["help"] as? [String: Any])?["markdown"] as? String)?.contains("Remediation") == true)

        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.count == 2)
        let first = try #require(results.first)
        #expect(first["ruleId"] as? String == "MAL-2026-2144/compromised-version")
        #expect(first["ruleIndex"] as? Int == 0)
        #expect(first["level"] as? String == "error")
        let location = try #require(((first["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "fixtures/dist-info/pip-venv/compromised/V/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(location["region"] as? [String: Int])
        #expect(region == ["startLine": 3, "startColumn": 1, "endLine": 4, "endColumn": 1])
        #expect((first["partialFingerprints"] as? [String: String])?["litmusFinding/v2"]?.count == 32)
        let bases = try #require(run["originalUriBaseIds"] as? [String: [String: String]])
        #expect(bases["%SRCROOT%"]?["uri"] == "file://" + Fixtures.root.path + "/")
        #expect((run["automationDetails"] as? [String: String])?["id"] == "litmus/scan/")
        #expect((run["properties"] as? [String: Any])?["host"] as? String == report.hostName)
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
    }

    @Test func rangeFindingsAreNotesAndErrorsMakeTheRunUnsuccessful() throws {
        var report = try Fixtures.scanFromRoot(["requirements/ranges"])
        report.issues = [.error("./missing/requirements.txt", line: 4, stage: "read", "permission denied")]
        let run = try run(Fixtures.json(SARIFReporter().render(report, context: ReportContext())))
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { $0["level"] as? String }) == ["note"])
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == false)
        let note = try #require((invocation["toolExecutionNotifications"] as? [[String: Any]])?.first)
        #expect(((note["message"] as? [String: Any])?["text"] as? String)?.hasPrefix("./missing/requirements.txt:4: [read]") == true)
    }

    @Test func ignoredFindingsAreLeftOutUnlessAsked() throws {
        let scanned = try Fixtures.scanFromRoot(["requirements/pip-freeze/compromised"])
        let config = IgnoreConfig(path: ".litmus.toml", rules: [IgnoreRule(id: "MAL-2026-2144", reason: "accepted risk", line: 1)])
        let report = config.apply(to: scanned, database: try AdvisoryDatabase.embedded(), today: "2026-11-23", workingDirectory: "/w")
        #expect(!report.ignored.isEmpty)
        let plain = try run(Fixtures.json(SARIFReporter().render(report, context: ReportContext())))
        #expect((plain["results"] as? [Any])?.count == report.findings.count)
        let listed = try #require((plain["properties"] as? [String: Any])?["ignored"] as? [[String: Any]])
        #expect(listed.count == report.ignored.count && listed.first?["reason"] as? String == "accepted risk")
        let run = try run(Fixtures.json(SARIFReporter().render(report, context: ReportContext(sarifIncludeIgnored: true))))
        let result = try #require((run["results"] as? [[String: Any]])?.last)
        let suppression = try #require((result["suppressions"] as? [[String: Any]])?.first)
        #expect(suppression["kind"] as? String == "external")
        #expect(suppression["justification"] as? String == "accepted risk (.litmus.toml:1)")
    }

    @Test func eachSeverityHasItsOwnRule() throws {
        let report = try Fixtures.scanFromRoot(["requirements/ranges", "requirements/pip-freeze/compromised"])
        let run = try run(Fixtures.json(SARIFReporter().render(report, context: ReportContext())))
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        let score = Dictionary(rules.map { ($0["id"] as? String ?? "", ($0["properties"] as? [String: Any])?["security-severity"] as? String ?? "") },
                               uniquingKeysWith: { a, _ in a })
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(Set(results.compactMap { ($0["properties"] as? [String: Any])?["severity"] as? String }) == ["low", "critical"])
        for r in results {
            let severity = try #require((r["properties"] as? [String: Any])?["severity"] as? String)
            let rule = try #require(r["ruleId"] as? String)
            #expect(score[rule] == SARIFReporter.securitySeverity(try #require(Severity(rawValue: severity))), "\(rule)")
        }
    }

    @Test func auditFingerprintsDifferByHostAndNotByMountPoint() throws {
        var a = try Fixtures.scanFromRoot(["dist-info/pip-venv/compromised"])
        a.command = "audit"
        a.roots = ["/"]
        a.findings = a.findings.map { var f = $0; f.location.path = "/srv/venv/" + f.location.path; return f }
        var b = a
        b.hostName = "other-host"
        var c = a
        c.roots = ["/mnt/image"]
        c.findings = a.findings.map { var f = $0; f.location.path = "/mnt/image" + f.location.path; return f }
        func prints(_ r: ScanReport) throws -> [String] {
            let results = try #require(try run(Fixtures.json(SARIFReporter().render(r, context: ReportContext())))["results"] as? [[String: Any]])
            return results.compactMap { ($0["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] }
        }
        let pa = try prints(a), pb = try prints(b), pc = try prints(c)
        #expect(pa.count == a.findings.count && Set(pa).count == pa.count)
        #expect(Set(pa).isDisjoint(with: pb), "two hosts, distinct fingerprints")
        #expect(pa == pc, "the same host's image mounted elsewhere keeps its fingerprints")
        let doc = try run(Fixtures.json(SARIFReporter().render(b, context: ReportContext())))
        #expect((doc["automationDetails"] as? [String: String])?["id"] == "litmus/audit/other-host/")
        let first = try #require((doc["results"] as? [[String: Any]])?.first)
        #expect(((first["message"] as? [String: Any])?["text"] as? String)?.hasSuffix(" on host other-host") == true)
        let artifact = try #require(((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"] as? [String: String])
        #expect(artifact["uriBaseId"] == "ROOT0" && artifact["uri"]?.hasPrefix("srv/venv/fixtures/") == true)
        #expect((doc["originalUriBaseIds"] as? [String: [String: String]])?["ROOT0"]?["uri"] == "file:///")
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
