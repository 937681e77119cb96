import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusSystem
@testable import LitmusWalk

/// `litmus audit --root` on the real-layout fixtures in `fixtures/audit/` and on a temporary
/// root with a harmless copy of every indicator planted in it.
@Suite struct AuditTests {
    private func audit(_ root: String, extra: [String] = []) throws -> (Int32, [String: Any]) {
        #expect(Fixtures.exists(root), "missing fixture \(root)")
        let c = Captured()
        let code = CLI.run(["audit", "--root", root, "--format", "json"] + extra, console: c.console())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(c.out.utf8)) as? [String: Any], "stderr: \(c.err)")
        return (code, doc)
    }

    private func findings(_ doc: [String: Any], under root: String) -> [String] {
        (doc["findings"] as? [[String: Any]] ?? []).map { f in
            let path = (f["path"] as? String ?? "").replacingOccurrences(of: root + "/", with: "")
            return "\(f["kind"] as? String ?? "") \(path)"
        }.sorted()
    }

    private func count(_ doc: [String: Any], _ key: String) -> Int { (doc[key] as? [Any])?.count ?? -1 }

    @Test func everyEnvironmentKindIsDiscoveredAndNothingIsFlagged() throws {
        let root = Fixtures.path("audit/envs")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.clean)
        #expect(count(doc, "findings") == 0)
        #expect(count(doc, "errors") == 0)
        let envs = (doc["environments"] as? [[String: Any]] ?? []).map {
            "\($0["kind"] as? String ?? "") \(($0["path"] as? String ?? "").replacingOccurrences(of: root, with: ""))"
        }
        #expect(envs.sorted() == [
            "conda /opt/conda", "conda /opt/conda/envs/ml",
            "hatch /home/dev/.local/share/hatch/env/virtual/dataproc/wDYCtFRR/dataproc",
            "jupyter-kernel /home/dev/.local/share/jupyter/kernels/ml",
            "pipenv /home/dev/.local/share/virtualenvs/webapp-bBlKBwRl",
            "pipx /home/dev/.local/share/pipx/shared", "pipx /home/dev/.local/share/pipx/venvs/cowsay",
            "poetry /home/dev/.cache/pypoetry/virtualenvs/acme-api-XaS2dksm-py3.11",
            "pyenv /home/dev/.pyenv/versions/3.11.7", "system /usr", "user-site /home/dev/.local",
            "uv-python /home/dev/.local/share/uv/python/cpython-3.11.7-linux-x86_64-gnu",
            "uv-tool /home/dev/.local/share/uv/tools/pycowsay", "venv /home/dev/project/.venv",
        ])
        let pythons = (doc["environments"] as? [[String: Any]] ?? []).compactMap { $0["python_version"] as? String }
        #expect(pythons.count == 13, "every environment but the kernel has a Python version")
        let byKind = Dictionary((doc["environments"] as? [[String: Any]] ?? []).map { ($0["kind"] as? String ?? "", $0["python_version"] as? String ?? "") },
                                uniquingKeysWith: { a, _ in a })
        #expect(byKind["pyenv"] == "3.11.7")
        #expect(byKind["uv-python"] == "3.11.7")
        #expect((doc["homes"] as? [String])?.map { $0.replacingOccurrences(of: root, with: "") } == ["/home/dev"])
    }

    @Test func cachedCompromisedArtifactsAreFoundAndCleanOnesAreNot() throws {
        let root = Fixtures.path("audit/caches")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        #expect(findings(doc, under: root) == [
            "compromised-version home/dev/.cache/pip/wheels/b6/5e/aa/d79027de7bd0b45a4e4f246cebfa1419a3e45396efc25d17a9/litellm-1.82.8-py3-none-any.whl",
            "compromised-version home/dev/.cache/uv/archive-v0/q7Rk2mVwXc9TfL4s/litellm-1.82.8.dist-info/METADATA",
        ])
        let kinds = Set((doc["environments"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String })
        #expect(kinds == ["pip-cache", "uv-cache"])
    }

    @Test func condaPackageCacheFilesAndUnpackedFoldersAreJudged() throws {
        let root = Fixtures.path("audit/conda-pkgs/compromised")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        #expect(findings(doc, under: root) == [
            "compromised-version opt/conda/pkgs/litellm-1.82.8-pyhd8ed1ab_0.conda",
            "compromised-version opt/conda/pkgs/litellm-1.82.8-pyhd8ed1ab_0/info/index.json",
        ])
        let (cleanCode, cleanDoc) = try audit(Fixtures.path("audit/conda-pkgs/clean"))
        #expect(cleanCode == ExitCode.clean)
        #expect(count(cleanDoc, "findings") == 0)
        #expect(count(cleanDoc, "errors") == 0)
    }

    @Test func persistenceFilesInEveryHomeAndTmpAreFound() throws {
        let root = Fixtures.path("audit/persistence/compromised")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        #expect(findings(doc, under: root) == [
            "persistence home/dev/.config/sysmon/sysmon.py",
            "persistence home/dev/.config/systemd/user/sysmon.service",
            "persistence home/dev/.config/systemd/user/telemetry.service",
            "persistence root/.config/sysmon/sysmon.py",
            "persistence tmp/.pg_state", "persistence tmp/pglog", "persistence tmp/tpcp.tar.gz",
        ])
        let (cleanCode, clean) = try audit(Fixtures.path("audit/persistence/clean"))
        #expect(cleanCode == ExitCode.clean)
        #expect(count(clean, "findings") == 0)
    }

    @Test func unownedAndModifiedStartupHooksAreFoundAndBenignOnesAreNot() throws {
        let root = Fixtures.path("audit/startup-hooks/compromised")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        let sp = "home/dev/app/.venv/lib/python3.11/site-packages/"
        #expect(findings(doc, under: root) == [
            "unowned-startup-hook \(sp)distutils-precedence.pth", "unowned-startup-hook \(sp)evil_hook.pth",
            "unowned-startup-hook \(sp)sitecustomize.py",
        ])
        let evidence = (doc["findings"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        #expect(evidence.contains { $0.contains("differ from the digest recorded by setuptools") })
        let (cleanCode, clean) = try audit(Fixtures.path("audit/startup-hooks/clean"))
        #expect(cleanCode == ExitCode.clean, "RECORD-owned, editable, virtualenv, path-only and dpkg-owned hooks are benign")
        #expect(count(clean, "findings") == 0)
        #expect(count(clean, "errors") == 0)
    }

    @Test func aCondaOwnedPthWhoseBytesDifferFromTheRecordsSha256IsReported() throws {
        let root = Fixtures.path("audit/conda-hooks/compromised")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        #expect(findings(doc, under: root) == ["unowned-startup-hook opt/conda/lib/python3.12/site-packages/distutils-precedence.pth"])
        let evidence = (doc["findings"] as? [[String: Any]] ?? []).compactMap { $0["evidence"] as? String }
        #expect(evidence.contains { $0.contains("differ from the digest recorded by conda:setuptools-80.9.0-pyhff2d567_0") })
        let (cleanCode, clean) = try audit(Fixtures.path("audit/conda-hooks/clean"))
        #expect(cleanCode == ExitCode.clean, "the same record and the unmodified .pth")
        #expect(count(clean, "findings") == 0)
        #expect(count(clean, "warnings") == 0)
    }

    @Test func recordIntegrityFindsModifiedMissingAndUnlistedFiles() throws {
        let root = Fixtures.path("audit/integrity/compromised")
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        let sp = "home/dev/svc/.venv/lib/python3.11/site-packages/"
        #expect(findings(doc, under: root) == ["record-mismatch \(sp)litellm-1.82.6.dist-info/RECORD"], "one finding per install")
        let integrity = (doc["findings"] as? [[String: Any]])?.first?["integrity"] as? [String: Any]
        #expect((integrity?["paths"] as? [[String: Any]] ?? []).map { "\($0["problem"] as? String ?? "") \(($0["path"] as? String ?? "").replacingOccurrences(of: root + "/" + sp, with: ""))" }
                == ["modified litellm/_logging.py", "unlisted litellm/proxy/_extra.py", "missing litellm/proxy/custom_sso.py"])
        let (cleanCode, clean) = try audit(Fixtures.path("audit/integrity/clean"))
        #expect(cleanCode == ExitCode.clean)
        #expect(count(clean, "findings") == 0)
        #expect(count(clean, "warnings") == 0)
    }

    @Test func aHarmlessCopyOfEveryIndicatorPlantedUnderATemporaryRootIsFound() throws {
        let root = try Fixtures.temporaryDirectory("litmus-ioc-root")
        defer { Fixtures.cleanUp(root) }
        let sp = "opt/app/venv/lib/python3.11/site-packages"
        let planted: [String: String] = [
            "\(sp)/litellm_init.pth": "import os\n",
            "\(sp)/litellm-1.82.8.dist-info/METADATA": "Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.8\n",
            "opt/app/venv/pyvenv.cfg": "version = 3.11.7\n",
            "home/alice/.config/sysmon/sysmon.py": "# stand-in\n",
            "home/alice/.config/systemd/user/sysmon.service": "[Unit]\nDescription=System Telemetry Service\n",
            "home/alice/.config/audiomon/audiomon.py": "# stand-in\n",
            "home/alice/.config/systemd/user/audiomon.service": "[Unit]\n",
            "root/.config/sysmon/sysmon.py": "# stand-in\n",
            "tmp/pglog": "", "tmp/.pg_state": "#\n", "tmp/tpcp.tar.gz": "", "tmp/.initd_state": "",
            "home/alice/.cache/pip/wheels/aa/bb/litellm-1.82.7-py3-none-any.whl": "",
            "etc/passwd": "root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000::/home/alice:/bin/bash\n",
        ]
        for (path, text) in planted { try Fixtures.write(text, to: root + "/" + path) }
        let (code, doc) = try audit(root)
        #expect(code == ExitCode.findings)
        let found = findings(doc, under: root)
        #expect(found.contains("ioc-file \(sp)/litellm_init.pth"))
        #expect(found.contains("compromised-version \(sp)/litellm-1.82.8.dist-info/METADATA"))
        for p in ["home/alice/.config/sysmon/sysmon.py", "home/alice/.config/systemd/user/sysmon.service",
                  "home/alice/.config/audiomon/audiomon.py", "home/alice/.config/systemd/user/audiomon.service",
                  "root/.config/sysmon/sysmon.py", "tmp/pglog", "tmp/.pg_state", "tmp/tpcp.tar.gz", "tmp/.initd_state"] {
            #expect(found.contains("persistence \(p)"), "\(p) not found in \(found)")
        }
        #expect(found.contains { $0.hasSuffix("litellm-1.82.7-py3-none-any.whl") })
        #expect((doc["homes"] as? [String])?.count == 2)
    }

    @Test func auditUsageErrors() {
        let c = Captured()
        #expect(CLI.run(["audit", "--root", "/nonexistent-root"], console: c.console()) == ExitCode.usage)
        #expect(c.err == "litmus: error: --root /nonexistent-root is not a directory (see 'litmus audit --help')\n")
        let d = Captured()
        #expect(CLI.run(["audit", "/tmp"], console: d.console()) == ExitCode.usage)
        #expect(d.err.contains("use --root DIR"))
    }
}

@Suite struct PipHTTPCacheTests {
    @Test(arguments: [
        ("400db3c9a550719d76958c9c597bfbff6eb98533f684c02cc870de92.body", "d", true),
        ("400db3c9a550719d76958c9c597bfbff6eb98533f684c02cc870de92", "d", true),
        ("400db3c9a550719d76958c9c597bfbff6eb98533f684c02cc870de92.body", "db", false),
        ("notes.body", "d", false), ("400DB3C9A550719D76958C9C597BFBFF6EB98533F684C02CC870DE92", "d", false),
    ])
    func claimsCacheKeysInOneCharacterFolders(name: String, parent: String, expected: Bool) {
        #expect(PipHTTPCache().claims(name: name, parentName: parent, isDirectory: false) == expected)
    }

    @Test func realCacheBodiesAreReadAsWheelsAndIndexPagesAreSkipped() throws {
        let dir = Fixtures.path("audit/caches/home/dev/.cache/pip/http-v2")
        #expect(Fixtures.exists(dir))
        let report = Scanner(database: try Fixtures.database(), extractors: [PipHTTPCache()], walkOptions: WalkOptions()).scan([dir])
        #expect(report.errors.isEmpty)
        #expect(report.findings.isEmpty)
        #expect(report.stats.observations == 4, "idna and six wheels (a package and a member list each); the JSON index pages are not zips")
    }

    @Test func aCachedCompromisedWheelIsFoundWithoutItsFileName() throws {
        let dir = try Fixtures.temporaryDirectory("litmus-pip-cache")
        defer { Fixtures.cleanUp(dir) }
        let body = dir + "/http-v2/a/b/c/d/e/" + String(repeating: "ab", count: 28) + ".body"
        try FileManager.default.createDirectory(atPath: Paths.parent(of: body), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Fixtures.path("artifacts/wheel/compromised/litellm-1.82.8-py3-none-any.whl"), toPath: body)
        let report = try Scanner.audit(database: try Fixtures.database(), root: "/").scan([dir])
        #expect(report.summaries == ["compromised-version litellm 1.82.8 \(Paths.baseName(body)):-"])
        #expect(report.findings.first?.evidence.contains("pip HTTP cache entry holding the wheel litellm-1.82.8") == true)
    }
}
