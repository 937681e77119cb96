import Testing
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusWalk

@Suite struct DistributionFileTests {
    let artifact = DistributionFile()

    @Test(arguments: ["litellm-1.82.8-py3-none-any.whl.part", "litellm.whl", "README.md", "notes.tar.gz", "litellm-1.82.8.txt"])
    func rejectsNearMisses(_ name: String) {
        #expect(!artifact.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test(arguments: ["litellm-1.82.8-py3-none-any.whl", "litellm-1.82.7.tar.gz", "litellm-1.82.7.zip", "litellm-1.82.7-py3.11.egg"])
    func claimsDistributionNames(_ name: String) {
        #expect(artifact.claims(name: name, parentName: "p", isDirectory: false))
        #expect(!artifact.claims(name: name, parentName: "p", isDirectory: true))
    }

    @Test func compromisedFixtures() throws {
        let wheel = try Fixtures.scan(fixture: "artifacts/wheel/compromised")
        #expect(Fixtures.summary(wheel) == ["compromised-version litellm 1.82.8 litellm-1.82.8-py3-none-any.whl:-"])
        #expect(wheel.issues.isEmpty)
        let sdist = try Fixtures.scan(fixture: "artifacts/sdist/compromised")
        #expect(Fixtures.summary(sdist) == ["compromised-version litellm 1.82.7 litellm-1.82.7.tar.gz:-"])
    }

    @Test(arguments: ["artifacts/wheel/clean", "artifacts/sdist/clean"])
    func cleanFixtures(_ dir: String) throws {
        let report = try Fixtures.scan(fixture: dir)
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    private func extract(_ name: String, _ bytes: [UInt8]) -> Extraction {
        artifact.extract(FileEntry(path: "d/" + name, name: name, parentName: "d", kind: .file), files: InMemoryFiles(["d/" + name: bytes]))
    }

    @Test func renamedWheelAndPayloadInside() throws {
        let zip = TestZipWriter(entries: [
            .init("litellm-1.82.8.dist-info/METADATA", "Name: litellm\nVersion: 1.82.8\n"),
            .init("litellm_init.pth", "import os\n"),
        ]).build()
        let e = extract("litellm-1.82.6-py3-none-any.whl", zip)
        #expect(InMemory.packages(e) == ["litellm =1.82.6 -", "litellm =1.82.8 -"])
        let members = e.observations.flatMap { o -> [String] in if case .archive(let a) = o { return a.members.map(\.name) } else { return [] } }
        #expect(members == ["litellm-1.82.8.dist-info/METADATA", "litellm_init.pth"])
        let found = try InMemory.findings(e)
        #expect(found.map(\.kind.rawValue).sorted() == ["compromised-version", "ioc-file"])
        #expect(found.filter { $0.kind == .iocFile }.map(\.location.path) == ["d/litellm-1.82.6-py3-none-any.whl!/litellm_init.pth"])
    }

    @Test func badZipIsAnErrorAndNameStillCounts() throws {
        let e = extract("litellm-1.82.8-py3-none-any.whl", Array("not a zip at all, just text".utf8))
        #expect(InMemory.errors(e).count == 1)
        #expect(InMemory.errors(e).first?.stage == "artifact")
        #expect(try InMemory.findings(e).count == 1)
    }

    @Test func lookalikesNeverFlag() throws {
        var e = Extraction()
        for (name, version) in LockLookalikes.pairs {
            e.merge(artifact.extract(FileEntry(path: "\(name)-\(version).tar.gz", name: "\(name)-\(version).tar.gz", parentName: "", kind: .file),
                                     files: InMemoryFiles()))
        }
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
