import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusExtractors
@testable import LitmusFormats
@testable import LitmusHostChecks
@testable import LitmusModel
@testable import LitmusReporters
@testable import LitmusRules
@testable import LitmusSystem
@testable import LitmusWalk

@Suite struct StartupHooksTests {
    static let sp = "env/lib/python3.11/site-packages"

    /// The start-up hook check and environment discovery of one site-packages, as an audit runs them.
    static func run(_ entry: FileEntry, _ files: InMemoryFiles, root: String) throws -> Extraction {
        let host = HostContext(database: try Fixtures.database(), files: files, root: root)
        var e = StartupHooks().check(entry, in: host)
        e.merge(EnvironmentDiscovery().check(entry, in: host))
        return e
    }

    private func run(_ files: [String: String], root: String = "/") throws -> Extraction {
        try Self.run(FileEntry(path: Self.sp, name: "site-packages", parentName: "python3.11", kind: .directory),
                     InMemoryFiles(text: files), root: root)
    }

    private func record(_ lines: [(String, String)]) -> String {
        lines.map { "\($0.0),sha256=\(Base64URL.encode(SHA256.hash(Array($0.1.utf8)))),\($0.1.utf8.count)" }.joined(separator: "\n") + "\n"
    }

    private func hooks(_ e: Extraction) -> [String] {
        e.observations.compactMap {
            guard case .startupHook(let h) = $0 else { return nil }
            return "\(h.reason.rawValue) \(Paths.baseName(h.location.path)) \(h.firstLine)"
        }.sorted()
    }

    @Test(arguments: [("site-packages", true, true), ("dist-packages", true, true), ("site-packages", false, false), ("site_packages", true, false)])
    func claims(name: String, isDirectory: Bool, expected: Bool) {
        #expect(StartupHooks().claims(name: name, parentName: "python3.11", isDirectory: isDirectory) == expected)
    }

    @Test func unownedCodeHooksAreReportedAndOwnedOrPathOnlyOnesAreNot() throws {
        let precedence = "import os; var = 'SETUPTOOLS_USE_DISTUTILS'; enabled = os.environ.get(var, 'local') == 'local'\n"
        let e = try run([
            "\(Self.sp)/distutils-precedence.pth": precedence,
            "\(Self.sp)/setuptools-69.0.0.dist-info/RECORD": record([("distutils-precedence.pth", precedence)]),
            "\(Self.sp)/paths.pth": "# comment\n/opt/extra/lib\n../relative\n",
            "\(Self.sp)/evil.pth": "/some/path\nimport os; os.system('x')\n",
            "\(Self.sp)/sitecustomize.py": "\n# patch things\nimport sys\n",
            "\(Self.sp)/_virtualenv.pth": "import _virtualenv\n",
            "\(Self.sp)/_virtualenv.py": "# shim\n",
            "env/pyvenv.cfg": "home = /usr/bin\nversion_info = 3.11.7.final.0\n",
        ])
        #expect(hooks(e) == ["unowned evil.pth import os; os.system('x')", "unowned sitecustomize.py # patch things"])
        #expect(e.environments == [EnvironmentRecord(path: "env", kind: .venv, pythonVersion: "3.11.7", distributions: 1)])
    }

    @Test func virtualenvShimIsOnlyExemptWithItsExactContentAndModule() throws {
        let e = try run(["\(Self.sp)/_virtualenv.pth": "import _virtualenv; import os\n", "\(Self.sp)/_virtualenv.py": "#\n"])
        #expect(hooks(e) == ["unowned _virtualenv.pth import _virtualenv; import os"])
        let alone = try run(["\(Self.sp)/_virtualenv.pth": "import _virtualenv\n"])
        #expect(hooks(alone).count == 1)
    }

    @Test func hookWhoseBytesDifferFromItsRecordIsModified() throws {
        let e = try run([
            "\(Self.sp)/distutils-precedence.pth": "import os; evil()\n",
            "\(Self.sp)/setuptools-69.0.0.dist-info/RECORD": record([("distutils-precedence.pth", "import os; fine()\n")]),
        ])
        #expect(hooks(e) == ["modified distutils-precedence.pth import os; evil()"])
    }

    @Test func eggInfoAndCondaRecordsOwnHooks() throws {
        let e = try run([
            "\(Self.sp)/a.pth": "import a\n",
            "\(Self.sp)/a-1.0-py3.11.egg-info/installed-files.txt": "../a.pth\n../a/__init__.py\n",
            "\(Self.sp)/b.pth": "import b\n",
            "env/conda-meta/b-1.0-0.json": #"{"name": "b", "version": "1.0", "files": ["lib/python3.11/site-packages/b.pth"]}"#,
        ])
        #expect(hooks(e).isEmpty)
    }

    @Test func dpkgListsUnderTheAuditRootOwnDebianHooks() throws {
        let sp = "/img/usr/lib/python3/dist-packages"
        let files = InMemoryFiles(text: [
            "\(sp)/deb.pth": "import deb\n",
            "\(sp)/rogue.pth": "import rogue\n",
            "/img/var/lib/dpkg/info/python3-deb.list": "/.\n/usr\n/usr/lib/python3/dist-packages\n/usr/lib/python3/dist-packages/deb.pth\n",
        ])
        let e = try Self.run(FileEntry(path: sp, name: "dist-packages", parentName: "python3", kind: .directory), files, root: "/img")
        #expect(hooks(e) == ["unowned rogue.pth import rogue"])
        #expect(e.environments.first?.path == "/img/usr")
        #expect(e.environments.first?.kind == .system)
    }

    @Test func anImportAppendedToADpkgOwnedPthIsModified() throws {
        let sp = "/img/usr/lib/python3/dist-packages"
        let original = "import deb\n"
        let md5 = Hex.encode(MD5.hash(Array(original.utf8)))
        let list = "/usr/lib/python3/dist-packages/deb.pth\n/usr/lib/python3/dist-packages/same.pth\n"
        let sums = "\(md5)  usr/lib/python3/dist-packages/deb.pth\n\(md5)  usr/lib/python3/dist-packages/same.pth\n"
        let files = InMemoryFiles(text: [
            "\(sp)/deb.pth": original + "import os; os.system('x')\n",
            "\(sp)/same.pth": original,
            "/img/var/lib/dpkg/info/python3-deb.list": list,
            "/img/var/lib/dpkg/info/python3-deb.md5sums": sums,
        ])
        let e = try Self.run(FileEntry(path: sp, name: "dist-packages", parentName: "python3", kind: .directory), files, root: "/img")
        #expect(hooks(e).filter { $0.hasPrefix("modified") }.map { $0.split(separator: " ")[1] } == ["deb.pth"])
        #expect(!hooks(e).contains { $0.contains("same.pth") }, "dpkg-owned and unchanged")
        let findings = e.observations.flatMap(Matcher(database: try Fixtures.database()).findings(for:))
        #expect(findings.contains { $0.evidence.contains("differ from the digest recorded by dpkg:python3-deb") })
    }

    /// A conda-meta record (conda's schema) owning `x.pth` with the given `paths_data` row fields.
    private func condaRecord(_ row: String?) -> String {
        let rows = row.map { #", "paths_data": {"paths": [{"_path": "lib/python3.11/site-packages/x.pth", "path_type": "hardlink"\#($0)}], "paths_version": 1}"# } ?? ""
        return #"{"name": "x", "version": "1", "build": "py_0", "files": ["lib/python3.11/site-packages/x.pth"]\#(rows)}"#
    }

    private func sha(_ text: String) -> String { Hex.encode(SHA256.hash(Array(text.utf8))) }

    @Test func condaRecordsVerifyOwnedHooksByTheirInstalledSha256() throws {
        let meta = "env/conda-meta/x-1-py_0.json"
        func check(_ row: String?, pth: String = "import x\n") throws -> (hooks: [String], warnings: [String]) {
            let e = try run(["\(Self.sp)/x.pth": pth, meta: condaRecord(row)])
            return (hooks(e), e.issues.filter { $0.level == .warning }.map(\.message))
        }
        // sha256_in_prefix is the installed bytes' digest and wins over the package's sha256.
        let good = try check(#", "sha256": "\#(sha("other\n"))", "sha256_in_prefix": "\#(sha("import x\n"))", "size_in_bytes": 9"#)
        #expect(good.hooks.isEmpty && good.warnings.isEmpty)
        let changed = try check(#", "sha256_in_prefix": "\#(sha("import x\n"))""#, pth: "import x\nimport os\n")
        #expect(changed.hooks == ["modified x.pth import x"])
        // Only the package sha256, no prefix replacement: it describes the installed bytes.
        #expect(try check(#", "sha256": "\#(sha("import x\n"))""#).hooks.isEmpty)
        #expect(try check(#", "sha256": "\#(sha("import y\n"))""#).hooks == ["modified x.pth import x"])
        // Prefix replaced without sha256_in_prefix, or no paths_data at all: owned, unverifiable, a warning.
        let replaced = try check(#", "sha256": "\#(sha("import y\n"))", "prefix_placeholder": "/opt/anaconda1anaconda2anaconda3", "file_mode": "text""#)
        #expect(replaced.hooks.isEmpty)
        #expect(replaced.warnings.count == 1 && replaced.warnings.first?.contains("no sha256_in_prefix") == true)
        let old = try check(nil)
        #expect(old.hooks.isEmpty)
        #expect(old.warnings.count == 1 && old.warnings.first?.contains("records no digest") == true)
    }

    @Test func unparsableRecordIsAnErrorAndTheHookStaysUnowned() throws {
        let e = try run(["\(Self.sp)/x.pth": "import x\n", "\(Self.sp)/x-1.dist-info/RECORD": "x.pth,sha256=!!!,1\n"])
        #expect(e.issues.contains { $0.level == .error && $0.location.path.hasSuffix("RECORD") })
        #expect(hooks(e) == ["unowned x.pth import x"])
    }
}

@Suite struct InstallIntegrityTests {
    static let sp = "v/lib/python3.11/site-packages"

    private func integrity(_ files: [String: String], record: String) throws -> Extraction {
        var all = files
        all["\(Self.sp)/litellm-1.82.6.dist-info/RECORD"] = record
        let extractor = InstallIntegrity(database: try Fixtures.database())
        #expect(extractor.claims(name: "litellm-1.82.6.dist-info", parentName: "site-packages", isDirectory: true))
        #expect(!extractor.claims(name: "litellm_proxy_extras-1.82.7.dist-info", parentName: "site-packages", isDirectory: true))
        return extractor.check(FileEntry(path: "\(Self.sp)/litellm-1.82.6.dist-info", name: "litellm-1.82.6.dist-info",
                                         parentName: "site-packages", kind: .directory),
                               in: HostContext(database: try Fixtures.database(), files: InMemoryFiles(text: all)))
    }

    private func line(_ path: String, _ content: String) -> String {
        "\(path),sha256=\(Base64URL.encode(SHA256.hash(Array(content.utf8)))),\(content.utf8.count)"
    }

    private func problems(_ e: Extraction) -> [String] {
        e.observations.flatMap { o -> [String] in
            guard case .integrity(let i) = o else { return [] }
            return i.counts.samples.map { "\($0.problem.rawValue) \($0.path.replacingOccurrences(of: Self.sp + "/", with: ""))" }
        }.sorted()
    }

    private func integrityObservations(_ e: Extraction) -> [IntegrityObservation] {
        e.observations.compactMap { o in
            guard case .integrity(let i) = o else { return nil }
            return i
        }
    }

    @Test func modifiedMissingAndUnlistedFilesAreObserved() throws {
        let record = [line("litellm/__init__.py", "ok\n"), line("litellm/a.py", "a\n"), line("litellm/gone.py", "g\n"),
                      "litellm-1.82.6.dist-info/RECORD,,", line("../../../bin/litellm", "#!\n"), line("/etc/passwd", "root"), "../../../../x,,"]
            .joined(separator: "\n")
        let e = try integrity([
            "\(Self.sp)/litellm/__init__.py": "ok\n",
            "\(Self.sp)/litellm/a.py": "tampered\n",
            "\(Self.sp)/litellm/new.py": "x\n",
            "\(Self.sp)/litellm/__pycache__/a.cpython-311.pyc": "pyc",
            "v/bin/litellm": "#!\n",
        ], record: record)
        #expect(problems(e) == ["missing litellm/gone.py", "modified litellm/a.py", "unlisted litellm/new.py"])
        let one = integrityObservations(e)
        #expect(one.count == 1, "one observation per install")
        #expect(one.map { [$0.counts.modified, $0.counts.missing, $0.counts.unlisted] } == [[1, 1, 1]])
        #expect(one.first?.location.path == "\(Self.sp)/litellm-1.82.6.dist-info/RECORD")
        let outside = e.issues.filter { $0.message.contains("leaves the environment") }
        #expect(outside.count == 2, "absolute and over-deep .. paths are never read")
    }

    @Test func aRecordListingOnlyAbsentFilesBesideAPlantedPackageIsNotAMetadataOnlyCopy() throws {
        // Found by attack: RECORD names one absent file, so no listed file is present, while the
        // package folder Python imports holds files RECORD does not list (was: a warning, exit 0).
        let e = try integrity(["\(Self.sp)/litellm/__init__.py": "import os\n", "\(Self.sp)/litellm/proxy/evil.py": "import os\n"],
                              record: [line("litellm/gone.py", "g\n"), "litellm-1.82.6.dist-info/RECORD,,"].joined(separator: "\n"))
        #expect(problems(e) == ["missing litellm/gone.py", "unlisted litellm/__init__.py", "unlisted litellm/proxy/evil.py"])
        #expect(!e.issues.contains { $0.message.contains("metadata-only") })
        // A real metadata-only copy (nothing of the package on disk) is still one warning.
        let copy = try integrity([:], record: line("litellm/gone.py", "g\n"))
        #expect(copy.observations.isEmpty)
        #expect(copy.issues.map(\.message).contains { $0.contains("metadata-only") })
    }

    @Test func matchingInstallHasNoProblemsAndNoObservations() throws {
        let e = try integrity(["\(Self.sp)/litellm/__init__.py": "ok\n"], record: line("litellm/__init__.py", "ok\n"))
        #expect(problems(e).isEmpty)
        #expect(e.observations.isEmpty)
    }

    @Test func aKnownBadFileIsNamedEvenWhenRecordAgreesWithIt() throws {
        // A stand-in advisory whose "malicious" proxy_server.py is the bytes "evil\n".
        let evil = Hex.encode(SHA256.hash(Array("evil\n".utf8)))
        let json = #"{"id": "x_TEST-1", "modified": "2026-01-01T00:00:00Z", "affected": [{"package": {"ecosystem": "PyPI", "name": "litellm"}, "versions": ["9.9.9"]}], "database_specific": {"litmus": {"indicators": {"files": [{"name": "proxy_server.py", "path_suffix": "litellm/proxy/proxy_server.py", "sha256": "\#(evil)"}]}}}}"#
        let db = AdvisoryDatabase(try OSVDecoder.decode(Array(json.utf8), source: "test"))
        let files = InMemoryFiles(text: [
            "\(Self.sp)/litellm/proxy/proxy_server.py": "evil\n",
            "\(Self.sp)/litellm-1.82.6.dist-info/RECORD": line("litellm/proxy/proxy_server.py", "evil\n"),
        ])
        let e = InstallIntegrity(database: db).check(FileEntry(path: "\(Self.sp)/litellm-1.82.6.dist-info", name: "litellm-1.82.6.dist-info",
                                                               parentName: "site-packages", kind: .directory), in: HostContext(database: db, files: files))
        #expect(problems(e).isEmpty, "RECORD agrees with the file")
        let findings = e.observations.flatMap(Matcher(database: db).findings(for:))
        #expect(findings.map(\.kind) == [.knownBadHash])
        #expect(findings.first?.location.path.hasSuffix("litellm/proxy/proxy_server.py") == true)
    }

    @Test func aShrunkInstallIsOneFindingWithCountsAndTheFirstTwentyPaths() throws {
        // 2,500 listed files; 2,000 of them removed, 3 modified, 5 added under the package folder.
        var files: [String: String] = [:]
        var record: [String] = []
        for i in 0..<2_500 {
            let name = String(format: "litellm/m%04d.py", i)
            record.append(line(name, "m\(i)\n"))
            if i >= 2_000 { files["\(Self.sp)/\(name)"] = i < 2_003 ? "changed\n" : "m\(i)\n" }
        }
        for i in 0..<5 { files["\(Self.sp)/litellm/extra\(i).py"] = "x\n" }
        let e = try integrity(files, record: record.joined(separator: "\n"))
        let observations = integrityObservations(e)
        #expect(observations.count == 1)
        let c = try #require(observations.first?.counts)
        #expect(c.modified == 3 && c.missing == 2_000 && c.unlisted == 5)
        #expect(c.samples.count == 20)
        #expect(c.samples.first?.path == "\(Self.sp)/litellm/extra0.py", "samples are the first paths in byte order")
        #expect(c.samples.map(\.path) == c.samples.map(\.path).sorted())
        #expect(c.samples.last?.path == "\(Self.sp)/litellm/m0014.py")
        let findings = e.observations.flatMap(Matcher(database: try Fixtures.database()).findings(for:))
        #expect(findings.count == 1)
        let f = try #require(findings.first)
        #expect(f.kind == .recordMismatch)
        #expect(f.integrity == c)
        #expect(f.evidence.contains("2008 installed files disagree with RECORD (3 modified, 2000 missing, 5 unlisted); first 20: unlisted litellm/extra0.py"))
        var report = ScanReport(command: "audit", roots: ["/"], database: try Fixtures.database(), startedAt: Date())
        report.findings = [f]
        let json = JSONReporter().render(report, context: ReportContext())
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let integrity = try #require((doc["findings"] as? [[String: Any]])?.first?["integrity"] as? [String: Any])
        #expect(integrity["missing"] as? Int == 2_000)
        #expect((integrity["paths"] as? [[String: Any]])?.count == 20)
    }

    @Test func metadataOnlyCopyIsOneWarning() throws {
        let e = try integrity([:], record: [line("litellm/__init__.py", "ok\n"), line("litellm/b.py", "b\n")].joined(separator: "\n"))
        #expect(problems(e).isEmpty)
        #expect(e.issues.map(\.level) == [.warning])
    }
}

@Suite struct CondaAndMarkerTests {
    @Test func condaMetaRecordsAreInstalledPackagesAndAnEnvironment() throws {
        let files = InMemoryFiles(text: [
            "opt/conda/envs/ml/conda-meta/litellm-1.82.8-pyhd8ed1ab_0.json": #"{"name": "litellm", "version": "1.82.8", "build": "pyhd8ed1ab_0"}"#,
            "opt/conda/envs/ml/conda-meta/python-3.11.7-h0.json": #"{"name": "python", "version": "3.11.7"}"#,
            "opt/conda/envs/ml/conda-meta/history": "==> 2026-03-24 <==\n",
            "opt/conda/envs/ml/conda-meta/broken.json": "{",
        ])
        let e = CondaMeta().extract(FileEntry(path: "opt/conda/envs/ml/conda-meta", name: "conda-meta", parentName: "ml", kind: .directory), files: files)
        #expect(e.environments == [EnvironmentRecord(path: "opt/conda/envs/ml", kind: .conda, pythonVersion: "3.11.7", distributions: 2)])
        #expect(e.issues.map(\.message) == ["not valid JSON: unterminated object"])
        let findings = e.observations.flatMap(Matcher(database: try Fixtures.database()).findings(for:))
        #expect(findings.map { "\($0.kind.rawValue) \($0.version ?? "")" } == ["compromised-version 1.82.8"])
    }

    @Test(arguments: [
        ("/h/.local/share/pipx/venvs/black", true, EnvironmentRecord.Kind.pipx),
        ("/h/.local/share/uv/tools/ruff", true, .uvTool),
        ("/h/.local/share/uv/python/cpython-3.11.7-linux-x86_64-gnu", false, .uvPython),
        ("/h/.cache/pypoetry/virtualenvs/app-Ab12-py3.11", true, .poetry),
        ("/h/.local/share/virtualenvs/app-Ab12", true, .pipenv),
        ("/h/.local/share/hatch/env/virtual/app/x/app", true, .hatch),
        ("/h/.pyenv/versions/3.11.7", false, .pyenv),
        ("/h/proj/.venv", true, .venv),
        ("/h/.local", false, .userSite),
        ("/usr", false, .system),
        ("/usr/local", false, .system),
        ("/opt/weird", false, .sitePackages),
    ])
    func kindsFollowTheToolsFolderNames(root: String, venv: Bool, kind: EnvironmentRecord.Kind) {
        #expect(EnvironmentRecord.kind(forRoot: root, isVirtualEnv: venv) == kind)
    }

    @Test func mergingKeepsTheMostSpecificKindAndVersion() {
        let merged = EnvironmentRecord.merged([
            EnvironmentRecord(path: "/e", kind: .sitePackages, pythonVersion: "3.11", distributions: 4),
            EnvironmentRecord(path: "/e", kind: .venv, pythonVersion: "3.11.7"),
            EnvironmentRecord(path: "/a", kind: .pipCache),
        ])
        #expect(merged == [EnvironmentRecord(path: "/a", kind: .pipCache), EnvironmentRecord(path: "/e", kind: .venv, pythonVersion: "3.11.7", distributions: 4)])
    }

    @Test func persistencePathsMatchInEveryHomeAndUnitsByDescription() throws {
        let db = try Fixtures.database()
        let m = Matcher(database: db)
        func kinds(_ path: String, _ head: String) -> [FindingKind] {
            m.findings(for: .file(FileObservation(location: FileLocation(path: path), name: Paths.baseName(path), size: 1, sha256: nil, head: head)))
                .map(\.kind)
        }
        #expect(kinds("/img/home/dev/.config/sysmon/sysmon.py", "#") == [.persistence])
        #expect(kinds("/root/.config/systemd/user/sysmon.service", "[Unit]\n") == [.persistence])
        #expect(kinds("/home/a/.config/systemd/user/telemetry.service", "[Unit]\nDescription=System Telemetry Service\n") == [.persistence])
        #expect(kinds("/home/a/.config/systemd/user/syncthing.service", "[Unit]\nDescription=Syncthing\n").isEmpty)
        #expect(kinds("/etc/systemd/system/telemetry.service", "Description=System Telemetry Service").isEmpty)
        #expect(kinds("/img/tmp/pglog", "") == [.persistence])
        #expect(kinds("/home/a/notes/pglog.txt", "").isEmpty)
        #expect(kinds("/home/a/.config/audiomon/audiomon.py", "") == [.persistence])
        let indicator = IndicatorFiles(indicators: [], persistence: db.advisories.flatMap(\.persistenceIndicators))
        #expect(indicator.claims(name: "telemetry.service", parentName: "user", isDirectory: false))
        #expect(!indicator.claims(name: "telemetry.service", parentName: "system", isDirectory: false))
        #expect(indicator.claims(name: ".pg_state", parentName: "tmp", isDirectory: false))
    }
}

@Suite struct PersistenceContentTests {
    @Test func aDescriptionAfterFourKiBIsStillFound() throws {
        let db = try Fixtures.database()
        let path = "/home/a/.config/systemd/user/telemetry.service"
        let padding = "# " + String(repeating: "x", count: 78) + "\n"
        let unit = "[Unit]\n" + String(repeating: padding, count: 80) + "Description=System Telemetry Service\n"
        #expect(unit.utf8.count > 6000)
        let files = InMemoryFiles(text: [path: unit, "/home/a/.config/systemd/user/quiet.service": "[Unit]\n" + String(repeating: padding, count: 80)])
        let check = IndicatorFiles(database: db)
        let matcher = Matcher(database: db)
        func kinds(_ p: String) -> [FindingKind] {
            let e = check.check(FileEntry(path: p, name: Paths.baseName(p), parentName: "user", kind: .file), in: HostContext(database: db, files: files))
            #expect(e.issues.isEmpty)
            return e.observations.flatMap(matcher.findings(for:)).map(\.kind)
        }
        #expect(kinds(path) == [.persistence])
        #expect(kinds("/home/a/.config/systemd/user/quiet.service").isEmpty)
    }
}
