import Testing
@testable import LitmusExtractors

@Suite struct PoetryLockTests {
    let poetry = PoetryLock()

    @Test(arguments: ["poetry.lock.orig", "poetry.lock.bak", "my-poetry.lock", "poetry.toml", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!poetry.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test func claimsExactName() {
        #expect(poetry.claims(name: "poetry.lock", parentName: "p", isDirectory: false))
    }

    @Test(arguments: [
        ("lockfiles/poetry-lock-v2", "1.82.8", [669, 675, 676], 6),
        ("lockfiles/poetry-lock-v1.8", "1.82.7", [635, 640, 641], 10),
        ("lockfiles/poetry-lock-v1.1", "1.82.8", [543, 1097, 1098], 9),
    ])
    func compromisedFixtures(_ dir: String, _ version: String, _ lockLines: [Int], _ pyprojectLine: Int) throws {
        let report = try Fixtures.scan(fixture: dir + "/compromised")
        let expected = lockLines.map { "compromised-version litellm \(version) poetry.lock:\($0)" }
            + ["compromised-version litellm \(version) pyproject.toml:\(pyprojectLine)"]
        #expect(Fixtures.summary(report) == expected)
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test(arguments: ["lockfiles/poetry-lock-v2", "lockfiles/poetry-lock-v1.8", "lockfiles/poetry-lock-v1.1"])
    func cleanFixtures(_ dir: String) throws {
        let report = try Fixtures.scan(fixture: dir + "/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
        #expect(report.stats.observations > 50)
    }

    @Test func truncatedLockIsAnError() {
        let e = InMemory.extract(poetry, "poetry.lock", "[[package]]\nname = \"litellm\"\nversion = \"1.8")
        #expect(InMemory.errors(e).map(\.location.line) == [3])
    }

    @Test func duplicateKeyIsAnError() {
        let e = InMemory.extract(poetry, "poetry.lock", "[[package]]\nname = \"a\"\nname = \"b\"\n")
        #expect(InMemory.errors(e).map(\.location.line) == [3])
    }

    @Test func unknownLockVersions() throws {
        let body = "[[package]]\nname = \"litellm\"\nversion = \"1.82.8\"\n\n[metadata]\nlock-version = "
        let newer = InMemory.extract(poetry, "poetry.lock", body + "\"2.2\"\n")
        #expect(InMemory.warnings(newer).map(\.location.line) == [6])
        #expect(InMemory.errors(newer).isEmpty)
        #expect(try InMemory.findings(newer).count == 1)
        let garbage = InMemory.extract(poetry, "poetry.lock", body + "\"banana\"\n")
        #expect(InMemory.errors(garbage).map(\.location.line) == [6])
        #expect(try InMemory.findings(garbage).count == 1)
        for known in ["1.0", "1.1", "2.0", "2.1"] {
            #expect(InMemory.extract(poetry, "poetry.lock", body + "\"\(known)\"\n").issues.isEmpty)
        }
    }

    @Test func packageWithoutVersionWarns() {
        let e = InMemory.extract(poetry, "poetry.lock", "[[package]]\nname = \"litellm\"\n\n[metadata]\nlock-version = \"2.1\"\n")
        #expect(InMemory.warnings(e).map(\.location.line) == [1])
    }

    @Test func lookalikesNeverFlag() throws {
        let e = InMemory.extract(poetry, "poetry.lock", LockLookalikes.toml(header: "package") + "\n[metadata]\nlock-version = \"2.1\"\n")
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
