import Testing
@testable import LitmusExtractors

@Suite struct CondaEnvironmentTests {
    let conda = CondaEnvironment()

    @Test(arguments: ["environment.yml.bak", "my-environment.yml", "environment.json", "env.yml", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!conda.claims(name: name, parentName: "p", isDirectory: false))
    }

    @Test func claimsBothSpellings() {
        #expect(conda.claims(name: "environment.yml", parentName: "p", isDirectory: false))
        #expect(conda.claims(name: "environment.yaml", parentName: "p", isDirectory: false))
    }

    @Test func compromisedFixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/conda-env/compromised")
        #expect(Fixtures.summary(report) == ["compromised-version litellm 1.82.7 environment.yml:10"])
    }

    @Test func cleanFixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/conda-env/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func condaSpecForms() throws {
        let e = InMemory.extract(conda, "environment.yml", """
            name: x
            dependencies:
              - litellm=1.82.7
              - litellm==1.82.8
              - conda-forge::litellm=1.82.7=pyhd8ed1ab_0
              - litellm=1.82
              - litellm >=1.83|1.82.8
              - litellm
              - pip:
                  - -r requirements.txt
                  - litellm>=1.83
            """)
        #expect(InMemory.packages(e) == [
            "litellm =1.82.7 3", "litellm =1.82.8 4", "litellm =1.82.7 5", "litellm ==1.82.* 6",
            "litellm >=1.83 7", "litellm =1.82.8 7", "litellm * 8", "litellm >=1.83 11",
        ])
        let summary = try InMemory.findings(e).map { "\($0.kind.rawValue) \($0.location.line ?? 0)" }
        #expect(summary == ["compromised-version 3", "compromised-version 4", "compromised-version 5",
                            "range-admits 6", "compromised-version 7"])
        #expect(InMemory.warnings(e).map(\.location.line) == [10])
        #expect(InMemory.errors(e).isEmpty)
        guard case .package(let fuzzy) = e.observations.first else { Issue.record("no observation"); return }
        #expect(fuzzy.note?.contains("1.82.7.*") == true)
        #expect(fuzzy.ecosystem == "conda")
    }

    @Test func badInput() {
        let yaml = InMemory.extract(conda, "environment.yml", "dependencies:\n  - a\n - b\n")
        #expect(InMemory.errors(yaml).count == 1)
        #expect(InMemory.errors(yaml).first?.location.line != nil)
        let spec = InMemory.extract(conda, "environment.yml", "dependencies:\n  - litellm=banana\n")
        #expect(InMemory.errors(spec).map(\.location.line) == [2])
        let dup = InMemory.extract(conda, "environment.yml", "dependencies: []\ndependencies: []\n")
        #expect(InMemory.errors(dup).map(\.location.line) == [2])
    }

    @Test func lookalikesNeverFlag() throws {
        let items = LockLookalikes.pairs.flatMap { ["  - \($0.0)==\($0.1)", "  - \($0.0)=\($0.1)"] }.joined(separator: "\n")
        let e = InMemory.extract(conda, "environment.yml", "dependencies:\n\(items)\n")
        #expect(InMemory.packages(e).count == 2 * LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
