import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusSystem

/// `litmus fleet` on reports written by real `litmus audit` runs of temporary roots, plus the
/// damaged and foreign inputs a fleet collection really holds: every one is listed, none
/// crashes the merge or disappears from it. And `audit`'s `machine_id`, which keys the merge.
@Suite struct FleetTests {
    private func run(_ args: [String]) -> (code: Int32, out: String, err: String) {
        let c = Captured()
        let code = CLI.run(args, console: c.console())
        return (code, c.out, c.err)
    }

    private func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// An audit root with `files`, and `/etc/machine-id` when `machineID` is given.
    private func root(_ base: String, _ name: String, machineID: String?, files: [String: String] = [:]) throws -> String {
        let root = base + "/roots/" + name
        var files = files
        files["etc/passwd"] = "root:x:0:0:root:/root:/bin/bash\n"
        if let machineID { files["etc/machine-id"] = machineID + "\n" }
        for (path, text) in files { try Fixtures.write(text, to: root + "/" + path) }
        return root
    }

    /// Runs `litmus audit --root ROOT --format json` and writes the report to `reports/NAME.json`.
    @discardableResult
    private func audit(_ root: String, into reports: String, as name: String) throws -> [String: Any] {
        let result = run(["audit", "--root", root, "--format", "json"])
        #expect([ExitCode.clean, ExitCode.findings].contains(result.code), "audit \(root): \(result.err)")
        try Fixtures.write(result.out, to: "\(reports)/\(name).json")
        return try json(result.out)
    }

    private func write(_ doc: [String: Any], to path: String) throws {
        try Fixtures.write(String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self), to: path)
    }

    private static let idA = "0123456789abcdef0123456789abcdef"
    private static let idB = "fedcba9876543210fedcba9876543210"
    private static let idC = "00112233445566778899aabbccddeeff"
    private static let sp = "opt/app/venv/lib/python3.11/site-packages"

    /// A fleet directory: two compromised hosts, a clean one, an incomplete one, a superseded
    /// duplicate, and every kind of unusable input.
    private func fleet(_ base: String) throws -> String {
        let reports = base + "/reports"
        let venv = ["opt/app/venv/pyvenv.cfg": "version = 3.11.7\n"]
        let ioc = try root(base, "web1", machineID: Self.idA, files: venv.merging([
            "\(Self.sp)/litellm_init.pth": "import os\n",
            "\(Self.sp)/litellm-1.82.8.dist-info/METADATA": "Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.8\n",
        ]) { a, _ in a })
        let web1 = try audit(ioc, into: reports, as: "web1")
        let persistence = try root(base, "web2", machineID: Self.idB, files: ["home/alice/.config/sysmon/sysmon.py": "# stand-in\n",
                                                                              "etc/passwd": "alice:x:1000:1000::/home/alice:/bin/bash\n"])
        try audit(persistence, into: reports, as: "web2")
        let clean = try audit(try root(base, "db1", machineID: Self.idC, files: venv), into: reports, as: "db1")
        // The same host audited earlier: set aside as superseded, not counted twice.
        var older = clean
        older["finished_at"] = "2020-01-01T00:00:00.000Z"
        try write(older, to: reports + "/old/db1-2020.json")
        // An audit that could not read everything (as when a directory is unreadable).
        var incomplete = try audit(try root(base, "db2", machineID: nil, files: venv), into: base + "/scratch", as: "db2")
        incomplete["errors"] = [["path": "/srv/data", "line": NSNull(), "stage": "walk", "message": "permission denied"]]
        try write(incomplete, to: reports + "/db2.json")
        // Damaged and foreign inputs.
        let web1Text = try String(contentsOfFile: reports + "/web1.json", encoding: .utf8)
        try Fixtures.write(String(web1Text.prefix(web1Text.count / 2)), to: reports + "/truncated.json")
        try Fixtures.write("", to: reports + "/empty.json")
        var future = web1
        future["schema_version"] = "2.0.0"
        try write(future, to: reports + "/future.json")
        try Fixtures.write("{\"hello\": 1}\n", to: reports + "/foreign.json")
        try Fixtures.write("""
        {"schema_version": "1.0.0", "kind": "litmus-fleet-failures",
         "failures": [{"host": "db9", "stage": "unreachable", "message": "chroot /srv/db9 does not exist"}]}
        """, to: reports + "/failures.json")
        try Fixtures.write("notes\n", to: reports + "/README.txt")
        return reports
    }

    @Test func everyHostGetsAStatusAndEveryInputIsAccountedFor() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        let reports = try fleet(base)
        let result = run(["fleet", reports, "--format", "json"])
        #expect(result.code == ExitCode.findings, "\(result.err)")
        let doc = try json(result.out)
        let hosts = try #require(doc["hosts"] as? [[String: Any]])
        let statuses = hosts.map { "\($0["status"] as? String ?? "?") \(Fleet.name($0))" }
        // All audits ran on this machine, so they share a host name: the machine id tells them apart.
        #expect(statuses == [
            "findings \(Self.idA)", "findings \(Self.idB)",
            "no-usable-report db9", "no-usable-report empty", "no-usable-report foreign",
            "no-usable-report future", "no-usable-report truncated",
            "incomplete host", "clean \(Self.idC)",
        ])
        #expect(hosts.first?["critical"] as? Bool == true)
        let problems = (doc["problems"] as? [[String: Any]] ?? []).map { "\(Fleet.base($0["path"])): \($0["message"] as? String ?? "")" }
        #expect(problems.contains("README.txt: 1 file not ending in .json not read (this one first)"))
        #expect(problems.contains { $0.hasPrefix("db1-2020.json: superseded by \(reports)/db1.json") })
        #expect(problems.contains("empty.json: empty file (the run or the copy stopped early?)"))
        #expect(problems.contains("truncated.json: not valid JSON (truncated or corrupt)"))
        #expect(problems.contains("future.json: schema version 2.0.0 is not 1.x; this litmus reads 1.x reports only"))
        #expect(problems.contains("foreign.json: not a litmus report: no 'schema_version'"))
        let summary = try #require(doc["summary"] as? [String: Int])
        #expect(summary == ["files_read": 10, "hosts": 9, "findings": 2, "no_usable_report": 5, "incomplete": 1, "clean": 1,
                            "critical_hosts": 2, "problems": 6])
        let db2 = try #require(hosts.first { $0["status"] as? String == "incomplete" })
        #expect(db2["machine_id"] is NSNull)
        #expect((db2["first_errors"] as? [[String: Any]])?.first?["message"] as? String == "permission denied")
    }

    @Test func advisoriesListTheAffectedHostsCriticalFirst() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        let result = run(["fleet", try fleet(base), "--format", "json"])
        let groups = try #require(try json(result.out)["advisories"] as? [[String: Any]])
        let lines = groups.map { g in
            "\(g["advisory"] as? String ?? "") \(g["kind"] as? String ?? "") \(g["severity"] as? String ?? ""): "
                + (g["hosts"] as? [[String: Any]] ?? []).map { "\(Fleet.name($0))×\($0["findings"] as? Int ?? 0)" }.joined(separator: " ")
        }
        #expect(lines == [
            "MAL-2026-2144 compromised-version critical: \(Self.idA)×1",
            "MAL-2026-2144 ioc-file critical: \(Self.idA)×1",
            "MAL-2026-2144 persistence critical: \(Self.idB)×1",
            "LITMUS-STARTUP-HOOK unowned-startup-hook high: \(Self.idA)×1",
        ])
        let paths = (groups.first?["hosts"] as? [[String: Any]])?.first?["paths"] as? [String] ?? []
        #expect(paths.count == 1 && paths[0].hasSuffix("\(Self.sp)/litellm-1.82.8.dist-info/METADATA"))
    }

    @Test func textAndMarkdownNameEveryHostAndProblem() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        let reports = try fleet(base)
        let text = run(["fleet", reports])
        #expect(text.code == ExitCode.findings)
        #expect(text.out.hasPrefix("litmus fleet: 9 hosts from 10 files — 2 with findings, 5 no usable report, 1 incomplete, 1 clean; exit 1 (fail-on high)\n"))
        #expect(text.out.contains("no usable report  db9"))
        #expect(text.out.contains("unreachable: chroot /srv/db9 does not exist"))
        #expect(text.out.contains("CRITICAL "))
        let md = run(["fleet", reports, "--format", "md"])
        #expect(md.out.hasPrefix("### litmus fleet: compromised hosts found\n"))
        #expect(md.out.contains("| **findings (critical)** |"))
        #expect(md.out.contains("#### MAL-2026-2144 persistence (critical): 1 host"))
    }

    @Test func quietListsOnlyTheHostsThatNeedAttention() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        let reports = try fleet(base)
        let full = run(["fleet", reports])
        let quiet = run(["fleet", reports, "-q"])
        #expect(quiet.code == full.code)
        // The summary still counts the clean host; only the host list leaves it out.
        #expect(quiet.out.hasPrefix("litmus fleet: 9 hosts from 10 files — 2 with findings, 5 no usable report, 1 incomplete, 1 clean;"))
        #expect(full.out.contains("  clean             "))
        #expect(!quiet.out.contains("  clean             "))
        #expect(quiet.out.contains("  1 clean host not listed (-q)\n"))
        #expect(quiet.out.contains("no usable report  db9"))
        let md = run(["fleet", reports, "--format", "markdown", "--quiet"]).out
        #expect(!md.contains("| clean |"))
        #expect(run(["fleet", reports, "--format", "markdown"]).out.contains("| clean |"))
        #expect(md.contains("1 clean host not listed (`-q`)."))
        // JSON lists every host whatever -q says.
        let hosts = try json(run(["fleet", reports, "--format", "json", "-q"]).out)["hosts"] as? [[String: Any]]
        #expect(hosts?.count == 9)
    }

    @Test func aHostsLongErrorIsCutToAnExcerpt() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        var doc = try audit(try root(base, "long", machineID: Self.idA), into: base + "/scratch", as: "long")
        let longPath = "/srv/" + String(repeating: "deep/", count: 900)
        doc["errors"] = [["path": longPath, "line": NSNull(), "stage": "walk", "message": "File name too long: " + longPath]]
        try write(doc, to: base + "/reports/long.json")
        for format in ["text", "markdown", "json"] {
            let out = run(["fleet", base + "/reports", "--format", format]).out
            #expect(out.utf8.count < 4000, "\(format): \(out.utf8.count) bytes")
            // Markdown gives a host's error count, not its messages.
            #expect(format == "markdown" || out.contains("File name too long: /srv/deep/"), "\(format)")
            #expect(!out.contains(longPath), "\(format)")
        }
    }

    @Test func exitCodesFollowTheRestOfLitmus() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        let reports = try fleet(base)
        #expect(run(["fleet", reports + "/db1.json"]).code == ExitCode.clean)
        #expect(run(["fleet", reports + "/db1.json", reports + "/db2.json"]).code == ExitCode.incomplete)
        #expect(run(["fleet", reports + "/db1.json", reports + "/empty.json"]).code == ExitCode.incomplete)
        #expect(run(["fleet", reports + "/db1.json", reports + "/failures.json"]).code == ExitCode.incomplete)
        #expect(run(["fleet", reports + "/web2.json", reports + "/db2.json"]).code == ExitCode.findings)
        #expect(run(["fleet", reports + "/web2.json", "--fail-on", "none"]).code == ExitCode.clean)
        #expect(run(["fleet", reports, "--fail-on", "none"]).code == ExitCode.incomplete)
    }

    @Test(arguments: [
        (["fleet"], "name at least one directory of reports or report file"),
        (["fleet", "/nonexistent/reports"], "/nonexistent/reports does not exist"),
        (["fleet", "/tmp", "--format", "sarif"], "--format takes text, markdown or json, not 'sarif'"),
        (["fleet", "/tmp", "--fail-on", "severe"], "--fail-on must be critical, high, medium, low or none, not 'severe'"),
    ])
    func usageErrorsExitTwo(args: [String], message: String) {
        let result = run(args)
        #expect(result.code == ExitCode.usage)
        #expect(result.err == "litmus: error: \(message) (see 'litmus fleet --help')\n")
    }

    @Test func aDirectoryWithoutReportsIsAnError() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet-empty")
        defer { Fixtures.cleanUp(base) }
        let result = run(["fleet", base])
        #expect(result.code == ExitCode.usage)
        #expect(result.err == "litmus: error: no report files (*.json) under \(base)\n")
    }

    @Test func aHostileReportCannotWriteToTheTerminal() throws {
        let base = try Fixtures.temporaryDirectory("litmus-fleet")
        defer { Fixtures.cleanUp(base) }
        var doc = try audit(try root(base, "x", machineID: Self.idA), into: base + "/scratch", as: "x")
        doc["host"] = "evil\u{1B}[2J\u{202E}"
        doc["findings"] = [["id": "LM-0000000000000000", "kind": "ioc-file\u{7}", "severity": "critical", "package": NSNull(),
                            "version": NSNull(), "specifier": NSNull(), "path": "/tmp/\u{1B}]0;owned\u{7}", "line": NSNull(),
                            "advisory": ["id": "MAL-2026-2144", "aliases": []], "evidence": "", "remediation": ""]]
        try write(doc, to: base + "/reports/x.json")
        for format in ["text", "markdown", "json"] {
            let out = run(["fleet", base + "/reports", "--format", format]).out
            #expect(!out.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x202E }, "\(format)")
            #expect(out.contains("x1b"), "\(format)")
        }
    }

    @Test func auditReportsCarryTheMachineID() throws {
        let base = try Fixtures.temporaryDirectory("litmus-machine-id")
        defer { Fixtures.cleanUp(base) }
        let good = try audit(try root(base, "a", machineID: "  " + Self.idA.uppercased()), into: base + "/r", as: "a")
        #expect(good["machine_id"] as? String == Self.idA)
        #expect((good["warnings"] as? [Any])?.isEmpty == true)
        for (name, id) in [("missing", nil), ("bad", "not-a-machine-id")] as [(String, String?)] {
            let doc = try audit(try root(base, name, machineID: id), into: base + "/r", as: name)
            #expect(doc["machine_id"] is NSNull)
            let warnings = (doc["warnings"] as? [[String: Any]] ?? []).filter { $0["stage"] as? String == "machine-id" }
            #expect(warnings.count == 1, "\(name)")
            #expect((warnings.first?["path"] as? String)?.hasSuffix("/\(name)/etc/machine-id") == true)
        }
        let scan = run(["scan", base + "/roots/a", "--format", "json"])
        #expect(try json(scan.out)["machine_id"] is NSNull)
    }

    @Test(arguments: [
        ("0123456789abcdef0123456789abcdef\n", "0123456789abcdef0123456789abcdef"),
        ("0123456789ABCDEF0123456789ABCDEF", "0123456789abcdef0123456789abcdef"),
        (" \t0123456789abcdef0123456789abcdef \r\n", "0123456789abcdef0123456789abcdef"),
        ("00000000000000000000000000000000\n", nil),
        ("0123456789abcdef0123456789abcde\n", nil),
        ("0123456789abcdef0123456789abcdef0\n", nil),
        ("0123456789abcdef 123456789abcdef\n", nil),
        ("0123456789abcdef0123456789abcdeg\n", nil),
        ("٠123456789abcdef0123456789abcdef", nil),
        ("", nil), ("\n", nil),
    ] as [(String, String?)])
    func machineIDParsing(text: String, expected: String?) {
        #expect(MachineID.parse(Array(text.utf8)) == expected)
    }
}

/// Helpers for reading fleet JSON in tests.
enum Fleet {
    /// A host's machine id, else its name.
    static func name(_ host: [String: Any]) -> String {
        (host["machine_id"] as? String) ?? (host["host"] as? String).map { Platform.hostName == $0 ? "host" : $0 } ?? "?"
    }

    static func base(_ path: Any?) -> String { (path as? String)?.split(separator: "/").last.map(String.init) ?? "" }
}
