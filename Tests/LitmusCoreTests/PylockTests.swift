import Foundation
import Testing
@testable import LitmusExtractors

@Suite struct PylockTests {
    let pylock = Pylock()

    @Test(arguments: ["pylock.toml.bak", "my-pylock.toml", "pylock..toml", "pylock.json", "README.md", "pyproject.toml"])
    func rejectsNearMisses(_ name: String) {
        #expect(!pylock.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test(arguments: ["pylock.toml", "pylock.dev.toml", "pylock.linux-x86.toml"])
    func claimsPEP751Names(_ name: String) {
        #expect(pylock.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test func compromisedPipFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pylock-pip/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 pylock.toml:303",
            "compromised-version litellm 1.82.8 pylock.toml:306",
            "compromised-version litellm 1.82.8 pylock.toml:307",
        ])
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test func compromisedUvFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pylock-uv/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.7 pylock.toml:311",
            "compromised-version litellm 1.82.7 pylock.toml:314",
            "compromised-version litellm 1.82.7 pylock.toml:315",
            "compromised-version litellm 1.82.7 pyproject.toml:5",
        ])
    }

    @Test(arguments: ["lockfiles/pylock-pip/clean", "lockfiles/pylock-uv/clean"])
    func cleanFixtures(_ dir: String) throws {
        let report = try Fixtures.scan(fixture: dir)
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func lockVersions() throws {
        let body = "lock-version = \"V\"\n[[packages]]\nname = \"litellm\"\nversion = \"1.82.8\"\n"
        let newer = InMemory.extract(pylock, "pylock.toml", body.replacingOccurrences(of: "V", with: "1.1"))
        #expect(InMemory.warnings(newer).map(\.location.line) == [1])
        #expect(try InMemory.findings(newer).count == 1)
        let missing = InMemory.extract(pylock, "pylock.toml", "[[packages]]\nname = \"litellm\"\nversion = \"1.82.8\"\n")
        #expect(InMemory.errors(missing).count == 1)
        #expect(try InMemory.findings(missing).count == 1)
    }

    @Test func badInput() {
        #expect(InMemory.errors(InMemory.extract(pylock, "pylock.toml", "lock-version = \"1.0\"\n[[packages]\n")).map(\.location.line) == [2])
        let noVersion = InMemory.extract(pylock, "pylock.toml", "lock-version = \"1.0\"\n[[packages]]\nname = \"litellm\"\n")
        #expect(InMemory.warnings(noVersion).map(\.location.line) == [2])
        let vcs = InMemory.extract(pylock, "pylock.toml",
                                   "lock-version = \"1.0\"\n[[packages]]\nname = \"litellm\"\nvcs = { type = \"git\", url = \"x\", commit-id = \"y\" }\n")
        #expect(vcs.issues.isEmpty)
    }

    @Test func lookalikesNeverFlag() throws {
        let e = InMemory.extract(pylock, "pylock.toml", "lock-version = \"1.0\"\n" + LockLookalikes.toml(header: "packages"))
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
