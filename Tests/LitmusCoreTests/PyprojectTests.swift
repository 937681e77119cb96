import Testing
@testable import LitmusExtractors

@Suite struct PyprojectTests {
    let pyproject = Pyproject()

    @Test(arguments: ["my-pyproject.toml", "pyproject.toml.bak", "pyproject.txt", "README.md", "Pyproject.toml"])
    func rejectsNearMisses(_ name: String) {
        #expect(!pyproject.claims(name: name, parentName: "p", isDirectory: false))
        #expect(pyproject.claims(name: "pyproject.toml", parentName: "p", isDirectory: false))
    }

    @Test func pep621Fixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/pyproject-pep621/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 pyproject.toml:8",
            "compromised-version litellm 1.82.8 pyproject.toml:16",
        ])
    }

    @Test func poetryFixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/pyproject-poetry/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 pyproject.toml:10",
            "compromised-version litellm 1.82.8 pyproject.toml:18",
        ])
    }

    @Test func poetryRangesFixture() throws {
        let admits = try Fixtures.scan(fixture: "manifests/pyproject-poetry-ranges/admits")
        #expect(Fixtures.summary(admits) == [
            "range-admits litellm >=1.82.0,<2.0.0 pyproject.toml:10",
            "range-admits litellm >=1.82.5,<1.83.0 pyproject.toml:13",
            "range-admits litellm >=1.80,<2.0 pyproject.toml:16",
        ])
        let excludes = try Fixtures.scan(fixture: "manifests/pyproject-poetry-ranges/excludes")
        #expect(excludes.findings.isEmpty)
        #expect(excludes.issues.isEmpty)
    }

    @Test(arguments: ["manifests/pyproject-pep621/clean", "manifests/pyproject-poetry/clean"])
    func cleanFixtures(_ dir: String) throws {
        let report = try Fixtures.scan(fixture: dir)
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func everyDeclarationTable() throws {
        let e = InMemory.extract(pyproject, "pyproject.toml", """
            [build-system]
            requires = ["setuptools", "litellm==1.82.7"]

            [dependency-groups]
            dev = [
                {include-group = "test"},
                "litellm>=1.82",
            ]
            test = ["litellm<1.82.7"]

            [tool.poetry.dev-dependencies]
            litellm = "^0.2.3"

            [tool.poetry.group.alt.dependencies]
            python = "^3.11"
            litellm = "1.82.6 || 1.82.8"
            """)
        #expect(InMemory.packages(e) == [
            "litellm >=1.82 7", "litellm <1.82.7 9", "setuptools * 2", "litellm ==1.82.7 2",
            "litellm <0.3.0,>=0.2.3 12", "litellm ==1.82.6 16", "litellm ==1.82.8 16",
        ])
        let summary = try InMemory.findings(e).map { "\($0.kind.rawValue) \($0.version ?? $0.specifier ?? "") \($0.location.line ?? 0)" }
        #expect(summary.sorted() == [
            "compromised-version 1.82.7 2", "compromised-version 1.82.8 16", "range-admits >=1.82 7",
        ])
        #expect(e.issues.isEmpty)
    }

    @Test func badInput() {
        #expect(InMemory.errors(InMemory.extract(pyproject, "pyproject.toml", "[project\n")).map(\.location.line) == [1])
        let dup = InMemory.extract(pyproject, "pyproject.toml", "[project]\ndependencies = []\ndependencies = []\n")
        #expect(InMemory.errors(dup).map(\.location.line) == [3])
        let badReq = InMemory.extract(pyproject, "pyproject.toml", "[project]\ndependencies = [\n  \"litellm==\",\n]\n")
        #expect(InMemory.errors(badReq).map(\.location.line) == [3])
        let badPoetry = InMemory.extract(pyproject, "pyproject.toml", "[tool.poetry.dependencies]\nlitellm = \"^banana\"\n")
        #expect(InMemory.errors(badPoetry).map(\.location.line) == [2])
        let notList = InMemory.extract(pyproject, "pyproject.toml", "[project]\ndependencies = \"litellm\"\n")
        #expect(InMemory.errors(notList).map(\.location.line) == [2])
    }

    @Test func lookalikesNeverFlag() throws {
        let list = LockLookalikes.pairs.map { "  \"\($0.0)==\($0.1)\"," }.joined(separator: "\n")
        let e = InMemory.extract(pyproject, "pyproject.toml", "[project]\ndependencies = [\n\(list)\n]\n")
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }

    @Test(arguments: [
        ("^1.82.6", [">=1.82.6,<2.0.0"]), ("^0.2.3", [">=0.2.3,<0.3.0"]), ("^0.0.3", [">=0.0.3,<0.0.4"]),
        ("~1.82.6", [">=1.82.6,<1.83.0"]), ("~1.82", [">=1.82,<1.83"]), ("~1", [">=1,<2"]),
        ("1.82.8", ["==1.82.8"]), ("*", [nil]), ("", [nil]), (">=1.80,<2", [">=1.80,<2"]),
        (">= 1.80 < 2", [">=1.80,<2"]), ("=1.82.8", ["==1.82.8"]), ("~=1.82.0", ["~=1.82.0"]),
        ("1.82.6 || ^1.83", ["==1.82.6", ">=1.83,<2.0"]),
    ] as [(String, [String?])])
    func poetryConstraints(_ text: String, _ expected: [String?]) throws {
        #expect(try PoetryConstraint.alternatives(text).get() == expected)
    }
}
