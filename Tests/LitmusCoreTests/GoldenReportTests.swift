import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusModel
@testable import LitmusReporters
@testable import LitmusRules

/// Every reporter's whole output for two fixed reports (a scan and an audit with findings of
/// several kinds and severities, an ignored finding, an error, a warning, exclusions and an
/// inventory), compared byte for byte with `Tests/LitmusCoreTests/Golden/<report>.<format>`.
///
/// After an intended change of output, regenerate and review the diff:
///
///     LITMUS_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests
///     git diff Tests/LitmusCoreTests/Golden
@Suite struct GoldenReportTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden").path

    static let advisories = [
        Advisory(id: "MAL-2026-2144", aliases: ["PYSEC-2026-2", "GHSA-5mg7-485q-xm76"], summary: "litellm 1.82.7 and 1.82.8 were published with a credential stealer",
                 details: "TeamPCP published litellm 1.82.7 and 1.82.8 with stolen PyPI credentials.", modified: "2026-03-25T00:00:00Z",
                 affected: [AffectedPackage(ecosystem: "PyPI", name: PackageName("litellm"), versions: [], versionTexts: ["1.82.7", "1.82.8"])],
                 references: [AdvisoryReference(type: "ADVISORY", url: "https://osv.dev/vulnerability/MAL-2026-2144")],
                 severity: .critical, remediation: "Install litellm 1.82.6 or 1.82.9 and rotate every credential the host held.",
                 safeVersions: "<=1.82.6, >=1.82.9", source: "golden"),
    ]

    /// Test data, so the dates, host and directory are fixed.
    static func report(command: String) -> ScanReport {
        let started = Date(timeIntervalSince1970: 1_774_350_000)
        let audit = command == "audit"
        let root = audit ? "/" : "."
        var r = ScanReport(command: command, roots: [root], database: AdvisoryDatabase(advisories), startedAt: started)
        r.hostName = audit ? "build-07.example" : "ci-runner"
        r.workingDirectory = "/builds/app"
        r.finishedAt = started.addingTimeInterval(1.25)
        let a = advisories[0]
        let base = audit ? "/opt/venv/lib/python3.11/site-packages/" : "./"
        func finding(_ kind: FindingKind, _ severity: Severity, package: String?, version: String?, specifier: String? = nil,
                     path: String, line: Int?, evidence: String) -> Finding {
            Finding(kind: kind, severity: severity, advisoryID: a.id, aliases: a.aliases, package: package, version: version,
                    specifier: specifier, location: FileLocation(path: path, line: line), evidence: evidence, remediation: a.remediation)
        }
        if audit {
            r.findings = [
                finding(.compromisedVersion, .critical, package: "litellm", version: "1.82.8", path: base + "litellm-1.82.8.dist-info/METADATA", line: 3,
                        evidence: "litellm 1.82.8 is installed (Version: 1.82.8)"),
                finding(.iocFile, .critical, package: nil, version: nil, path: base + "litellm_init.pth", line: nil,
                        evidence: "litellm_init.pth: 34 bytes, starts \"import os\""),
                Finding(kind: .unownedStartupHook, severity: .high, advisoryID: HeuristicRule.startupHook, aliases: [], package: nil, version: nil,
                        specifier: nil, location: FileLocation(path: base + "zz_hook.pth"), evidence: "Python runs this file at every interpreter start; first line: import os",
                        remediation: "Remove the file unless you know what installed it."),
            ]
            r.environments = [EnvironmentRecord(path: "/opt/venv", kind: .venv, pythonVersion: "3.11.7", distributions: 2)]
            r.homes = ["/root"]
            r.inventory = [
                InventoryItem(name: "litellm", version: "1.82.8", specifier: nil, origin: .installed, ecosystem: "PyPI",
                              location: FileLocation(path: base + "litellm-1.82.8.dist-info/METADATA", line: 3)),
                InventoryItem(name: "requests", version: "2.32.3", specifier: nil, origin: .installed, ecosystem: "PyPI",
                              location: FileLocation(path: base + "requests-2.32.3.dist-info/METADATA", line: 3)),
            ]
            r.excludePatterns = ["mnt/nfs/**"]
            r.excluded = ["/mnt/nfs"]
            r.excludedCount = 1
            r.issues = [.warning("/proc", stage: "walk", "kernel filesystem not entered")]
        } else {
            r.findings = [
                finding(.rangeAdmits, .low, package: "litellm", version: nil, specifier: ">=1.80", path: "./pyproject.toml", line: 9,
                        evidence: "litellm >=1.80 admits 1.82.7, 1.82.8"),
                finding(.compromisedVersion, .critical, package: "litellm", version: "1.82.7", path: "./requirements.txt", line: 2,
                        evidence: "litellm pinned to 1.82.7 (written \"==1.82.7\")"),
                finding(.compromisedVersion, .critical, package: "litellm", version: "1.82.8", path: "./uv.lock", line: 41,
                        evidence: "litellm 1.82.8 locked <b>|`*_[x]"),
            ]
            r.findings[2].occurrences = 25  // a collapsed flood: the first 20 of 25 repeats are reported
            r.ignored = [IgnoredFinding(finding: finding(.compromisedVersion, .critical, package: "litellm", version: "1.82.8",
                                                         path: "./tests/data/requirements.txt", line: 1, evidence: "litellm pinned to 1.82.8"),
                                        reason: "inert test data", configPath: ".litmus.toml", configLine: 1, expires: "2026-12-31")]
            r.configPath = ".litmus.toml"
            r.inventory = [
                InventoryItem(name: "litellm", version: nil, specifier: ">=1.80", origin: .declared, ecosystem: "PyPI",
                              location: FileLocation(path: "./pyproject.toml", line: 9)),
                InventoryItem(name: "litellm", version: "1.82.7", specifier: nil, origin: .declared, ecosystem: "PyPI",
                              location: FileLocation(path: "./requirements.txt", line: 2)),
                InventoryItem(name: "litellm", version: "1.82.8", specifier: nil, origin: .locked, ecosystem: "PyPI",
                              location: FileLocation(path: "./uv.lock", line: 41)),
                InventoryItem(name: "torch", version: "2.5.1+cu121", specifier: nil, origin: .locked, ecosystem: "PyPI",
                              location: FileLocation(path: "./uv.lock", line: 97)),
            ]
            r.excludePatterns = ["tools/litmus/**"]
            r.excluded = ["./tools/litmus"]
            r.excludedCount = 1
            r.issues = [.error("./broken/poetry.lock", line: 7, stage: "poetry.lock", "could not parse poetry.lock line 7: unterminated string")]
        }
        r.stats = ScanReport.Stats(directories: 12, entries: 40, filesRead: 5, observations: 9)
        return r
    }

    static let extensions: [OutputFormat: String] = [
        .text: "txt", .json: "json", .sarif: "sarif", .junit: "junit.xml", .markdown: "md", .cyclonedx: "cdx.json",
    ]

    @Test(arguments: ["scan", "audit"], OutputFormat.allCases)
    func wholeOutputMatchesGolden(command: String, format: OutputFormat) throws {
        let ext = try #require(Self.extensions[format], "every format needs a golden file extension")
        let rendered = format.reporter.render(Self.report(command: command), context: ReportContext(failOn: .high))
        try Self.compare(rendered, golden: "\(command).\(ext)")
    }

    /// The text report as a terminal shows it (the default output: colour when standard output
    /// is a terminal) and with `--quiet`, whole.
    @Test(arguments: ["scan", "audit"])
    func textInColourAndQuietMatchesGolden(command: String) throws {
        let report = Self.report(command: command)
        try Self.compare(TextReporter().render(report, context: ReportContext(failOn: .high, color: true)), golden: "\(command).color.txt")
        try Self.compare(TextReporter().render(report, context: ReportContext(failOn: .high, quiet: true)), golden: "\(command).quiet.txt")
    }

    /// A report whose every untrusted field holds terminal escapes, a Windows path, a bidi
    /// override, NUL, invalid UTF-8 and markup (``DisplayEscapingTests/report()``), whole, in
    /// every format: the display convention is pinned byte for byte.
    @Test(arguments: OutputFormat.allCases)
    func hostileReportMatchesGolden(format: OutputFormat) throws {
        let ext = try #require(Self.extensions[format])
        let rendered = format.reporter.render(DisplayEscapingTests.report(), context: ReportContext(failOn: .high))
        try Self.compare(rendered, golden: "hostile.\(ext)")
    }

    /// Compares `rendered` with `Golden/<name>` (rewriting it first with LITMUS_UPDATE_GOLDEN=1).
    static func compare(_ rendered: String, golden name: String) throws {
        let path = directory + "/" + name
        if ProcessInfo.processInfo.environment["LITMUS_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try rendered.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let golden = try #require(FileManager.default.contents(atPath: path), "missing golden file \(path); see GoldenReportTests")
        let expected = String(decoding: golden, as: UTF8.self)
        if rendered != expected {
            let a = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let b = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record("\(name) differs from the golden file at line \(first + 1):\n  got:      \(first < a.count ? String(a[first]).debugDescription : "<end>")\n  expected: \(first < b.count ? String(b[first]).debugDescription : "<end>")\nRegenerate with LITMUS_UPDATE_GOLDEN=1 swift test --filter GoldenReportTests if the change is intended.")
        }
    }
}
