import Foundation
import Testing
@testable import LitmusExtractors

@Suite struct PdmLockTests {
    let pdm = PdmLock()

    @Test(arguments: ["pdm.lock.bak", "my-pdm.lock", "pdm.toml", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!pdm.claims(name: name, parentName: "p", isDirectory: false))
        #expect(pdm.claims(name: "pdm.lock", parentName: "p", isDirectory: false))
    }

    @Test func compromisedFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pdm-lock/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 pdm.lock:416",
            "compromised-version litellm 1.82.8 pdm.lock:436",
            "compromised-version litellm 1.82.8 pdm.lock:437",
            "compromised-version litellm 1.82.8 pyproject.toml:5",
        ])
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test func cleanFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pdm-lock/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func lockVersions() throws {
        let body = "[metadata]\nlock_version = \"VERSION\"\n\n[[package]]\nname = \"litellm\"\nversion = \"1.82.7\"\n"
        let newer = InMemory.extract(pdm, "pdm.lock", body.replacingOccurrences(of: "VERSION", with: "5.0"))
        #expect(InMemory.warnings(newer).map(\.location.line) == [2])
        #expect(try InMemory.findings(newer).map(\.location.line) == [6])
        let old = InMemory.extract(pdm, "pdm.lock", body.replacingOccurrences(of: "VERSION", with: "3.1"))
        #expect(InMemory.errors(old).map(\.location.line) == [2])
        #expect(InMemory.extract(pdm, "pdm.lock", body.replacingOccurrences(of: "VERSION", with: "4.4.2")).issues.isEmpty)
    }

    @Test func badInput() {
        #expect(InMemory.errors(InMemory.extract(pdm, "pdm.lock", "[metadata\n")).map(\.location.line) == [1])
        let noVersion = InMemory.extract(pdm, "pdm.lock", "[metadata]\nlock_version = \"4.5.0\"\n[[package]]\nname = \"litellm\"\n")
        #expect(InMemory.warnings(noVersion).map(\.location.line) == [3])
        let dup = InMemory.extract(pdm, "pdm.lock", "[metadata]\nlock_version = \"4.5.0\"\n[metadata]\n")
        #expect(InMemory.errors(dup).map(\.location.line) == [3])
    }

    @Test func lookalikesNeverFlag() throws {
        let e = InMemory.extract(pdm, "pdm.lock", "[metadata]\nlock_version = \"4.5.0\"\n" + LockLookalikes.toml(header: "package"))
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
