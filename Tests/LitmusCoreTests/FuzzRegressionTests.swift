import Foundation
import Testing
@testable import LitmusExtractors
@testable import LitmusWalk

/// Every crash, hang or out-of-memory found by `fuzz/run.sh` stays fixed: each test holds the
/// minimised input (under `Vectors/fuzz/`, read from this file's location because the test
/// target excludes `Vectors`) and runs it the way the fuzz target did.
@Suite struct FuzzRegressionTests {
    static func vector(_ name: String) throws -> [UInt8] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors/fuzz").appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    /// Counts reads per path, so a test can bound work without timing a debug build.
    final class CountingFiles: FileReading, @unchecked Sendable {
        let inner: InMemoryFiles
        private let lock = NSLock()
        private var counts: [String: Int] = [:]
        init(_ files: [String: [UInt8]]) { inner = InMemoryFiles(files) }
        var reads: [String: Int] { lock.lock(); defer { lock.unlock() }; return counts }
        func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
            lock.lock(); counts[path, default: 0] += 1; lock.unlock()
            return try inner.read(path, limit: limit)
        }
        func digest(_ path: String, limit: UInt64) throws(ReadError) -> FileDigest { try inner.digest(path, limit: limit) }
        func list(_ directory: String) throws(ReadError) -> [DirectoryItem] { try inner.list(directory) }
        func size(_ path: String) throws(ReadError) -> UInt64 { try inner.size(path) }
        func readRange(_ path: String, offset: UInt64, count: Int) throws(ReadError) -> [UInt8] {
            // Requirements files are streamed: a parse starts with the read at offset 0.
            if offset == 0 { lock.lock(); counts[path, default: 0] += 1; lock.unlock() }
            return try inner.readRange(path, offset: offset, count: count)
        }
    }

    /// fuzz target `requirements`, timeout (> 1 s): a file including the same file many times
    /// re-parsed it once per include, and a file including itself fanned out again inside each
    /// one. Fixed by parsing each file once per include depth (commit "requirements: parse each
    /// included file once").
    /// The inflate target's crash: a zip member declaring 2^64 - 1 bytes made the "too large"
    /// message trap on `size * 10`. The message is built for any size, rounded as before.
    @Test func tooLargeMessageForAnyDeclaredSize() {
        #expect(ReadError.tooLarge("m", size: UInt64.max, limit: 1 << 20).message
                == "file is 17592186044416.0 MiB, over the 1.0 MiB limit for this format")
        #expect(ReadError.megabytes(50 * 1_048_576 + 52_429) == "50.1 MiB")
        #expect(ReadError.megabytes(52_428) == "0.0 MiB")
    }

    @Test func repeatedIncludesParseEachFileOnce() throws {
        let bytes = try Self.vector("include-fanout.txt")
        // As in fuzz/targets/requirements.swift: the same bytes under every name it includes.
        let files = CountingFiles(["requirements.txt": bytes, "base.txt": bytes, "sub/c.txt": bytes])
        let entry = FileEntry(path: "requirements.txt", name: "requirements.txt", parentName: "", kind: .file)
        let e = RequirementsTxt().extract(entry, files: files)
        #expect(files.reads == ["requirements.txt": 1, "base.txt": 1])
        #expect(e.observations.count == 2, "the pin in each file is still seen")
        #expect(e.issues.allSatisfy { $0.message.hasPrefix("include cycle") })
        #expect(e.issues.count == 64, "one cycle error per self-include in base.txt, not 64 x 64")
    }

    /// The general shape of the same bug: a diamond of includes 32 levels deep (each file
    /// includes the next twice) was 2^32 parses.
    @Test func diamondIncludesAreLinear() throws {
        var files: [String: [UInt8]] = [:]
        for level in 0..<32 {
            files["r\(level).txt"] = Array("-r r\(level + 1).txt\n-c r\(level + 1).txt\n-r r\(level + 1).txt\n".utf8)
        }
        files["r32.txt"] = Array("telnyx==4.87.2\n".utf8)
        let counting = CountingFiles(files)
        let entry = FileEntry(path: "r0.txt", name: "r0.txt", parentName: "", kind: .file)
        let e = RequirementsTxt().extract(entry, files: counting)
        #expect(counting.reads.values.allSatisfy { $0 <= 2 }, "\(counting.reads)")
        #expect(e.issues.isEmpty)
        let pins = e.observations.compactMap { o -> String? in
            guard case .package(let p) = o else { return nil }
            return "\(p.name.normalized) \(p.requirementText) \(p.location.display)"
        }
        #expect(Set(pins) == ["telnyx ==4.87.2 r32.txt:1"])
    }
}
