import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusModel
@testable import LitmusWalk

/// Inputs found by attacking litmus that lost a finding or leaked a secret; each test failed
/// before its fix.
@Suite struct AdversarialRegressionTests {
    /// tox 4 (4.67.15 `tox config -e py -k deps` on this file) strips `#` comments anywhere
    /// unless escaped as `\#` (which becomes `#`), and pip joins a line ending in `\` with the
    /// next: the deps are `litellm==1.82.7`, `telnyx==4.87.1` and a telnyx 4.87.2 wheel URL.
    @Test func toxIniContinuationsAndCommentsWithoutSpaceAreReadAsToxReadsThem() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("""
            [testenv]
            deps =
                litellm==\\
                1.82.7
                telnyx==4.87.1#comment
                telnyx @ https://h.example/telnyx-4.87.2-py3-none-any.whl\\#sha256=00
            """, to: dir + "/tox.ini")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries == ["compromised-version litellm 1.82.7 tox.ini:3",
                                     "compromised-version telnyx 4.87.1 tox.ini:5",
                                     "compromised-version telnyx 4.87.2 tox.ini:6"], "\(report.summaries)")
        #expect(report.issues.isEmpty, "\(report.issues.map(\.message))")
    }

    /// An `===` arbitrary-equality version and a `container:` holding a URL with credentials
    /// reached the CycloneDX inventory (`version`, `purl`) unredacted.
    @Test(arguments: ["text", "json", "sarif", "junit", "markdown", "cyclonedx"])
    func credentialsInArbitraryVersionsAndImagesAppearInNoFormat(format: String) throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm===https://u:FAKEARBITRARYTOKEN@h.example\ntelnyx==4.87.1\n", to: dir + "/requirements.txt")
        try Fixtures.write("""
            on: push
            jobs:
              a:
                runs-on: ubuntu-latest
                container: https://u:FAKEIMAGETOKEN@h.example/img
                steps:
                  - run: echo
            """, to: dir + "/.github/workflows/w.yml")
        let c = Captured()
        let code = CLI.run(["scan", dir, "--format", format, "--no-config"], console: c.console())
        #expect(code == ExitCode.findings)
        for secret in ["FAKEARBITRARYTOKEN", "FAKEIMAGETOKEN"] {
            #expect(!c.out.contains(secret) && !c.err.contains(secret), "\(secret) leaked in \(format)")
        }
    }
}

extension AdversarialRegressionTests {
    /// hatch 1.18.2 `hatch env show --json` on this file: test.2 depends on litellm==1.82.7 and
    /// both matrix environments on telnyx==4.87.1 (overrides apply; litmus said clean).
    @Test func hatchOverridesAreRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("""
            [[envs.test.matrix]]
            version = ["1", "2"]

            [envs.test.overrides]
            matrix.version.dependencies = [{ value = "litellm==1.82.7", if = ["2"] }]
            platform.linux.set-extra-dependencies = ["telnyx==4.87.1"]
            name."^test".extra-dependencies = ["telnyx==4.87.2"]
            """, to: dir + "/hatch.toml")
        try Fixtures.write("""
            [project]
            name = "demo"
            version = "0.1"
            [tool.hatch.envs.x.overrides]
            env.CI.dependencies = ["litellm==1.82.8"]
            """, to: dir + "/pyproject.toml")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries.sorted() == ["compromised-version litellm 1.82.7 hatch.toml:5",
                                              "compromised-version litellm 1.82.8 pyproject.toml:5",
                                              "compromised-version telnyx 4.87.1 hatch.toml:6",
                                              "compromised-version telnyx 4.87.2 hatch.toml:7"], "\(report.summaries)")
        #expect(report.issues.isEmpty, "\(report.issues.map(\.message))")
    }
}

extension AdversarialRegressionTests {
    /// tox 4.67.15 configures from a setup.cfg with a `[tox:tox]` section (`tox config -e py -k
    /// deps` lists litellm==1.82.7 from this file; its `requires` is provisioned): litmus said clean.
    /// Without `[tox:tox]` tox ignores the file's `[testenv]`, and so does litmus.
    @Test func toxSectionsOfSetupCfgAreRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("""
            [metadata]
            name = demo
            [tox:tox]
            requires = telnyx==4.87.1
            [testenv]
            deps = litellm==1.82.7
            [testenv:lint]
            deps =
                telnyx==4.87.2
            """, to: dir + "/with/setup.cfg")
        try Fixtures.write("[metadata]\nname = demo\n[testenv]\ndeps = litellm==1.82.7\n", to: dir + "/without/setup.cfg")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries.sorted() == ["compromised-version litellm 1.82.7 setup.cfg:6",
                                              "compromised-version telnyx 4.87.1 setup.cfg:4",
                                              "compromised-version telnyx 4.87.2 setup.cfg:9"], "\(report.summaries)")
        #expect(report.findings.allSatisfy { $0.location.path.hasSuffix("with/setup.cfg") })
        #expect(report.issues.isEmpty, "\(report.issues.map(\.message))")
    }
}

extension AdversarialRegressionTests {
    /// Six arrays each holding 30 `ref`s to the next: expanding every reference is 30^6 reads
    /// (the scan hung); each array is read once and the pin at the end is still found.
    @Test func toxTomlReferencesFanningOutAreReadOnce() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        var lines: [String] = []
        for i in 0..<6 {
            let refs = Array(repeating: "{ replace = \"ref\", of = [\"a\(i + 1)\"] }", count: 30).joined(separator: ", ")
            lines.append("a\(i) = [\(refs)]")
        }
        lines += ["a6 = [\"litellm==1.82.7\"]", "[env_run_base]", "deps = [{ replace = \"ref\", of = [\"a0\"] }]"]
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: dir + "/tox.toml")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries == ["compromised-version litellm 1.82.7 tox.toml:7"], "\(report.summaries)")
        #expect(report.issues.isEmpty, "\(report.issues.map(\.message))")
    }

    /// A `litellm_init.pth` that is a FIFO was only "not a regular file" (exit 3) with no
    /// finding: the indicator's name is evidence whatever the file is, and it is never opened.
    @Test func anIndicatorThatIsAFifoIsStillReportedByName() throws {
        let root = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(root) }
        let site = root + "/opt/venv/lib/python3.11/site-packages"
        try Fixtures.write("version = 3.11.7\n", to: root + "/opt/venv/pyvenv.cfg")
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        #expect(mkfifo(site + "/litellm_init.pth", 0o644) == 0)
        let report = Scanner.audit(database: try AdvisoryDatabase.embedded(), root: root).scan([root])
        #expect(report.findings.contains { $0.kind == .iocFile && $0.location.path.hasSuffix("/litellm_init.pth") },
                "\(report.summaries)")
        #expect(report.issues.contains { $0.message.hasPrefix("not a regular file (fifo)") })
    }

    /// `-r {tox_root}/requirements-test.txt` under a relative root (`litmus scan .`, the README's
    /// first command) was resolved against the configuration's directory twice: "included file
    /// not found" and the pin in it lost.
    @Test(arguments: ["{tox_root}", "{toxinidir}"])
    func toxRootIncludesResolveOnceUnderARelativeRoot(variable: String) throws {
        let files = InMemoryFiles(text: [
            "proj/tox.ini": "[testenv]\ndeps =\n    -r \(variable)/requirements-test.txt\n",
            "proj/requirements-test.txt": "litellm==1.82.7\n",
        ])
        let out = ToxIni().extract(FileEntry(path: "proj/tox.ini", name: "tox.ini", parentName: "proj", kind: .file), files: files)
        #expect(out.issues.isEmpty, "\(out.issues.map(\.message))")
        #expect(out.observations.contains { "\($0)".contains("1.82.7") }, "\(out.observations)")
    }
}
