import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusExtractors
@testable import LitmusFormats
@testable import LitmusHostChecks
@testable import LitmusModel
@testable import LitmusSystem
@testable import LitmusWalk

// Issue 7: litmus runs as root over files an attacker may have written. Hostile inputs covered
// elsewhere, not repeated here:
// - 50 MB single-line requirements file: WalkerTests.hugeSingleLineFileIsAnErrorWithBoundedRead
// - 10,000 nested directories: WalkerTests.deepNestingNeverOverflowsTheStack
// - 10,000 nested TOML arrays, inline tables and dotted keys: TOMLTests.deepNestingIsAnErrorNotACrash
// - symlink loop and a link to /: WalkerTests.symlinkLoopsAndLinksToRootEndWhenFollowing
// - FIFO and character device named requirements.txt: WalkerTests.fifoAndDeviceNamedLikeRequirementsNeverBlock
// - control characters and invalid UTF-8 in file names (text output): WalkerTests.fileNamesWithControlCharactersAndInvalidUTF8RoundTrip
// - invalid UTF-8 and NUL in requirements contents: RequirementsTxtTests.invalidUTF8IsAnError…, nulBytesAreAnError…
// - 40-digit and invalid versions in dist-info folder names: DistInfoTests.hugeVersionsAndInvalidFolderVersionsNeverCrash
// - zip with a lying central directory: ZipDirectoryTests (directoryBytesBeyondTheCountAreRejected,
//   hugeZip64ClaimsAreRejectedWithoutHugeReads, localOffsetIntoTheDirectoryIsRejected, …)
// - every fuzz crash: FuzzRegressionTests

/// Bytes that, printed raw, would retitle the terminal, clear it, or reverse the text after them.
let terminalAttack = "\u{1b}]0;pwned\u{07}\u{1b}[2J\u{202e}"

/// Whether `text` holds a character that must never reach a terminal raw.
func hasRawControl(_ text: String) -> Bool {
    text.unicodeScalars.contains { s in
        (s.value < 0x20 && s != "\n") || s.value == 0x7F || (0x80...0x9F).contains(s.value) || s.value == 0x202E
    }
}

/// Runs the CLI in-process and returns exit code, stdout and stderr.
func runCLI(_ args: [String]) -> (code: Int32, out: String, err: String) {
    let c = Captured()
    let code = CLI.run(args, console: c.console())
    return (code, c.out, c.err)
}

@Suite struct HostileInputTests {
    /// Creates `path` (which may hold any bytes via ``PathBytes``) with `text`, making parents.
    private func writeRaw(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(atPath: Paths.parent(of: path), withIntermediateDirectories: true)
        let fd = PathBytes.withCString(path) { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o644) }
        #expect(fd >= 0, "create \(Escape.display(path))")
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) } == bytes.count)
        close(fd)
    }

    /// Makes a directory whose name is arbitrary bytes.
    private func mkdirRaw(_ parent: String, _ name: [UInt8]) -> String {
        let path = parent + "/" + name.withUnsafeBufferPointer { PathBytes.string(from: $0) }
        #expect(PathBytes.withCString(path) { mkdir($0, 0o755) } == 0)
        return path
    }

    @Test func escapeSequencesInDirectoryNamesAndMetadataAreEscapedInTextAndJSON() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let evil = mkdirRaw(dir, Array("proj\(terminalAttack)\nx".utf8))
        try writeRaw("litellm==1.82.8\n", to: evil + "/requirements.txt")
        let sp = dir + "/site-packages"
        try writeRaw("Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.7\nSummary: \(terminalAttack)\n",
                     to: sp + "/litellm-1.82.7.dist-info/METADATA")
        try writeRaw("Metadata-Version: 2.1\nName: telnyx\nVersion: 4.87.1\(terminalAttack)\n",
                     to: sp + "/telnyx-4.87.1.dist-info/METADATA")
        try writeRaw("Metadata-Version: 2.1\nName: lite\(terminalAttack)llm\nVersion: 1.0\n",
                     to: sp + "/x-1.0.dist-info/METADATA")

        let text = runCLI(["scan", dir, "--no-color"])
        #expect(text.code == ExitCode.findings)
        #expect(!hasRawControl(text.out), "raw control characters in the text report")
        #expect(!hasRawControl(text.err))
        #expect(text.out.contains("proj\\x1b]0;pwned\\x07\\x1b[2J\\u{202e}\\x0ax/requirements.txt"))
        #expect(text.out.contains("4.87.1\\x1b]0;pwned"), "the bad Version value is shown, escaped")
        #expect(!text.out.split(separator: "\n").contains { $0.hasPrefix("x/requirements.txt") }, "no forged line")

        let json = runCLI(["scan", dir, "--format", "json"])
        #expect(!hasRawControl(json.out.replacingOccurrences(of: "\n", with: "")))
        #expect(!json.out.contains("\\u001b"), "escaped before JSON encoding, so jq -r cannot unescape it")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let summaries = findings.map { "\($0["package"] ?? "") \($0["version"] ?? "")" }.sorted()
        #expect(summaries == ["litellm 1.82.7", "litellm 1.82.8", "telnyx 4.87.1"])
        let paths = findings.compactMap { $0["path"] as? String }
        #expect(paths.contains { $0.hasSuffix("\\u{202e}\\x0ax/requirements.txt") })
        let errors = try #require(doc["errors"] as? [[String: Any]])
        #expect(errors.contains { ($0["message"] as? String ?? "").contains("4.87.1\\x1b]0;pwned\\x07") })
    }

    @Test func advisoryTextFromAUserFileIsEscapedInEveryOutput() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let record: [String: Any] = [
            "id": "MAL-9\(terminalAttack)", "modified": "2026-01-01T00:00:00Z", "aliases": ["GHSA-x\(terminalAttack)"],
            "summary": "s\(terminalAttack)",
            "affected": [["package": ["ecosystem": "PyPI", "name": "evilpkg"], "versions": ["1.0"]]],
            "database_specific": ["litmus": [
                "severity": "critical", "safe_versions": "2\(terminalAttack)", "remediation": "do\(terminalAttack)",
                "indicators": ["files": [["name": "x\(terminalAttack).pth", "report_always": true]]],
            ]],
        ]
        try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: dir + "/adv.json"))
        try writeRaw("evilpkg==1.0\n", to: dir + "/requirements.txt")
        try writeRaw("", to: dir + "/x\(terminalAttack).pth")
        let text = runCLI(["scan", dir, "--advisories", dir + "/adv.json", "--no-color"])
        #expect(text.code == ExitCode.findings)
        #expect(text.out.contains("MAL-9\\x1b]0;pwned"))
        #expect(text.out.contains("ioc-file"))
        let json = runCLI(["scan", dir, "--advisories", dir + "/adv.json", "--format", "json"])
        let listed = runCLI(["advisories", "--advisories", dir + "/adv.json"])
        #expect(listed.out.contains("MAL-9\\x1b]0;pwned"))
        for (name, out) in [("text", text.out), ("json", json.out), ("advisories", listed.out)] {
            #expect(!hasRawControl(out), "\(name) output carries raw control characters")
            #expect(!out.contains("\\u001b"), "\(name) output relies on JSON escaping alone")
        }
    }

    @Test func invalidUTF8InNamesAndMetadataKeepsFindingsAndJSONValid() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let bad = mkdirRaw(dir, [0x70, 0xff, 0xfe, 0xc0, 0x80])
        try writeRaw("telnyx==4.87.2\n", to: bad + "/requirements.txt")
        let metadata: [UInt8] = Array("Name: litellm\nVersion: 1.82.8\nSummary: ".utf8) + [0xff, 0xfe, 0xed, 0xa0, 0x80] + [0x0a]
        try FileManager.default.createDirectory(atPath: dir + "/sp/litellm-1.82.8.dist-info", withIntermediateDirectories: true)
        try Data(metadata).write(to: URL(fileURLWithPath: dir + "/sp/litellm-1.82.8.dist-info/METADATA"))
        let json = runCLI(["scan", dir, "--format", "json"])
        #expect(json.code == ExitCode.findings)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.out.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["package"] as? String }.sorted() == ["litellm", "telnyx"])
        #expect(findings.contains { ($0["path"] as? String ?? "").contains("/p\\xff\\xfe\\xc0\\x80/requirements.txt") })
        let text = runCLI(["scan", dir])
        #expect(text.out.contains("/p\\xff\\xfe\\xc0\\x80/requirements.txt"))
        #expect(!hasRawControl(text.out))
    }

    /// The process's peak resident set, in MiB.
    private func peakRSSMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    @Test func sparseGigabyteFilesAreRefusedWithoutReadingThem() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        for name in ["requirements.txt", "litellm_init.pth"] {
            let fd = open(dir + "/" + name, O_WRONLY | O_CREAT, 0o644)
            #expect(ftruncate(fd, 1 << 30) == 0)
            close(fd)
        }
        try Fixtures.write("telnyx==4.87.1\n", to: dir + "/other/requirements.txt")
        let before = peakRSSMiB()
        let clock = ContinuousClock()
        let start = clock.now
        let report = try Fixtures.scan([dir])
        let explicit = try Fixtures.scan([dir + "/requirements.txt", dir + "/litellm_init.pth"])
        #expect(clock.now - start < .seconds(10), "sizes are checked before reading")
        // Other tests run in parallel, so only a gigabyte-sized jump is attributable to this one.
        #expect(peakRSSMiB() - before < 512, "a 1 GiB file must never be held in memory")
        #expect(report.errors.map(\.message).sorted() == [
            "cannot hash: file is 1024.0 MiB, over the 512.0 MiB limit for this format",
            "cannot read: file is 1024.0 MiB, over the 512.0 MiB limit for this format",
        ])
        // The .pth is reported whatever its content; the error never hides the other file's pin.
        #expect(report.summaries.sorted() == ["compromised-version telnyx 4.87.1 requirements.txt:1",
                                              "ioc-file litellm 1.82.8 litellm_init.pth:-"])
        #expect(explicit.errors.count == 2)
        #expect(explicit.findings.map(\.kind) == [.iocFile])
    }

    @Test func fileVanishingBetweenListingAndReadingIsAnErrorAndHidesNothingElse() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/a/requirements.txt")
        try Fixtures.write("import os\n", to: dir + "/a/litellm_init.pth")
        try Fixtures.write("telnyx==4.87.2\n", to: dir + "/b/requirements.txt")
        let database = try Fixtures.database()
        // The walker lists a/, then the files vanish before the extractor opens them.
        let tamper: @Sendable (String) -> Void = { unlink($0) }
        let extractors = Extractors.all.map { Tampering(inner: $0, victimDirectory: dir + "/a", tamper: tamper) }
        let checks = HostChecks.make(HostChecks.scan, database: database).map {
            TamperingCheck(inner: $0, victimDirectory: dir + "/a", tamper: tamper)
        }
        let report = Scanner(database: database, extractors: extractors, hostChecks: checks, walkOptions: WalkOptions()).scan([dir])
        #expect(report.summaries.sorted() == ["compromised-version telnyx 4.87.2 requirements.txt:1",
                                              "ioc-file litellm 1.82.8 litellm_init.pth:-"],
                "a vanished .pth was still listed, so it is still reported")
        #expect(report.errors.count == 2)
        #expect(report.errors.allSatisfy { $0.location.path.hasPrefix(dir + "/a/") && $0.message.contains("No such file") })
        #expect(report.exitCode(failOn: .high) == ExitCode.findings)

        // The reader on its own: a removed path is "not found", not a crash or an empty file.
        #expect(unlink(dir + "/b/requirements.txt") == 0)
        #expect(throws: ReadError.self) { try DiskReader().read(dir + "/b/requirements.txt", limit: 100) }
        do {
            _ = try DiskReader().read(dir + "/b/requirements.txt", limit: 100)
        } catch {
            #expect(error.isNotFound)
        }
    }

    @Test func fileReplacedByASymlinkBeforeReadingIsRefused() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let outside = try Fixtures.temporaryDirectory("litmus-outside")
        defer { Fixtures.cleanUp(outside) }
        try Fixtures.write("litellm==1.82.8\n", to: outside + "/secret.txt")
        try Fixtures.write("requests==2.0\n", to: dir + "/a/requirements.txt")
        let database = try Fixtures.database()
        let tamper: @Sendable (String) -> Void = { path in
            unlink(path)
            symlink(outside + "/secret.txt", path)
        }
        let extractors = Extractors.all.map { Tampering(inner: $0, victimDirectory: dir + "/a", tamper: tamper) }
        let checks = HostChecks.make(HostChecks.scan, database: database).map {
            TamperingCheck(inner: $0, victimDirectory: dir + "/a", tamper: tamper)
        }
        let report = Scanner(database: database, extractors: extractors, hostChecks: checks, walkOptions: WalkOptions()).scan([dir])
        #expect(report.findings.isEmpty, "the link target outside the tree was read: \(report.summaries)")
        #expect(report.errors.map(\.message) == ["cannot read: is a symbolic link (not followed)"])
        #expect(throws: ReadError.self) { try DiskReader().read(dir + "/a/requirements.txt", limit: 100) }
    }

    @Test func modeZeroDirectoryIsAnErrorEvenForRootDroppedToNobody() throws {
        let binary = try #require(BinaryTests.binary, "build litmus first (swift build) or set LITMUS_BIN")
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/ok/requirements.txt")
        try Fixtures.write("telnyx==4.87.1\n", to: dir + "/locked/requirements.txt")
        #expect(chmod(dir + "/locked", 0) == 0)
        // Root bypasses DAC, and setuid() inside this process would change every test thread's
        // identity. So the real binary runs as nobody via setpriv (util-linux), which also drops
        // all capabilities: the same code path an unprivileged responder takes.
        var command = [binary, "scan", dir, "--format", "json"]
        if getuid() == 0 {
            let setpriv = try #require(["/usr/bin/setpriv", "/bin/setpriv"].first { FileManager.default.isExecutableFile(atPath: $0) },
                                       "setpriv is needed to drop root for this test")
            command = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--inh-caps=-all"] + command
        }
        let run = try Launch.run(command)
        #expect(run.status == ExitCode.findings, "findings win over the unreadable directory")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["package"] as? String } == ["litellm"])
        let errors = try #require(doc["errors"] as? [[String: Any]])
        #expect(errors.count == 1)
        #expect((errors.first?["path"] as? String ?? "").hasSuffix("/locked"))
        #expect((errors.first?["message"] as? String ?? "").contains("Permission denied"))
    }

    @Test func hugeVersionNumbersCompareExactlyAndNeverOverflow() throws {
        let forty = String(repeating: "9", count: 40)
        let zeros = String(repeating: "0", count: 40)
        #expect(try Version("1.82.\(zeros)8") == Version("1.82.8"), "leading zeros do not change a release number")
        #expect(try Version(forty) > Version(String(forty.dropLast())))
        #expect(try Version("1.82.\(forty)") > Version("1.82.8"))
        #expect(try Version("\(forty)!1.0") > Version("1.82.8"), "a 40-digit epoch")
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("""
            litellm==1.82.\(zeros)8
            telnyx==\(forty)
            litellm<=1\(zeros)
            litellm>=\(forty).0
            litellm==1.82.\(forty)
            """, to: dir + "/requirements.txt")
        try Fixtures.write("Name: telnyx\nVersion: 4.87.\(zeros)1\n", to: dir + "/sp/telnyx-\(forty).dist-info/METADATA")
        let report = try Fixtures.scan([dir])
        #expect(report.summaries.sorted() == [
            "compromised-version litellm 1.82.8 requirements.txt:1",
            "compromised-version telnyx 4.87.1 METADATA:2",
            "range-admits litellm <=1\(zeros) requirements.txt:3",
        ])
    }

    @Test func recordPathsAreReturnedVerbatim() throws {
        let record = "/etc/shadow,,\n../../../root/.ssh/id_rsa,,\nlitellm/__init__.py,,12\n"
        let entries = try RecordFile.parse(Array(record.utf8))
        #expect(entries.map(\.path) == ["/etc/shadow", "../../../root/.ssh/id_rsa", "litellm/__init__.py"])
        #expect(entries.compactMap { RecordFile.safeRelativePath($0.path) } == ["litellm/__init__.py"])
    }

    @Test(arguments: [
        ("litellm/__init__.py", "litellm/__init__.py"),
        ("litellm_init.pth", "litellm_init.pth"),
        ("./litellm//proxy/./proxy_server.py", "litellm/proxy/proxy_server.py"),
        ("litellm-1.82.8.dist-info/RECORD", "litellm-1.82.8.dist-info/RECORD"),
        ("..foo/bar..", "..foo/bar.."),
        ("/etc/shadow", nil),
        ("//etc/shadow", nil),
        ("../../bin/litellm", nil),
        ("litellm/../../../etc/passwd", nil),
        ("litellm/..", nil),
        ("..", nil),
        (".", nil),
        ("", nil),
        ("litellm\\..\\..\\etc\\passwd", nil),
        ("C:/Windows/win.ini", nil),
        ("c:evil", nil),
        ("litellm/\u{0}/x", nil),
        ("litellm/\n/x", nil),
        ("litellm/\u{1b}[2J", nil),
    ] as [(String, String?)])
    func recordSafeRelativePath(path: String, expected: String?) {
        #expect(RecordFile.safeRelativePath(path) == expected)
    }
}

/// An extractor wrapper that tampers with a file after the walker listed it and before the real
/// extractor opens it: the race an attacker (or a package manager) can win on a live system.
struct Tampering: Extractor {
    let inner: any Extractor
    let victimDirectory: String
    let tamper: @Sendable (String) -> Void

    var name: String { inner.name }

    func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        inner.claims(name: name, parentName: parentName, isDirectory: isDirectory)
    }

    func extract(_ entry: FileEntry, files: any FileReading) -> Extraction {
        if entry.path.hasPrefix(victimDirectory + "/") { tamper(entry.path) }
        return inner.extract(entry, files: files)
    }
}

/// ``Tampering`` for host checks.
struct TamperingCheck: HostCheck {
    let inner: any HostCheck
    let victimDirectory: String
    let tamper: @Sendable (String) -> Void

    var name: String { inner.name }

    init(database: AdvisoryDatabase) {
        self.init(inner: IndicatorFiles(database: database), victimDirectory: "/nonexistent", tamper: { _ in })
    }

    init(inner: any HostCheck, victimDirectory: String, tamper: @escaping @Sendable (String) -> Void) {
        self.inner = inner
        self.victimDirectory = victimDirectory
        self.tamper = tamper
    }

    func claims(name: String, parentName: String, isDirectory: Bool) -> Bool {
        inner.claims(name: name, parentName: parentName, isDirectory: isDirectory)
    }

    func check(_ entry: FileEntry, in host: HostContext) -> Extraction {
        if entry.path.hasPrefix(victimDirectory + "/") { tamper(entry.path) }
        return inner.check(entry, in: host)
    }
}

/// Runs a program with a scrubbed environment and collects its output.
enum Launch {
    struct Result {
        var status: Int32
        var out: String
        var err: String
    }

    static func run(_ command: [String], environment: [String: String] = ["PATH": "/usr/bin:/bin"],
                    cwd: String = Fixtures.root.path) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: command[0])
        p.arguments = Array(command.dropFirst())
        p.environment = environment
        p.currentDirectoryURL = URL(fileURLWithPath: cwd)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read stderr on another thread so neither pipe can fill up and block the child.
        let errData = LockedData()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: outData, as: UTF8.self),
                      err: String(decoding: errData.get(), as: UTF8.self))
    }

    final class LockedData: @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        func set(_ d: Data) { lock.lock(); data = d; lock.unlock() }
        func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
    }
}

/// A hostile requirements file may include any file on the host (`-r /etc/shadow`); litmus
/// follows includes as pip does, but must never copy their content into a report or CI log.
@Suite struct IncludeExfiltrationTests {
    @Test func includedFilesAreNeverQuotedAndURLCredentialsAreRedacted() throws {
        let dir = try Fixtures.temporaryDirectory("litmus-exfil")
        defer { Fixtures.cleanUp(dir) }
        let secret = try Fixtures.temporaryDirectory("litmus-secret")
        defer { Fixtures.cleanUp(secret) }
        try Fixtures.write("root:$6$SECRETHASH$abc:19000:0:99999:7:::\nghp_SECRETTOKEN0123456789\n--SECRETOPTION\nlitellm==1.82.8\n",
                           to: secret + "/shadow")
        try Fixtures.write("-r \(secret)/shadow\n-r https://deploy:hunter2@pypi.internal/req.txt\n--index-url https://u:p@x/simple\n",
                           to: dir + "/requirements.txt")
        for format in ["text", "json", "sarif", "junit", "markdown"] {
            let c = Captured()
            let code = CLI.run(["scan", dir, "--format", format], console: c.console())
            #expect(code == ExitCode.findings, "the pin inside the included file still counts (\(format))")
            for needle in ["SECRETHASH", "SECRETTOKEN", "SECRETOPTION", "hunter2"] {
                #expect(!c.out.contains(needle) && !c.err.contains(needle), "\(needle) leaked in \(format)")
            }
        }
        let report = try Fixtures.scan([dir])
        // Line 2 (the token) is a valid bare package name, so only line 1 errors; line 3 is an option.
        #expect(report.errors.map(\.location.line) == [1])
        #expect(report.errors.allSatisfy { $0.message.contains("text not shown") })
        #expect(report.warnings.contains { $0.location.line == 3 && $0.message == "pip refuses this file at this line: (text not shown: an included file can be any file on the host)" })
        #expect(report.warnings.contains { $0.message.contains("https://***@pypi.internal/req.txt") })
    }

    @Test(arguments: [
        ("https://user:tok@host/simple", "https://***@host/simple"),
        ("https://host/simple", "https://host/simple"),
        ("https://host/a@b", "https://host/a@b"),
        ("file:///x", "file:///x"),
        ("plain", "plain"),
    ])
    func credentialsAreRedactedFromURLs(input: String, expected: String) {
        #expect(Redact.credentials(input) == expected)
    }
}
