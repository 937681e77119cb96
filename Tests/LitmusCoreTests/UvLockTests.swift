import Testing
@testable import LitmusExtractors

@Suite struct UvLockTests {
    let uv = UvLock()

    @Test(arguments: ["uv.lock.bak", "uv.lock.orig", "my-uv.lock", "uv.toml", "README.md", "UV.LOCK"])
    func rejectsNearMisses(_ name: String) {
        #expect(!uv.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test func claimsExactName() {
        #expect(uv.claims(name: "uv.lock", parentName: "p", isDirectory: false))
        #expect(!uv.claims(name: "uv.lock", parentName: "p", isDirectory: true))
    }

    @Test func compromisedFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/uv-lock/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 pyproject.toml:5",
            "compromised-version litellm 1.82.8 uv.lock:154",
            "compromised-version litellm 1.82.8 uv.lock:406",
            "compromised-version litellm 1.82.8 uv.lock:422",
            "compromised-version litellm 1.82.8 uv.lock:424",
        ])
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test func cleanFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/uv-lock/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
        #expect(report.stats.observations > 50)
    }

    @Test func truncatedLockIsAnErrorWithLine() {
        let e = InMemory.extract(uv, "uv.lock", "version = 1\n\n[[package]]\nname = \"litellm\"\nversion = \"1.82")
        #expect(InMemory.errors(e).count == 1)
        #expect(InMemory.errors(e).first?.location.line == 5)
        #expect(InMemory.errors(e).first?.stage == "uv.lock")
        #expect(e.observations.isEmpty)
    }

    @Test func notTOMLIsAnError() {
        let e = InMemory.extract(uv, "uv.lock", "{\"version\": 1}\n")
        #expect(InMemory.errors(e).count == 1)
        #expect(InMemory.errors(e).first?.message.contains("not valid TOML") == true)
    }

    @Test func duplicateKeyIsAnErrorAtItsLine() {
        let e = InMemory.extract(uv, "uv.lock", "version = 1\n[[package]]\nname = \"litellm\"\nversion = \"1.82.6\"\nversion = \"1.82.8\"\n")
        #expect(InMemory.errors(e).map(\.location.line) == [5])
    }

    @Test func newerLockVersionWarnsAndStillReads() throws {
        let e = InMemory.extract(uv, "uv.lock", "version = 2\nrevision = 9\n[[package]]\nname = \"litellm\"\nversion = \"1.82.8\"\n")
        #expect(InMemory.warnings(e).count == 1)
        #expect(InMemory.warnings(e).first?.location.line == 1)
        #expect(InMemory.errors(e).isEmpty)
        #expect(try InMemory.findings(e).map(\.location.line) == [5])
    }

    @Test func missingLockVersionIsAnErrorButStillReads() throws {
        let e = InMemory.extract(uv, "uv.lock", "[[package]]\nname = \"litellm\"\nversion = \"1.82.7\"\n")
        #expect(InMemory.errors(e).count == 1)
        #expect(try InMemory.findings(e).count == 1)
    }

    @Test func packageWithoutVersionWarnsUnlessLocal() {
        let e = InMemory.extract(uv, "uv.lock", """
            version = 1
            [[package]]
            name = "litellm"
            source = { registry = "https://pypi.org/simple" }
            [[package]]
            name = "me"
            source = { editable = "." }
            """)
        #expect(InMemory.warnings(e).map(\.location.line) == [2])
        #expect(InMemory.errors(e).isEmpty)
    }

    @Test func invalidVersionIsAnError() {
        let e = InMemory.extract(uv, "uv.lock", "version = 1\n[[package]]\nname = \"litellm\"\nversion = \"not-a-version\"\n")
        #expect(InMemory.errors(e).map(\.location.line) == [4])
    }

    @Test func lookalikesNeverFlag() throws {
        let e = InMemory.extract(uv, "uv.lock", "version = 1\n" + LockLookalikes.toml(header: "package"))
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }

    @Test func requiresDistRangeIsJudged() throws {
        let e = InMemory.extract(uv, "uv.lock", """
            version = 1
            [[package]]
            name = "app"
            version = "0.1.0"
            source = { virtual = "." }
            [package.metadata]
            requires-dist = [
                { name = "litellm", specifier = ">=1.80" },
                { name = "litellm", specifier = ">=1.83" },
            ]
            """)
        let findings = try InMemory.findings(e)
        #expect(findings.map(\.kind) == [.rangeAdmits])
        #expect(findings.map(\.location.line) == [8])
    }
}
