import Testing
@testable import LitmusExtractors

/// The issue-15 Python declaration formats, each against its clean and compromised fixture.
@Suite struct DeclarationFormatTests {
    @Test(arguments: [
        ("requirements/uv-export-lock", ["compromised-version litellm 1.82.8 requirements.lock:79"]),
        ("requirements/rye-lock", ["compromised-version litellm 1.82.7 requirements-dev.lock:17"]),
        ("manifests/tox-ini", ["compromised-version litellm 1.82.8 tox.ini:10"]),
        ("manifests/tox-toml", ["compromised-version litellm 1.82.8 tox.toml:8",
                                "compromised-version litellm 1.82.8 tox.toml:21"]),
        ("manifests/pyproject-tox", ["compromised-version litellm 1.82.8 pyproject.toml:16",
                                     "compromised-version litellm 1.82.8 pyproject.toml:23"]),
        ("manifests/pyproject-tox-legacy", ["compromised-version litellm 1.82.8 pyproject.toml:18"]),
        ("manifests/hatch-toml", ["compromised-version litellm 1.82.8 hatch.toml:4",
                                  "compromised-version litellm 1.82.8 hatch.toml:12"]),
        ("manifests/pyproject-hatch", ["compromised-version litellm 1.82.8 pyproject.toml:13",
                                       "compromised-version litellm 1.82.8 pyproject.toml:18"]),
        ("manifests/pyproject-setuptools-dynamic", ["compromised-version litellm 1.82.8 requirements-proxy.in:2",
                                                    "compromised-version litellm 1.82.8 requirements.in:2"]),
        ("manifests/pixi-toml", ["compromised-version litellm 1.82.8 pixi.toml:8",
                                 "compromised-version litellm 1.82.8 pixi.toml:11",
                                 "compromised-version litellm 1.82.8 pixi.toml:15"]),
        ("manifests/pyproject-pixi", ["compromised-version litellm 1.82.8 pyproject.toml:16"]),
        ("manifests/pre-commit", ["compromised-version litellm 1.82.8 .pre-commit-config.yaml:11",
                                  "compromised-version litellm 1.82.8 .pre-commit-config.yaml:19"]),
        ("manifests/pre-commit-multiline", ["compromised-version litellm 1.82.8 .pre-commit-config.yaml:8",
                                            "compromised-version litellm 1.82.8 .pre-commit-config.yaml:19"]),
        ("manifests/conda-env-anchors", ["compromised-version litellm 1.82.8 environment.yml:4"]),
        ("lockfiles/conda-lock", ["compromised-version litellm 1.82.8 conda-lock.yml:53",
                                  "compromised-version litellm 1.82.8 environment.yml:8"]),
        ("lockfiles/pixi-lock", ["compromised-version litellm 1.82.7 pixi.lock:14",
                                 "compromised-version litellm 1.82.8 pixi.lock:35"]),
    ])
    func fixturePair(_ dir: String, _ expected: [String]) throws {
        let compromised = try Fixtures.scan(fixture: dir + "/compromised")
        #expect(Fixtures.summary(compromised) == expected)
        #expect(compromised.issues.isEmpty)
        let clean = try Fixtures.scan(fixture: dir + "/clean")
        #expect(clean.findings.isEmpty)
        #expect(clean.issues.isEmpty)
    }

    @Test(arguments: [
        ("requirements.lock", true), ("requirements-dev.lock", true), ("Requirements.lock", true),
        ("uv.lock", false), ("requirements.lock.bak", false), ("poetry.lock", false), ("my-requirements.lock", false),
    ])
    func requirementsLockClaims(_ name: String, _ claimed: Bool) {
        #expect(RequirementsTxt().claims(name: name, parentName: "p", isDirectory: false) == claimed)
    }

    @Test func claimsAreExact() {
        #expect(ToxIni().claims(name: "tox.ini", parentName: "p", isDirectory: false))
        #expect(!ToxIni().claims(name: "tox.ini.orig", parentName: "p", isDirectory: false))
        #expect(!ToxIni().claims(name: "tox.ini", parentName: "p", isDirectory: true))
        #expect(ToxToml().claims(name: "tox.toml", parentName: "p", isDirectory: false))
        #expect(!ToxToml().claims(name: "tox.toml.bak", parentName: "p", isDirectory: false))
        #expect(!ToxToml().claims(name: "tox.toml", parentName: "p", isDirectory: true))
        #expect(HatchToml().claims(name: "hatch.toml", parentName: "p", isDirectory: false))
        #expect(!HatchToml().claims(name: "hatch.toml", parentName: "p", isDirectory: true))
        #expect(!HatchToml().claims(name: "my-hatch.toml", parentName: "p", isDirectory: false))
        #expect(PixiManifest().claims(name: "pixi.toml", parentName: "p", isDirectory: false))
        #expect(!PixiManifest().claims(name: "pixi.toml.bak", parentName: "p", isDirectory: false))
        #expect(PixiLock().claims(name: "pixi.lock", parentName: "p", isDirectory: false))
        #expect(!PixiLock().claims(name: "pixi.lock2", parentName: "p", isDirectory: false))
        #expect(CondaLock().claims(name: "conda-lock.yml", parentName: "p", isDirectory: false))
        #expect(CondaLock().claims(name: "prod.conda-lock.yml", parentName: "p", isDirectory: false))
        #expect(!CondaLock().claims(name: "conda-lock.yml.txt", parentName: "p", isDirectory: false))
        #expect(PreCommitConfig().claims(name: ".pre-commit-config.yaml", parentName: "p", isDirectory: false))
        #expect(!PreCommitConfig().claims(name: "pre-commit-config.yaml", parentName: "p", isDirectory: false))
    }

    @Test func toxFactorsAndSubstitutions() {
        let e = InMemory.extract(ToxIni(), "tox.ini", """
            [testenv]
            deps =
                py{310,311}: litellm==1.82.7
                !lint,py312: litellm>=1.82
                name @ https://example.org/litellm-1.82.8-py3-none-any.whl
                {env:EXTRA_DEPS}
                -r missing.txt
            [tox]
            requires = litellm==1.82.8
            """)
        #expect(InMemory.packages(e) == ["litellm ==1.82.7 3", "litellm >=1.82 4", "name =1.82.8 5", "litellm ==1.82.8 9"])
        #expect(InMemory.warnings(e).map(\.location.line) == [6])
        #expect(InMemory.errors(e).map(\.message) == ["included file not found: missing.txt"])
    }

    @Test func toxTomlReplacementsAndShapes() {
        let e = InMemory.extract(ToxToml(), "tox.toml", """
            requires = ["litellm==1.82.8"]
            pinned = ["litellm==1.82.7"]

            [env_run_base]
            deps = [
                { replace = "ref", of = ["pinned"] },
                { replace = "posargs" },
                { replace = "ref", of = ["env", "missing", "extra"] },
                "litellm>=1.82",
            ]

            [env.a]
            deps = [{ replace = "ref", env = "b", key = "deps" }, "-r missing.txt"]

            [env.b]
            deps = "litellm==1.82.8"
            """)
        #expect(InMemory.packages(e) == ["litellm ==1.82.8 1", "litellm ==1.82.7 2", "litellm >=1.82 9"])
        #expect(InMemory.warnings(e).map(\.location.line) == [7, 8])
        #expect(InMemory.errors(e).map(\.message) == ["included file not found: missing.txt", "tox \"deps\" is not an array"])
    }

    /// `legacy_tox_ini` is an ini document; its lines count from the file, whichever string form holds it.
    @Test(arguments: [
        ("legacy_tox_ini = \"\"\"\n[testenv]\ndeps = litellm==1.82.8\n\"\"\"\n", 6),
        ("legacy_tox_ini = '''\n[testenv]\ndeps =\n    litellm==1.82.8\n'''\n", 7),
        ("legacy_tox_ini = \"\"\"[testenv]\ndeps = litellm==1.82.8\n\"\"\"\n", 5),
        ("legacy_tox_ini = \"[testenv]\\ndeps = litellm==1.82.8\\n\"\n", 4),
    ])
    func pyprojectLegacyToxIniLines(_ tool: String, _ line: Int) {
        let e = InMemory.extract(Pyproject(), "pyproject.toml", "[project]\nname = \"x\"\n[tool.tox]\n" + tool)
        #expect(InMemory.packages(e) == ["litellm ==1.82.8 \(line)"])
        #expect(e.issues.isEmpty)
    }

    @Test(arguments: [
        ("py311: pkg", "pkg"), ("py{310,311}: pkg==1", "pkg==1"), ("!lint,py312: pkg", "pkg"),
        ("pkg @ file:///x", "pkg @ file:///x"), ("https://e.org/a.whl", "https://e.org/a.whl"), ("pkg", "pkg"),
    ])
    func toxFactorCondition(_ text: String, _ requirement: String) {
        #expect(ToxIni.droppingFactors(text) == requirement)
    }

    @Test func pixiTableForms() {
        let e = InMemory.extract(PixiManifest(), "pixi.toml", """
            [dependencies]
            litellm = { version = "==1.82.7", channel = "conda-forge" }
            python = "*"
            [feature.a.target.linux-64.pypi-dependencies]
            litellm = "1.82.8"
            wheel = { url = "https://e.org/litellm-1.82.8-py3-none-any.whl" }
            src = { git = "https://github.com/e/src" }
            bad = "not a version"
            """)
        #expect(InMemory.packages(e) == ["litellm =1.82.7 2", "python * 3", "litellm ==1.82.8 5", "wheel =1.82.8 6", "src * 7"])
        #expect(InMemory.errors(e).map(\.location.line) == [8])
    }

    @Test func pixiLockNamesFromURLsAndErrors() {
        let e = InMemory.extract(PixiLock(), "pixi.lock", """
            version: 6
            packages:
            - conda: https://conda.anaconda.org/conda-forge/noarch/litellm-1.82.8-pyhd8ed1ab_0.conda
            - kind: pypi
              name: litellm
              version: 1.82.7
            - conda: https://conda.anaconda.org/conda-forge/linux-64/openssl-1.1.1w-hd590300_0.conda
            - sha256: abc
            """)
        #expect(InMemory.packages(e) == ["litellm =1.82.8 3", "litellm =1.82.7 6", "openssl ===1.1.1w 7"])
        #expect(InMemory.errors(e).map(\.location.line) == [8])
    }

    @Test func condaLockManagerDecidesEcosystem() {
        let e = InMemory.extract(CondaLock(), "conda-lock.yml", """
            version: 1
            package:
            - name: litellm
              version: 1.82.8
              manager: conda
            - name: litellm
              manager: pip
            """)
        let ecosystems = e.observations.compactMap { o -> String? in
            if case .package(let p) = o { return p.ecosystem } else { return nil }
        }
        #expect(ecosystems == ["conda"])
        #expect(InMemory.errors(e).map(\.location.line) == [6])
        #expect(InMemory.errors(InMemory.extract(CondaLock(), "conda-lock.yml", "version: 1\n")).count == 1)
    }

    @Test func preCommitSkipsOtherLanguages() {
        let e = InMemory.extract(PreCommitConfig(), ".pre-commit-config.yaml", """
            repos:
            - repo: local
              hooks:
              - id: a
                language: node
                additional_dependencies: ["litellm@1.82.8"]
              - id: b
                additional_dependencies: litellm==1.82.8
            """)
        #expect(InMemory.packages(e).isEmpty)
        #expect(InMemory.errors(e).map(\.location.line) == [8])
    }

    @Test func setuptoolsDynamicMissingFile() {
        let e = InMemory.extract(Pyproject(), "pyproject.toml", """
            [tool.setuptools.dynamic]
            dependencies = {file = "requirements.txt"}
            """)
        #expect(InMemory.errors(e).map(\.message) == ["setuptools dynamic file not found: requirements.txt"])
    }
}
