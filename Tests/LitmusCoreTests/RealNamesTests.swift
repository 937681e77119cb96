import Testing
@testable import LitmusAdvisories
@testable import LitmusExtractors
@testable import LitmusModel

/// Names real tools write: conda's `_libgcc_mutex`, Pipfile keys with extras.
@Suite struct RealNamesTests {
    @Test func condaEnvExportIsCleanAndItsTwinIsFound() throws {
        let clean = try Fixtures.scan([Fixtures.path("manifests/conda-env-export/clean")])
        #expect(clean.errors.isEmpty, "\(clean.errors)")
        #expect(clean.findings.isEmpty)
        #expect(clean.stats.observations >= 25)
        #expect(clean.exitCode(failOn: .high) == ExitCode.clean)
        let bad = try Fixtures.scan([Fixtures.path("manifests/conda-env-export/compromised")])
        #expect(bad.summaries.contains { $0.hasPrefix("compromised-version litellm 1.82.8") }, "\(bad.summaries)")
    }

    @Test(arguments: [("_libgcc_mutex", true), ("__glibc", true), ("ld_impl_linux-64", true), ("_", false), ("a b", false), ("", false)])
    func condaNames(name: String, valid: Bool) {
        #expect(PackageName.isValidConda(name) == valid)
    }

    @Test func condaVersionsThatAreNotPEP440AreComparedAsText() throws {
        let e = InMemory.extract(CondaEnvironment(), "environment.yml", "dependencies:\n  - openssl=1.1.1w=hd590300_0\n  - litellm=1.82.7=pyhd8ed1ab_0\n")
        #expect(e.issues.isEmpty, "\(e.issues)")
        #expect(InMemory.packages(e) == ["openssl ===1.1.1w 2", "litellm =1.82.7 3"])
    }

    @Test(arguments: [("requests[socks]", "requests"), ("requests[socks, use-chardet-on-py3]", "requests"), ("litellm[proxy]", "litellm")])
    func pipfileKeysWithExtras(key: String, name: String) {
        #expect(Pipfile.packageName(key)?.normalized == name)
    }

    @Test(arguments: ["requests[", "requests[so cks]", "[socks]", "requests[socks]x", "_requests"])
    func pipfileKeysThatAreNotNames(key: String) {
        #expect(Pipfile.packageName(key) == nil)
    }

    @Test func pipfileWithExtrasKeyIsRead() throws {
        let clean = try Fixtures.scan([Fixtures.path("manifests/pipfile-extras/clean")])
        #expect(clean.errors.isEmpty, "\(clean.errors)")
        #expect(clean.findings.isEmpty)
        let bad = try Fixtures.scan([Fixtures.path("manifests/pipfile-extras/compromised")])
        #expect(bad.findings.map(\.kind).contains(.compromisedVersion), "\(bad.summaries)")
        #expect(bad.errors.isEmpty)
    }
}
