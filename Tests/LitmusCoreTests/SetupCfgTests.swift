import Testing
@testable import LitmusExtractors

@Suite struct SetupCfgTests {
    let cfg = SetupCfg()

    @Test(arguments: ["setup.cfg.bak", "my-setup.cfg", "setup.py", "tox.ini", "README.md"])
    func rejectsNearMisses(_ name: String) {
        #expect(!cfg.claims(name: name, parentName: "p", isDirectory: false))
        #expect(cfg.claims(name: "setup.cfg", parentName: "p", isDirectory: false))
    }

    @Test func compromisedFixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/setup-cfg/compromised")
        #expect(Fixtures.summary(report) == [
            "compromised-version litellm 1.82.8 setup.cfg:20",
            "compromised-version litellm 1.82.8 setup.cfg:29",
        ])
        #expect(Fixtures.errors(report).isEmpty)
    }

    @Test func cleanFixture() throws {
        let report = try Fixtures.scan(fixture: "manifests/setup-cfg/clean")
        #expect(report.findings.isEmpty)
        #expect(report.issues.isEmpty)
    }

    @Test func iniDetails() {
        let e = InMemory.extract(cfg, "setup.cfg", """
            [metadata]
            name = x
            install_requires = litellm==1.82.8

            [options]
            install_requires = six
                # a comment line
            ; another comment
                litellm==1.82.7 ; python_version >= "3.8"

                requests>=2  # trailing comment
            python_requires = >=3.8
            tests_require =
                litellm>=1.80
            [options.extras_require]
            proxy = litellm[proxy]==1.82.6
            """)
        #expect(InMemory.packages(e) == ["six * 6", "litellm ==1.82.7 9", "requests >=2 11", "litellm >=1.80 14", "litellm ==1.82.6 16"])
        #expect(e.issues.isEmpty)
    }

    @Test func badInputAndFileDirective() {
        let e = InMemory.extract(cfg, "setup.cfg", "[options]\ninstall_requires =\n    !!!bad\n    file: requirements.txt\n")
        #expect(InMemory.errors(e).map(\.location.line) == [3])
        #expect(InMemory.warnings(e).map(\.location.line) == [4])
    }

    @Test func lookalikesNeverFlag() throws {
        let lines = LockLookalikes.pairs.map { "    \($0.0)==\($0.1)" }.joined(separator: "\n")
        let e = InMemory.extract(cfg, "setup.cfg", "[options]\ninstall_requires =\n\(lines)\n")
        #expect(InMemory.packages(e).count == LockLookalikes.pairs.count)
        #expect(try InMemory.findings(e).isEmpty)
    }
}
