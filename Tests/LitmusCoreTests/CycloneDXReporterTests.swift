import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusModel
@testable import LitmusReporters

@Suite(.serialized) struct CycloneDXReporterTests {
    private func scan(_ relatives: [String]) throws -> ScanReport {
        try Fixtures.scanFromRoot(relatives, inventory: true)
    }

    @Test func inventoryWithEvidenceAndFindingsAsVulnerabilities() throws {
        let report = try scan(["requirements/pip-freeze/compromised", "dist-info/pip-venv/compromised"])
        #expect(report.inventoryCollected && !report.inventory.isEmpty)
        let doc = try Fixtures.json(CycloneDXReporter().render(report, context: ReportContext()))
        #expect(doc["bomFormat"] as? String == "CycloneDX" && doc["specVersion"] as? String == "1.6")
        let components = try #require(doc["components"] as? [[String: Any]])
        let refs = Set(components.compactMap { $0["bom-ref"] as? String })
        let pinned = try #require(components.first { $0["purl"] as? String == "pkg:pypi/litellm@1.82.7" })
        let occurrences = try #require((pinned["evidence"] as? [String: Any])?["occurrences"] as? [[String: Any]])
        #expect(occurrences.contains { ($0["location"] as? String)?.hasSuffix("pip-freeze/compromised/requirements.txt") == true && $0["line"] as? Int != nil })
        let installed = try #require(components.first { $0["purl"] as? String == "pkg:pypi/litellm@1.82.8" })
        let props = try #require(installed["properties"] as? [[String: String]])
        #expect(props.contains { $0["name"] == "litmus:origin" && $0["value"] == "installed" })
        #expect(props.contains { $0["name"] == "litmus:environment" && ($0["value"] ?? "").contains("pip-venv/compromised/V") })
        let vulnerabilities = try #require(doc["vulnerabilities"] as? [[String: Any]])
        #expect(vulnerabilities.count == report.findings.count)
        for v in vulnerabilities {
            let affects = try #require(v["affects"] as? [[String: String]])
            #expect(affects.allSatisfy { refs.contains($0["ref"] ?? "") })
            let rating = try #require((v["ratings"] as? [[String: Any]])?.first)
            #expect(Severity(rawValue: rating["severity"] as? String ?? "") != nil)
        }
        #expect(vulnerabilities.contains { ($0["references"] as? [[String: Any]])?.contains { $0["id"] as? String == "PYSEC-2026-2" } == true })
        #expect((doc["serialNumber"] as? String)?.hasPrefix("urn:uuid:") == true)
        #expect(CycloneDXReporter().render(report, context: ReportContext()) == CycloneDXReporter().render(report, context: ReportContext()))
    }

    @Test func auditNamesTheHostAsTheSubject() throws {
        var report = try scan(["dist-info/pip-venv/compromised"])
        report.command = "audit"
        report.hostName = "db-3"
        let doc = try Fixtures.json(CycloneDXReporter().render(report, context: ReportContext()))
        let subject = try #require((doc["metadata"] as? [String: Any])?["component"] as? [String: Any])
        #expect(subject["type"] as? String == "device" && subject["name"] as? String == "db-3")
    }

    @Test func theInventoryIsOnlyKeptWhenAsked() throws {
        let report = try Fixtures.scanFromRoot(["requirements/pip-freeze/compromised"])
        #expect(!report.inventoryCollected && report.inventory.isEmpty)
    }

    @Test(arguments: [("litellm", "1.82.8", "pkg:pypi/litellm@1.82.8"), ("torch", "2.5.1+cu121", "pkg:pypi/torch@2.5.1%2Bcu121")])
    func purls(name: String, version: String, purl: String) {
        #expect(CycloneDXReporter.componentRef(ecosystem: "PyPI", name: name, version: version) == purl)
    }
}
