import Foundation
import Testing
@testable import LitmusAdvisories
@testable import LitmusCore
@testable import LitmusModel
@testable import LitmusReporters
@testable import LitmusSystem

@Suite struct WalkerTests {
    @Test func skipsVersionControlFoldersAndReadsLinkedFilesButNotLinkedFoldersByDefault() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let outside = try Fixtures.temporaryDirectory("litmus-outside")
        defer { Fixtures.cleanUp(outside) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/.git/requirements.txt")
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/.hg/requirements.txt")
        try Fixtures.write("litellm==1.82.7\n", to: outside + "/requirements.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/linked", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: dir + "/requirements.txt", withDestinationPath: outside + "/requirements.txt")
        let report = try Fixtures.scan([dir])
        // pip -r and uv follow a linked requirements.txt; the linked folder stays unentered.
        #expect(report.summaries == ["compromised-version litellm 1.82.7 requirements.txt:1"], "\(report.summaries)")
        #expect(report.findings.first?.location.path == dir + "/requirements.txt")
        #expect(report.errors.isEmpty)
        let followed = try Fixtures.scan([dir], follow: true)
        #expect(followed.summaries.sorted() == ["compromised-version litellm 1.82.7 requirements.txt:1",
                                                "compromised-version litellm 1.82.7 requirements.txt:1"])
    }

    @Test func symlinkLoopsAndLinksToRootEndWhenFollowing() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/a/b/requirements.txt")
        try FileManager.default.createSymbolicLink(atPath: dir + "/a/b/loop", withDestinationPath: dir + "/a")
        try FileManager.default.createSymbolicLink(atPath: dir + "/a/self", withDestinationPath: ".")
        let report = try Fixtures.scan([dir], follow: true)
        #expect(report.summaries == ["compromised-version litellm 1.82.8 requirements.txt:1"])
        try FileManager.default.createSymbolicLink(atPath: dir + "/root", withDestinationPath: "/")
        let unfollowed = try Fixtures.scan([dir])
        #expect(unfollowed.findings.count == 1)
        #expect(unfollowed.stats.directories == 3, "a link to / must not be entered")
    }

    @Test func unreadableDirectoryIsAnErrorNamingItAndTheRestIsScanned() throws {
        guard getuid() != 0 else {
            // root reads mode-000 directories anyway; the same path is covered by the reader test below.
            let dir = try Fixtures.temporaryDirectory()
            defer { Fixtures.cleanUp(dir) }
            let report = Scanner(database: try Fixtures.database()).scan([dir + "/does-not-exist"])
            #expect(report.errors.map(\.message) == ["cannot access: No such file or directory"])
            #expect(report.exitCode(failOn: .high) == ExitCode.incomplete)
            return
        }
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/ok/requirements.txt")
        try FileManager.default.createDirectory(atPath: dir + "/locked", withIntermediateDirectories: true)
        chmod(dir + "/locked", 0)
        let report = try Fixtures.scan([dir])
        #expect(report.findings.count == 1)
        #expect(report.errors.contains { $0.location.path.hasSuffix("/locked") && $0.message.contains("Permission denied") })
        #expect(report.exitCode(failOn: .high) == ExitCode.findings, "findings win over errors")
        #expect(report.exitCode(failOn: .critical) == ExitCode.findings)
        #expect(report.exitCode(failOn: nil) == ExitCode.incomplete)
    }

    @Test func fifoAndDeviceNamedLikeRequirementsNeverBlock() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        #expect(mkfifo(dir + "/requirements.txt", 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: dir + "/constraints.txt", withDestinationPath: "/dev/zero")
        let report = try Fixtures.scan([dir])
        // The link is read through like any claimed file, so its target's kind is the error.
        #expect(report.errors.map(\.message) == ["not a regular file (character device); not read", "not a regular file (fifo); not read"])
        let explicit = try Fixtures.scan([dir + "/requirements.txt", "/dev/null"])
        #expect(explicit.errors.count == 2)
        #expect(explicit.errors.allSatisfy { $0.message.hasPrefix("not a regular file") })
        let linked = try Fixtures.scan([dir], follow: true)
        #expect(linked.errors.contains { $0.message == "not a regular file (character device); not read" })
    }

    @Test func deepNestingNeverOverflowsTheStack() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let depth = 10_000
        // Build the levels with relative mkdirat so no single path call exceeds PATH_MAX.
        var fd = open(dir, O_RDONLY | O_DIRECTORY)
        for _ in 0..<depth {
            #expect(mkdirat(fd, "d", 0o755) == 0)
            let next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        let made = openat(fd, "requirements.txt", O_WRONLY | O_CREAT, 0o644)
        _ = "litellm==1.82.8\n".withCString { write(made, $0, 16) }
        close(made)
        close(fd)
        defer { Self.removeChain(dir, depth: depth) }
        try Fixtures.write("telnyx==4.87.2\n", to: dir + "/requirements.txt")
        let clock = ContinuousClock()
        let start = clock.now
        let report = try Fixtures.scan([dir])
        #expect(clock.now - start < .seconds(60))
        // Paths past PATH_MAX cannot be opened by name: they must surface as errors, not vanish,
        // and never hide the finding near the top.
        #expect(report.findings.count + report.errors.count >= 2)
        #expect(report.summaries.contains("compromised-version telnyx 4.87.2 requirements.txt:1"))
        #expect(report.stats.directories >= 1000)
    }

    /// Removes `depth` nested `d` directories bottom-up with `..` steps (FileManager cannot
    /// remove trees deeper than PATH_MAX).
    private static func removeChain(_ dir: String, depth: Int) {
        var fd = open(dir, O_RDONLY | O_DIRECTORY)
        for _ in 0..<depth {
            let next = openat(fd, "d", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = next
        }
        unlinkat(fd, "requirements.txt", 0)
        for _ in 0..<depth {
            let up = openat(fd, "..", O_RDONLY | O_DIRECTORY)
            close(fd)
            fd = up
            unlinkat(fd, "d", AT_REMOVEDIR)
        }
        close(fd)
    }

    @Test func fileNamesWithControlCharactersAndInvalidUTF8RoundTrip() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let name: [UInt8] = Array("evil\u{1b}[31m".utf8) + [0xff, 0x0a] + Array("requirements".utf8)
        let sub = dir + "/" + PathBytes.string(from: name.withUnsafeBufferPointer { $0 })
        try FileManager.default.createDirectory(atPath: dir + "/x", withIntermediateDirectories: true)
        #expect(PathBytes.withCString(sub) { mkdir($0, 0o755) } == 0)
        #expect(PathBytes.withCString(sub + "/requirements.txt") { p -> Int32 in
            let fd = open(p, O_WRONLY | O_CREAT, 0o644)
            _ = "litellm==1.82.8\n".withCString { write(fd, $0, 16) }
            return close(fd)
        } == 0)
        let report = try Fixtures.scan([dir])
        let finding = try #require(report.findings.first)
        let shown = Escape.display(finding.location.path)
        #expect(shown.contains("evil\\x1b[31m\\xff\\x0arequirements/requirements.txt"))
        #expect(!shown.unicodeScalars.contains { $0.value < 0x20 })
        let text = TextReporter().render(report, context: ReportContext())
        #expect(!text.contains("\u{1b}"), "raw ESC must never reach the terminal")
    }

    @Test func hugeSingleLineFileIsAnErrorWithBoundedRead() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { Fixtures.cleanUp(dir) }
        let path = dir + "/requirements.txt"
        FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<50 { handle.write(chunk) }
        try handle.close()
        try Fixtures.write("litellm==1.82.8\n", to: dir + "/other/requirements.txt")
        let report = try Fixtures.scan([dir])
        // Streamed, whatever the size: the one 50 MiB line is the error, and it is never held.
        #expect(report.errors.map { "\($0.location.line ?? 0) \($0.message)" } == ["1 line 1 is longer than 1 MiB and is not a comment; not read"])
        #expect(report.findings.count == 1, "an error in one file never hides a finding in another")
    }
}
