import Testing
@testable import LitmusExtractors
@testable import LitmusModel

@Suite struct PipfileTests {
    let pipfile = Pipfile()

    @Test(arguments: ["Pipfile.bak", "pipfile", "Pipfile.lock", "my-Pipfile", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!pipfile.claims(name: name, parentName: "p", isDirectory: false))
        #expect(pipfile.claims(name: "Pipfile", parentName: "p", isDirectory: false))
    }

    @Test func valueForms() throws {
        let e = InMemory.extract(pipfile, "Pipfile", """
            [[source]]
            url = "https://pypi.org/simple"
            name = "pypi"

            [packages]
            litellm = "==1.82.8"
            requests = "*"

            [dev-packages]
            litellm = {version = ">=1.80", extras = ["proxy"]}

            [tools]
            litellm = "1.82.7"
            """)
        #expect(InMemory.packages(e) == ["litellm ==1.82.8 6", "requests * 7", "litellm >=1.80 10", "litellm ==1.82.7 13"])
        let findings = try InMemory.findings(e)
        #expect(findings.map(\.kind) == [.compromisedVersion, .rangeAdmits, .compromisedVersion])
        #expect(e.issues.isEmpty)
    }

    @Test func badInput() {
        let e = InMemory.extract(pipfile, "Pipfile", "[packages]\nlitellm = \"==1.82.8\"\nlitellm = \"*\"\n")
        #expect(InMemory.errors(e).map(\.location.line) == [3])
        let spec = InMemory.extract(pipfile, "Pipfile", "[packages]\nlitellm = \">>1\"\n")
        #expect(InMemory.errors(spec).map(\.location.line) == [2])
        let shape = InMemory.extract(pipfile, "Pipfile", "[packages]\nlitellm = 3\n")
        #expect(InMemory.errors(shape).map(\.location.line) == [2])
    }

    @Test func lookalikesNeverFlag() throws {
        // Duplicate keys are not allowed, so each pair goes in its own category.
        let e = LockLookalikes.pairs.enumerated().reduce(into: Extraction()) { acc, item in
            acc.merge(InMemory.extract(pipfile, "Pipfile", "[c\(item.offset)]\n\"\(item.element.0)\" = \"==\(item.element.1)\"\n"))
        }
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }

    @Test func fixtures() throws {
        let compromised = try Fixtures.scan(fixture: "lockfiles/pipenv/compromised")
        #expect(Fixtures.summary(compromised).contains("compromised-version litellm 1.82.7 Pipfile:7"))
        let clean = try Fixtures.scan(fixture: "lockfiles/pipenv/clean")
        #expect(clean.findings.isEmpty)
        #expect(clean.issues.isEmpty)
    }
}
