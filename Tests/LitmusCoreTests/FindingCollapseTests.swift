import Foundation
import Testing
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusReporters
@testable import LitmusRules
@testable import LitmusWalk

@Suite struct FindingCollapseTests {
    private func finding(_ path: String, _ line: Int?, version: String = "1.82.8") -> Finding {
        Finding(kind: .compromisedVersion, severity: .critical, advisoryID: "MAL-2026-2144", aliases: [], package: "litellm",
                version: version, specifier: nil, location: FileLocation(path: path, line: line), evidence: "e", remediation: "r")
    }

    @Test func repeatsBeyondTheFirstTwentyAreCountedNotKept() {
        var c = FindingCollapse()
        for line in (1...500).reversed() { c.add(finding("r.txt", line)) }
        c.add(finding("r.txt", 7))  // the same place reached twice counts once
        c.add(finding("r.txt", 3, version: "1.82.7"))
        c.add(finding("other.txt", 1))
        let found = c.findings
        let flood = found.filter { $0.location.path == "r.txt" && $0.version == "1.82.8" }
        #expect(flood.map { $0.location.line ?? 0 } == Array(1...20))
        #expect(flood.allSatisfy { $0.occurrences == 500 })
        #expect(found.filter { $0.version == "1.82.7" }.map(\.occurrences) == [1])
        #expect(found.filter { $0.location.path == "other.txt" }.map(\.occurrences) == [1])
    }

    @Test func mergingPartsInAnyOrderGivesTheSameResult() {
        var a = FindingCollapse(), b = FindingCollapse(), whole = FindingCollapse()
        for line in 1...60 {
            if line % 3 == 0 { a.add(finding("r.txt", line)) } else { b.add(finding("r.txt", line)) }
            whole.add(finding("r.txt", line))
        }
        var ab = a
        ab.merge(b)
        var ba = b
        ba.merge(a)
        #expect(ab.findings == whole.findings)
        #expect(ba.findings == whole.findings)
        #expect(whole.findings.count == 20)
    }

    @Test func aFloodOfIdenticalPinsIsTwentyFindingsWithTheirCount() throws {
        let dir = try Fixtures.temporaryDirectory("litmus-flood")
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write(String(repeating: "litellm==1.82.8\n", count: 100_000), to: dir + "/requirements.txt")
        let report = Scanner(database: try Fixtures.database()).scan([dir])
        #expect(report.findings.count == 20)
        #expect(report.findings.allSatisfy { $0.occurrences == 100_000 })
        #expect(report.findings.map { $0.location.line ?? 0 } == Array(1...20))
        let text = TextReporter().render(report, context: ReportContext())
        #expect(text.contains("… and 99980 more like this in this file (100000 in all; the first 20 are listed)"))
    }

    @Test func identicalLinesAreOneObservationCarryingTheirLinesAndDifferentOnesAreNot() {
        let text = String(repeating: "litellm==1.82.8\n", count: 1_000) + "litellm==1.82.7\nlitellm == 1.82.8\n"
        let e = RequirementsTxt().extract(FileEntry(path: "r/requirements.txt", name: "requirements.txt", parentName: "r", kind: .file),
                                          files: InMemoryFiles(text: ["r/requirements.txt": text]))
        let packages = e.observations.compactMap { o -> PackageObservation? in
            guard case .package(let p) = o else { return nil }
            return p
        }
        #expect(packages.map { "\($0.requirementText) \($0.location.line ?? 0) +\($0.alsoAt.count)" }
                == ["==1.82.8 1 +999", "==1.82.7 1001 +0", "== 1.82.8 1002 +0"],
                "one observation per distinct line text, carrying the lines that repeat it")
        #expect(packages.first?.alsoAt == Array(2...1_000))
    }
}
