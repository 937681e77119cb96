import Testing
@testable import LitmusExtractors

@Suite struct PipfileLockTests {
    let lock = PipfileLock()

    @Test(arguments: ["Pipfile.lock.json", "Pipfile.lock.bak", "pipfile.lock", "Pipfile", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!lock.claims(name: name, parentName: "p", isDirectory: false))
        #expect(lock.claims(name: "Pipfile.lock", parentName: "p", isDirectory: false))
    }

    @Test func compromisedFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pipenv/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.7 Pipfile:7",
            "compromised-version litellm 1.82.7 Pipfile.lock:893",
        ])
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test func cleanFixture() throws {
        let report = try Fixtures.scan(fixture: "lockfiles/pipenv/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func linesOfVersionKeysAndDevelop() throws {
        let e = InMemory.extract(lock, "Pipfile.lock", """
            {
                "_meta": {"pipfile-spec": 6},
                "default": {
                    "six": {"version": "==1.16.0"}
                },
                "develop": {
                    "litellm": {
                        "hashes": [],
                        "version": "==1.82.8"
                    }
                }
            }
            """)
        #expect(InMemory.packages(e) == ["six =1.16.0 4", "litellm =1.82.8 9"])
        #expect(try InMemory.findings(e).map(\.location.line) == [9])
        #expect(e.issues.isEmpty)
    }

    @Test func badInput() throws {
        let truncated = InMemory.extract(lock, "Pipfile.lock", "{\"default\": {\"litellm\": {\"version\": \"==1.82")
        #expect(InMemory.errors(truncated).count == 1)
        #expect(InMemory.errors(truncated).first?.location.path == "proj/Pipfile.lock")
        let newer = InMemory.extract(lock, "Pipfile.lock", "{\"_meta\": {\"pipfile-spec\": 7},\n\"default\": {\"litellm\": {\"version\": \"==1.82.8\"}}}")
        #expect(InMemory.warnings(newer).map(\.location.line) == [1])
        #expect(try InMemory.findings(newer).map(\.location.line) == [2])
        let noVersion = InMemory.extract(lock, "Pipfile.lock", "{\"_meta\": {\"pipfile-spec\": 6},\n\"default\": {\"litellm\": {}}}")
        #expect(InMemory.warnings(noVersion).map(\.location.line) == [2])
        let notObject = InMemory.extract(lock, "Pipfile.lock", "[1, 2]")
        #expect(InMemory.errors(notObject).count == 1)
    }

    @Test func lookalikesNeverFlag() throws {
        let entries = LockLookalikes.pairs.enumerated().map { "\"c\($0.offset)\": {\"\($0.element.0)\": {\"version\": \"==\($0.element.1)\"}}" }
        let e = InMemory.extract(lock, "Pipfile.lock", "{\"_meta\": {\"pipfile-spec\": 6},\n" + entries.joined(separator: ",\n") + "}")
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
