import Testing
@testable import LitmusAdvisories
@testable import LitmusModel

/// A specifier that no published unaffected release satisfies is a pin.
@Suite struct OnlyAffectedRangeTests {
    @Test func advisoriesCarryTheirPackagesPublishedReleases() throws {
        let db = try Fixtures.database()
        for (name, last, next) in [("litellm", "1.82.6", "1.83.0"), ("telnyx", "4.87.0", "4.88.1")] {
            let affected = try #require(db.affecting(PackageName(name)).first?.1)
            let releases = try #require(affected.publishedReleases)
            #expect(releases.asOf == "2026-12-01")
            let versions = Set(releases.versions.map(\.description))
            #expect(versions.contains(last) && versions.contains(next))
            #expect(affected.versions.allSatisfy { !releases.versions.contains($0) }, "the index no longer lists the deleted releases")
        }
    }

    @Test func rangesOnlyTheAffectedReleasesSatisfyAreCompromisedVersions() throws {
        let path = Fixtures.path("requirements/only-affected/requirements.txt")
        let report = try Fixtures.scan([path])
        #expect(report.findings.map(\.location.line) == [1, 2, 3, 4, 5])
        #expect(report.findings.allSatisfy { $0.kind == .compromisedVersion && $0.severity == .critical }, "\(report.summaries)")
        #expect(report.findings.first?.evidence.contains("admits only compromised 1.82.8") == true)
        #expect(report.exitCode(failOn: .high) == ExitCode.findings)
    }

    @Test func rangesThatAlsoAdmitAPublishedSafeReleaseStayLow() throws {
        let report = try Fixtures.scan([Fixtures.path("requirements/only-affected/requirements-also-safe.txt")])
        #expect(report.findings.map(\.location.line) == [1, 2, 3, 4])
        #expect(report.findings.allSatisfy { $0.kind == .rangeAdmits && $0.severity == .low }, "\(report.summaries)")
    }
}
