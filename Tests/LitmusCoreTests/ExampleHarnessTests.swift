import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusHostChecks
@testable import LitmusWalk

/// One example harness for every extractor and host check: each row is a fixture, the command
/// run on it (`scan`, or `audit --root` of it), the exact set of findings
/// (`path:line:kind:advisory`, the path relative to the fixture) and of issues
/// (`level path:line stage`), and the extractors and host checks the row exercises.
///
/// `everyExtractorAndHostCheckHasARow` fails when a type in ``Extractors/all`` or
/// ``HostChecks`` has no row, and `eachRowExercisesWhatItNames` proves each row's claim by
/// running the fixture with that one component alone and requiring output from it.
@Suite struct ExampleHarnessTests {
    enum Command: String, Sendable { case scan, audit }

    struct Row: Sendable, CustomTestStringConvertible {
        var fixture: String
        var command: Command
        var findings: Set<String>
        var issues: Set<String> = []
        var exercises: Set<String>

        init(_ fixture: String, _ command: Command, findings: Set<String>, issues: Set<String> = [], exercises: Set<String>) {
            self.fixture = fixture
            self.command = command
            self.findings = findings
            self.issues = issues
            self.exercises = exercises
        }

        var testDescription: String { "\(command.rawValue) \(fixture)" }

        /// The scanner the command uses, or one limited to the given components.
        func scanner(extractors: [any Extractor] = Extractors.all, hostChecks: [any HostCheck.Type]? = nil) throws -> (LitmusCore.Scanner, String) {
            let root = try Fixtures.existing(fixture)
            let database = try AdvisoryDatabase.embedded()
            switch command {
            case .scan:
                return (LitmusCore.Scanner(database: database, extractors: extractors,
                                hostChecks: HostChecks.make(hostChecks ?? HostChecks.scan, database: database),
                                walkOptions: WalkOptions()), root)
            case .audit:
                var walk = WalkOptions(followSymlinks: false)
                walk.linkRoot = root
                return (LitmusCore.Scanner(database: database, extractors: extractors,
                                hostChecks: HostChecks.make(hostChecks ?? HostChecks.audit, database: database),
                                root: root, walkOptions: walk), root)
            }
        }

        /// Findings and issues of the whole command, as keys.
        func run() throws -> (findings: Set<String>, issues: Set<String>) {
            let (scanner, root) = try scanner()
            let report = scanner.scan([root], command: command.rawValue)
            func rel(_ path: String) -> String {
                path == root ? "." : path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
            }
            let findings = report.findings.map { "\(rel($0.location.path)):\($0.location.line.map(String.init) ?? "-"):\($0.kind.rawValue):\($0.advisoryID)" }
            let issues = report.issues.map { "\($0.level == .error ? "error" : "warning") \(rel($0.location.path)):\($0.location.line.map(String.init) ?? "-") \($0.stage)" }
            return (Set(findings), Set(issues))
        }

        /// Whether the component alone yields something on this fixture: an observation, an
        /// environment, a finding or an issue.
        func output(of component: String) throws -> Bool {
            let report: ScanReport
            if let e = Extractors.all.first(where: { ExampleHarnessTests.name(of: $0) == component }) {
                let (s, root) = try scanner(extractors: [e], hostChecks: [])
                report = s.scan([root], command: command.rawValue)
            } else if let c = ExampleHarnessTests.hostCheckTypes.first(where: { ExampleHarnessTests.name(of: $0) == component }) {
                guard command == .audit || HostChecks.scan.contains(where: { $0 == c }) else { return false }
                let (s, root) = try scanner(extractors: [], hostChecks: [c])
                report = s.scan([root], command: command.rawValue)
            } else {
                return false
            }
            return report.stats.observations > 0 || !report.environments.isEmpty || !report.findings.isEmpty || !report.issues.isEmpty
        }

        /// Every component with output on this fixture (for writing rows).
        func componentsWithOutput() throws -> Set<String> {
            Set(try ExampleHarnessTests.allComponents.filter { try output(of: $0) })
        }
    }

    static func name(of extractor: any Extractor) -> String { String(describing: type(of: extractor)) }
    static func name(of check: any HostCheck.Type) -> String { String(describing: check) }

    /// Every host check type in the static lists.
    static var hostCheckTypes: [any HostCheck.Type] {
        var out: [any HostCheck.Type] = []
        for t in HostChecks.audit + HostChecks.scan where !out.contains(where: { $0 == t }) { out.append(t) }
        return out
    }

    static var allComponents: [String] { Extractors.all.map(name(of:)) + hostCheckTypes.map(name(of:)) }

    static let rows: [Row] = [
        Row("artifacts/sdist/clean", .scan,
            findings: [],
            exercises: ["DistributionFile"]),
        Row("artifacts/sdist/compromised", .scan,
            findings: ["litellm-1.82.7.tar.gz:-:compromised-version:MAL-2026-2144"],
            exercises: ["DistributionFile"]),
        Row("artifacts/wheel/clean", .scan,
            findings: [],
            exercises: ["DistributionFile"]),
        Row("artifacts/wheel/compromised", .scan,
            findings: ["litellm-1.82.8-py3-none-any.whl:-:compromised-version:MAL-2026-2144"],
            exercises: ["DistributionFile"]),
        Row("audit/caches", .audit,
            findings: ["home/dev/.cache/pip/wheels/b6/5e/aa/d79027de7bd0b45a4e4f246cebfa1419a3e45396efc25d17a9/litellm-1.82.8-py3-none-any.whl:-:compromised-version:MAL-2026-2144", "home/dev/.cache/uv/archive-v0/q7Rk2mVwXc9TfL4s/litellm-1.82.8.dist-info/METADATA:3:compromised-version:MAL-2026-2144"],
            issues: ["warning home/dev/.cache/uv/archive-v0/q7Rk2mVwXc9TfL4s/litellm-1.82.8.dist-info/RECORD:- record"],
            exercises: ["DistInfo", "DistributionFile", "EnvironmentDiscovery", "InstallIntegrity", "PipHTTPCache"]),
        Row("audit/conda-hooks/clean", .audit,
            findings: [],
            exercises: ["CondaMeta", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/conda-hooks/compromised", .audit,
            findings: ["opt/conda/lib/python3.12/site-packages/distutils-precedence.pth:1:unowned-startup-hook:LITMUS-STARTUP-HOOK"],
            exercises: ["CondaMeta", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/conda-pkgs/clean", .audit,
            findings: [],
            exercises: ["CondaPackageCache"]),
        Row("audit/conda-pkgs/compromised", .audit,
            findings: ["opt/conda/pkgs/litellm-1.82.8-pyhd8ed1ab_0.conda:-:compromised-version:MAL-2026-2144", "opt/conda/pkgs/litellm-1.82.8-pyhd8ed1ab_0/info/index.json:-:compromised-version:MAL-2026-2144"],
            exercises: ["CondaPackageCache"]),
        Row("audit/envs", .audit,
            findings: [],
            exercises: ["CondaMeta", "DistInfo", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/integrity/clean", .audit,
            findings: [],
            exercises: ["DistInfo", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/integrity/compromised", .audit,
            findings: ["home/dev/svc/.venv/lib/python3.11/site-packages/litellm-1.82.6.dist-info/RECORD:-:record-mismatch:MAL-2026-2144"],
            exercises: ["DistInfo", "EnvironmentDiscovery", "InstallIntegrity", "StartupHooks"]),
        Row("audit/persistence/clean", .audit,
            findings: [],
            exercises: ["IndicatorFiles"]),
        Row("audit/persistence/compromised", .audit,
            findings: ["home/dev/.config/sysmon/sysmon.py:-:persistence:MAL-2026-2144", "home/dev/.config/systemd/user/sysmon.service:-:persistence:MAL-2026-2144", "home/dev/.config/systemd/user/telemetry.service:-:persistence:MAL-2026-2144", "root/.config/sysmon/sysmon.py:-:persistence:MAL-2026-2144", "tmp/.pg_state:-:persistence:MAL-2026-2144", "tmp/pglog:-:persistence:MAL-2026-2144", "tmp/tpcp.tar.gz:-:persistence:MAL-2026-2144"],
            exercises: ["IndicatorFiles"]),
        Row("audit/planted-config/compromised", .audit,
            findings: ["root/.config/sysmon/sysmon.py:-:persistence:MAL-2026-2144"],
            exercises: ["IndicatorFiles"]),
        Row("audit/startup-hooks/clean", .audit,
            findings: [],
            exercises: ["DistInfo", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/startup-hooks/compromised", .audit,
            findings: ["home/dev/app/.venv/lib/python3.11/site-packages/distutils-precedence.pth:1:unowned-startup-hook:LITMUS-STARTUP-HOOK", "home/dev/app/.venv/lib/python3.11/site-packages/evil_hook.pth:1:unowned-startup-hook:LITMUS-STARTUP-HOOK", "home/dev/app/.venv/lib/python3.11/site-packages/sitecustomize.py:-:unowned-startup-hook:LITMUS-STARTUP-HOOK"],
            exercises: ["DistInfo", "EnvironmentDiscovery", "StartupHooks"]),
        Row("audit/uv-symlink/clean", .audit,
            findings: [],
            exercises: ["DistInfo", "EnvironmentDiscovery"]),
        Row("audit/uv-symlink/compromised", .audit,
            findings: ["home/dev/.cache/uv/archive-v0/MlhVJGujOpQAVNIm/litellm-1.82.8.dist-info/METADATA:3:compromised-version:MAL-2026-2144", "home/dev/.cache/uv/archive-v0/MlhVJGujOpQAVNIm/litellm_init.pth:-:ioc-file:MAL-2026-2144", "home/dev/project/.venv/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA:3:compromised-version:MAL-2026-2144", "home/dev/project/.venv/lib/python3.11/site-packages/litellm_init.pth:-:ioc-file:MAL-2026-2144"],
            exercises: ["DistInfo", "EnvironmentDiscovery", "IndicatorFiles", "StartupHooks"]),
        Row("audit/zip-path/clean", .audit,
            findings: [],
            exercises: ["EnvironmentDiscovery", "ZipPathEntries"]),
        Row("audit/zip-path/compromised", .audit,
            findings: ["home/dev/app/.venv/lib/python3.11/site-packages/helper-1.0-py3.11.egg/EGG-INFO/PKG-INFO:3:compromised-version:MAL-2026-2144", "home/dev/app/.venv/lib/python3.11/site-packages/helper-1.0-py3.11.egg/sitecustomize.py:-:unowned-startup-hook:LITMUS-STARTUP-HOOK"],
            exercises: ["EnvironmentDiscovery", "ZipPathEntries"]),
        Row("dist-info/debian-dist-packages/clean", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/debian-dist-packages/compromised", .scan,
            findings: ["usr/local/lib/python3.11/dist-packages/litellm-1.82.8.dist-info/METADATA:3:compromised-version:MAL-2026-2144"],
            exercises: ["DistInfo"]),
        Row("dist-info/egg-info/clean", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/egg-info/compromised", .scan,
            findings: ["dir-form/site-packages/litellm-1.82.8-py3.11.egg-info/PKG-INFO:3:compromised-version:MAL-2026-2144", "file-form/site-packages/litellm-1.82.8-py3.11.egg-info:3:compromised-version:MAL-2026-2144"],
            exercises: ["DistInfo"]),
        Row("dist-info/lookalikes", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/mismatch/clean", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/mismatch/compromised", .scan,
            findings: ["V/lib/python3.11/site-packages/litellm-1.82.6.dist-info/METADATA:3:compromised-version:MAL-2026-2144"],
            exercises: ["DistInfo"]),
        Row("dist-info/pip-venv/clean", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/pip-venv/compromised", .scan,
            findings: ["V/lib/python3.11/site-packages/litellm-1.82.8.dist-info/METADATA:3:compromised-version:MAL-2026-2144", "V/lib/python3.11/site-packages/litellm_init.pth:-:ioc-file:MAL-2026-2144"],
            exercises: ["DistInfo", "IndicatorFiles"]),
        Row("dist-info/uv-venv/clean", .scan,
            findings: [],
            exercises: ["DistInfo"]),
        Row("dist-info/uv-venv/compromised", .scan,
            findings: ["V/lib/python3.11/site-packages/litellm-1.82.7.dist-info/METADATA:3:compromised-version:MAL-2026-2144"],
            exercises: ["DistInfo"]),
        Row("lockfiles/conda-lock/clean", .scan,
            findings: [],
            exercises: ["CondaEnvironment", "CondaLock"]),
        Row("lockfiles/conda-lock/compromised", .scan,
            findings: ["conda-lock.yml:53:compromised-version:MAL-2026-2144", "environment.yml:8:compromised-version:MAL-2026-2144"],
            exercises: ["CondaEnvironment", "CondaLock"]),
        Row("lockfiles/pdm-lock/clean", .scan,
            findings: [],
            exercises: ["PdmLock", "Pyproject"]),
        Row("lockfiles/pdm-lock/compromised", .scan,
            findings: ["pdm.lock:416:compromised-version:MAL-2026-2144", "pdm.lock:436:compromised-version:MAL-2026-2144", "pdm.lock:437:compromised-version:MAL-2026-2144", "pyproject.toml:5:compromised-version:MAL-2026-2144"],
            exercises: ["PdmLock", "Pyproject"]),
        Row("lockfiles/pipenv/clean", .scan,
            findings: [],
            exercises: ["Pipfile", "PipfileLock"]),
        Row("lockfiles/pipenv/compromised", .scan,
            findings: ["Pipfile.lock:893:compromised-version:MAL-2026-2144", "Pipfile:7:compromised-version:MAL-2026-2144"],
            exercises: ["Pipfile", "PipfileLock"]),
        Row("lockfiles/pixi-lock/clean", .scan,
            findings: [],
            exercises: ["PixiLock"]),
        Row("lockfiles/pixi-lock/compromised", .scan,
            findings: ["pixi.lock:14:compromised-version:MAL-2026-2144", "pixi.lock:35:compromised-version:MAL-2026-2144"],
            exercises: ["PixiLock"]),
        Row("lockfiles/poetry-lock-v1.1/clean", .scan,
            findings: [],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/poetry-lock-v1.1/compromised", .scan,
            findings: ["poetry.lock:1097:compromised-version:MAL-2026-2144", "poetry.lock:1098:compromised-version:MAL-2026-2144", "poetry.lock:543:compromised-version:MAL-2026-2144", "pyproject.toml:9:compromised-version:MAL-2026-2144"],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/poetry-lock-v1.8/clean", .scan,
            findings: [],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/poetry-lock-v1.8/compromised", .scan,
            findings: ["poetry.lock:635:compromised-version:MAL-2026-2144", "poetry.lock:640:compromised-version:MAL-2026-2144", "poetry.lock:641:compromised-version:MAL-2026-2144", "pyproject.toml:10:compromised-version:MAL-2026-2144"],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/poetry-lock-v2/clean", .scan,
            findings: [],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/poetry-lock-v2/compromised", .scan,
            findings: ["poetry.lock:669:compromised-version:MAL-2026-2144", "poetry.lock:675:compromised-version:MAL-2026-2144", "poetry.lock:676:compromised-version:MAL-2026-2144", "pyproject.toml:6:compromised-version:MAL-2026-2144"],
            exercises: ["PoetryLock", "Pyproject"]),
        Row("lockfiles/pylock-pip/clean", .scan,
            findings: [],
            exercises: ["Pylock"]),
        Row("lockfiles/pylock-pip/compromised", .scan,
            findings: ["pylock.toml:303:compromised-version:MAL-2026-2144", "pylock.toml:306:compromised-version:MAL-2026-2144", "pylock.toml:307:compromised-version:MAL-2026-2144"],
            exercises: ["Pylock"]),
        Row("lockfiles/pylock-uv/clean", .scan,
            findings: [],
            exercises: ["Pylock", "Pyproject"]),
        Row("lockfiles/pylock-uv/compromised", .scan,
            findings: ["pylock.toml:311:compromised-version:MAL-2026-2144", "pylock.toml:314:compromised-version:MAL-2026-2144", "pylock.toml:315:compromised-version:MAL-2026-2144", "pyproject.toml:5:compromised-version:MAL-2026-2144"],
            exercises: ["Pylock", "Pyproject"]),
        Row("lockfiles/uv-lock/clean", .scan,
            findings: [],
            exercises: ["Pyproject", "UvLock"]),
        Row("lockfiles/uv-lock/compromised", .scan,
            findings: ["pyproject.toml:5:compromised-version:MAL-2026-2144", "uv.lock:154:compromised-version:MAL-2026-2144", "uv.lock:406:compromised-version:MAL-2026-2144", "uv.lock:422:compromised-version:MAL-2026-2144", "uv.lock:424:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject", "UvLock"]),
        Row("manifests/conda-env/clean", .scan,
            findings: [],
            exercises: ["CondaEnvironment"]),
        Row("manifests/conda-env/compromised", .scan,
            findings: ["environment.yml:10:compromised-version:MAL-2026-2144"],
            exercises: ["CondaEnvironment"]),
        Row("manifests/conda-env-anchors/clean", .scan,
            findings: [],
            exercises: ["CondaEnvironment"]),
        Row("manifests/conda-env-anchors/compromised", .scan,
            findings: ["environment.yml:4:compromised-version:MAL-2026-2144"],
            exercises: ["CondaEnvironment"]),
        Row("manifests/conda-env-export/clean", .scan,
            findings: [],
            exercises: ["CondaEnvironment"]),
        Row("manifests/conda-env-export/compromised", .scan,
            findings: ["environment.yml:30:compromised-version:MAL-2026-2144"],
            exercises: ["CondaEnvironment"]),
        Row("manifests/hatch-toml/clean", .scan,
            findings: [],
            exercises: ["HatchToml", "Pyproject"]),
        Row("manifests/hatch-toml/compromised", .scan,
            findings: ["hatch.toml:12:compromised-version:MAL-2026-2144", "hatch.toml:4:compromised-version:MAL-2026-2144"],
            exercises: ["HatchToml", "Pyproject"]),
        Row("manifests/pipfile-extras/clean", .scan,
            findings: [],
            exercises: ["Pipfile"]),
        Row("manifests/pipfile-extras/compromised", .scan,
            findings: ["Pipfile:8:compromised-version:MAL-2026-2144"],
            exercises: ["Pipfile"]),
        Row("manifests/pixi-toml/clean", .scan,
            findings: [],
            exercises: ["PixiManifest"]),
        Row("manifests/pixi-toml/compromised", .scan,
            findings: ["pixi.toml:11:compromised-version:MAL-2026-2144", "pixi.toml:15:compromised-version:MAL-2026-2144", "pixi.toml:8:compromised-version:MAL-2026-2144"],
            exercises: ["PixiManifest"]),
        Row("manifests/pre-commit/clean", .scan,
            findings: [],
            exercises: ["PreCommitConfig"]),
        Row("manifests/pre-commit/compromised", .scan,
            findings: [".pre-commit-config.yaml:11:compromised-version:MAL-2026-2144", ".pre-commit-config.yaml:19:compromised-version:MAL-2026-2144"],
            exercises: ["PreCommitConfig"]),
        Row("manifests/pyproject-hatch/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-hatch/compromised", .scan,
            findings: ["pyproject.toml:13:compromised-version:MAL-2026-2144", "pyproject.toml:18:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-pep621/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-pep621/compromised", .scan,
            findings: ["pyproject.toml:16:compromised-version:MAL-2026-2144", "pyproject.toml:8:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-pixi/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-pixi/compromised", .scan,
            findings: ["pyproject.toml:16:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-poetry/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-poetry/compromised", .scan,
            findings: ["pyproject.toml:10:compromised-version:MAL-2026-2144", "pyproject.toml:18:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-poetry-ranges/admits", .scan,
            findings: ["pyproject.toml:10:range-admits:MAL-2026-2144", "pyproject.toml:13:range-admits:MAL-2026-2144", "pyproject.toml:16:range-admits:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-poetry-ranges/excludes", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-setuptools-dynamic/clean", .scan,
            findings: [],
            exercises: ["Pyproject", "RequirementsTxt"]),
        Row("manifests/pyproject-setuptools-dynamic/compromised", .scan,
            findings: ["requirements-proxy.in:2:compromised-version:MAL-2026-2144", "requirements.in:2:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject", "RequirementsTxt"]),
        Row("manifests/pyproject-tox/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-tox/compromised", .scan,
            findings: ["pyproject.toml:16:compromised-version:MAL-2026-2144", "pyproject.toml:23:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-tox-legacy/clean", .scan,
            findings: [],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-tox-legacy/compromised", .scan,
            findings: ["pyproject.toml:18:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/pyproject-url-credentials", .scan,
            findings: ["pyproject.toml:6:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject"]),
        Row("manifests/setup-cfg/clean", .scan,
            findings: [],
            exercises: ["SetupCfg"]),
        Row("manifests/setup-cfg/compromised", .scan,
            findings: ["setup.cfg:20:compromised-version:MAL-2026-2144", "setup.cfg:29:compromised-version:MAL-2026-2144"],
            exercises: ["SetupCfg"]),
        Row("manifests/tox-ini/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt", "ToxIni"]),
        Row("manifests/tox-ini/compromised", .scan,
            findings: ["tox.ini:10:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt", "ToxIni"]),
        Row("manifests/tox-toml/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt", "ToxToml"]),
        Row("manifests/tox-toml/compromised", .scan,
            findings: ["tox.toml:21:compromised-version:MAL-2026-2144", "tox.toml:8:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt", "ToxToml"]),
        Row("pipelines/circleci/clean", .scan,
            findings: [],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/circleci/compromised", .scan,
            findings: [".circleci/config.yml:17:compromised-version:MAL-2026-2144", ".circleci/config.yml:18:compromised-version:GHSA-69fq-xp46-6x23", ".circleci/config.yml:6:compromised-version:GHSA-69fq-xp46-6x23"],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/compose/clean", .scan,
            findings: [],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/compose/compromised", .scan,
            findings: ["compose.yaml:7:compromised-version:GHSA-69fq-xp46-6x23"],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/dockerfile/clean", .scan,
            findings: [],
            issues: ["warning Dockerfile:10 pipeline"],
            exercises: ["Dockerfile", "RequirementsTxt"]),
        Row("pipelines/dockerfile/compromised", .scan,
            findings: ["Dockerfile:12:compromised-version:GHSA-69fq-xp46-6x23", "Dockerfile:16:compromised-version:GHSA-69fq-xp46-6x23", "Dockerfile:17:compromised-version:MAL-2026-2144", "Dockerfile:6:compromised-version:MAL-2026-2144", "Dockerfile:8:compromised-version:MAL-2026-2144", "Dockerfile:9:compromised-version:MAL-2026-2144", "requirements.txt:1:compromised-version:MAL-2026-2144"],
            issues: ["warning Dockerfile:10 pipeline"],
            exercises: ["Dockerfile", "RequirementsTxt"]),
        Row("pipelines/github-workflow/clean", .scan,
            findings: [],
            exercises: ["GitHubWorkflow"]),
        Row("pipelines/github-workflow/compromised", .scan,
            findings: [".github/actions/scan/action.yml:10:compromised-version:MAL-2026-2144", ".github/actions/scan/action.yml:6:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:19:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:22:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:28:compromised-version:MAL-2026-2144", ".github/workflows/security.yml:30:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:36:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:41:compromised-version:GHSA-69fq-xp46-6x23", ".github/workflows/security.yml:45:compromised-version:GHSA-69fq-xp46-6x23"],
            exercises: ["GitHubWorkflow"]),
        Row("pipelines/github-workflow-checkmarx/clean", .scan,
            findings: [],
            exercises: ["GitHubWorkflow"]),
        Row("pipelines/github-workflow-checkmarx/compromised", .scan,
            findings: [".github/workflows/sast.yml:21:compromised-version:x_TEAMPCP-CHECKMARX-2026-03"],
            exercises: ["GitHubWorkflow"]),
        Row("pipelines/gitlab-ci/clean", .scan,
            findings: [],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/gitlab-ci/compromised", .scan,
            findings: [".gitlab-ci.yml:22:compromised-version:GHSA-69fq-xp46-6x23", ".gitlab-ci.yml:29:compromised-version:MAL-2026-2144", ".gitlab-ci.yml:9:compromised-version:MAL-2026-2144"],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/go-module/clean", .scan,
            findings: [],
            exercises: ["GoModule"]),
        Row("pipelines/go-module/compromised", .scan,
            findings: ["go.mod:6:compromised-version:GHSA-69fq-xp46-6x23", "go.sum:1:compromised-version:GHSA-69fq-xp46-6x23", "go.sum:2:compromised-version:GHSA-69fq-xp46-6x23"],
            exercises: ["GoModule"]),
        Row("pipelines/kubernetes/clean", .scan,
            findings: [],
            exercises: ["ContainerConfigs"]),
        Row("pipelines/kubernetes/compromised", .scan,
            findings: ["scan-job.yaml:13:compromised-version:GHSA-69fq-xp46-6x23", "scan-job.yaml:24:compromised-version:GHSA-69fq-xp46-6x23"],
            exercises: ["ContainerConfigs"]),
        Row("requirements/includes/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/includes/compromised", .scan,
            findings: ["base.txt:2:compromised-version:MAL-2026-2144", "constraints.txt:2:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/lookalikes", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/only-affected", .scan,
            findings: ["requirements-also-safe.txt:1:range-admits:MAL-2026-2144", "requirements-also-safe.txt:2:range-admits:MAL-2026-2254", "requirements-also-safe.txt:3:range-admits:MAL-2026-2144", "requirements-also-safe.txt:4:range-admits:MAL-2026-2254", "requirements.txt:1:compromised-version:MAL-2026-2144", "requirements.txt:2:compromised-version:MAL-2026-2254", "requirements.txt:3:compromised-version:MAL-2026-2144", "requirements.txt:4:compromised-version:MAL-2026-2254", "requirements.txt:5:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/pip-compile-hashes/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/pip-compile-hashes/compromised", .scan,
            findings: ["requirements.in:1:compromised-version:MAL-2026-2144", "requirements.txt:788:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/pip-freeze/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/pip-freeze/compromised", .scan,
            findings: ["requirements.txt:1:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/ranges", .scan,
            findings: ["requirements-admits.txt:1:range-admits:MAL-2026-2144", "requirements-admits.txt:2:range-admits:MAL-2026-2144", "requirements-admits.txt:3:range-admits:MAL-2026-2144", "requirements-admits.txt:4:range-admits:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/rye-lock/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/rye-lock/compromised", .scan,
            findings: ["requirements-dev.lock:17:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/spellings", .scan,
            findings: ["requirements.txt:11:compromised-version:MAL-2026-2144", "requirements.txt:2:compromised-version:MAL-2026-2144", "requirements.txt:3:compromised-version:MAL-2026-2144", "requirements.txt:4:compromised-version:MAL-2026-2144", "requirements.txt:5:compromised-version:MAL-2026-2144", "requirements.txt:6:compromised-version:MAL-2026-2144", "requirements.txt:7:compromised-version:MAL-2026-2144", "requirements.txt:8:compromised-version:MAL-2026-2144", "requirements.txt:9:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/url-credentials", .scan,
            findings: ["requirements.txt:3:compromised-version:MAL-2026-2144", "requirements.txt:4:compromised-version:MAL-2026-2254"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/uv-export/clean", .scan,
            findings: [],
            exercises: ["Pyproject", "RequirementsTxt"]),
        Row("requirements/uv-export/compromised", .scan,
            findings: ["pyproject.toml:5:compromised-version:MAL-2026-2144", "requirements.txt:677:compromised-version:MAL-2026-2144"],
            exercises: ["Pyproject", "RequirementsTxt"]),
        Row("requirements/uv-export-lock/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/uv-export-lock/compromised", .scan,
            findings: ["requirements.lock:79:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
        Row("requirements/uv-pip-compile/clean", .scan,
            findings: [],
            exercises: ["RequirementsTxt"]),
        Row("requirements/uv-pip-compile/compromised", .scan,
            findings: ["requirements.in:1:compromised-version:MAL-2026-2144", "requirements.txt:79:compromised-version:MAL-2026-2144"],
            exercises: ["RequirementsTxt"]),
    ]

    @Test(arguments: rows)
    func rowGivesExactlyItsFindingsAndIssues(_ row: Row) throws {
        let result = try row.run()
        #expect(result.findings == row.findings, "missing: \(row.findings.subtracting(result.findings).sorted()); unexpected: \(result.findings.subtracting(row.findings).sorted())")
        #expect(result.issues == row.issues, "missing: \(row.issues.subtracting(result.issues).sorted()); unexpected: \(result.issues.subtracting(row.issues).sorted())")
    }

    @Test(arguments: rows)
    func eachRowExercisesWhatItNames(_ row: Row) throws {
        for component in row.exercises.sorted() {
            #expect(Self.allComponents.contains(component), "\(component) is not an extractor or host check")
            #expect(try row.output(of: component), "\(component) alone yields nothing on \(row.fixture)")
        }
    }

    @Test func everyExtractorAndHostCheckHasARow() {
        let covered = Set(Self.rows.flatMap(\.exercises))
        let extractors = Extractors.all.map(Self.name(of:))
        let checks = Self.hostCheckTypes.map(Self.name(of:))
        #expect(Set(extractors).count == extractors.count, "extractor type names are unique")
        for e in extractors { #expect(covered.contains(e), "extractor \(e) has no row in ExampleHarnessTests") }
        for c in checks { #expect(covered.contains(c), "host check \(c) has no row in ExampleHarnessTests") }
        // Each component has a row where it finds something, not only rows where it is quiet.
        for component in extractors + checks {
            let rows = Self.rows.filter { $0.exercises.contains(component) }
            #expect(rows.isEmpty || rows.contains { !$0.findings.isEmpty } || component == "EnvironmentDiscovery",
                    "\(component) has no row with findings")
        }
    }
}
