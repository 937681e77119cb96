import Foundation
import Testing
@testable import LitmusFormats
@testable import LitmusWalk

/// Zip members written by Python's zipfile (stored and deflated), read back by litmus; then the
/// same members with a lying central directory (CRC, size, method) must be errors.
@Suite struct ZipMemberTests {
    static func archive() throws -> (bytes: [UInt8], entries: [ZipEntry], expected: [String: [UInt8]]) {
        let python = try #require(InflateTests.oracle, "no CPython to write the archive")
        let dir = try Fixtures.temporaryDirectory("litmus-zipmember")
        defer { Fixtures.cleanUp(dir) }
        let script = """
        import random, sys, zipfile
        r = random.Random(12)
        members = {"stored.txt": (b"stored " * 3000, zipfile.ZIP_STORED), "deflated.txt": (b"deflated litellm " * 20000, zipfile.ZIP_DEFLATED),
                   "random.bin": (bytes(r.getrandbits(8) for _ in range(100000)), zipfile.ZIP_DEFLATED), "empty": (b"", zipfile.ZIP_DEFLATED),
                   "dir/one": (b"1", zipfile.ZIP_DEFLATED)}
        with zipfile.ZipFile(sys.argv[1], "w") as z:
            for name, (data, method) in members.items():
                z.writestr(zipfile.ZipInfo(name), data, compress_type=method)
        for name, (data, method) in members.items():
            open(sys.argv[1] + "." + name.replace("/", "_"), "wb").write(data)
        """
        _ = try CPythonDifferentialTests.output(python, ["-I", "-S", "-c", script, dir + "/a.zip"])
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zip")))
        var expected: [String: [UInt8]] = [:]
        for name in ["stored.txt", "deflated.txt", "random.bin", "empty", "dir/one"] {
            expected[name] = [UInt8](try Data(contentsOf: URL(fileURLWithPath: dir + "/a.zip." + name.replacingOccurrences(of: "/", with: "_"))))
        }
        let entries = try ZipDirectory.entries(size: UInt64(bytes.count)) { o, c in Array(bytes[Int(o)..<Int(o) + c]) }
        return (bytes, entries, expected)
    }

    @Test func readsWhatZipfileWrote() throws {
        let (bytes, _, expected) = try Self.archive()
        let zip = try ZipArchiveFiles(archive: "/x/a.zip", files: InMemoryFiles(["/x/a.zip": bytes]))
        for (name, data) in expected {
            #expect(try zip.read("/x/a.zip/" + name, limit: 1 << 20) == data, "\(name)")
        }
        #expect(Set(try zip.list("/x/a.zip").map(\.name)) == ["stored.txt", "deflated.txt", "random.bin", "empty", "dir"])
        #expect(try zip.list("/x/a.zip/dir").map(\.name) == ["one"])
        #expect(throws: ReadError.self) { _ = try zip.read("/x/a.zip/deflated.txt", limit: 1000) }
        #expect(throws: ReadError.self) { _ = try zip.read("/x/a.zip/missing", limit: 1000) }
    }

    @Test func lyingCentralDirectoriesAreErrors() throws {
        let (bytes, entries, _) = try Self.archive()
        let read: (UInt64, Int) throws -> [UInt8] = { o, c in Array(bytes[Int(o)..<Int(o) + c]) }
        for entry in entries where !entry.name.hasPrefix("empty") {
            let badCRC = ZipEntry(rawName: entry.rawName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize,
                                  crc32: entry.crc32 ^ 1, method: entry.method, localHeaderOffset: entry.localHeaderOffset)
            #expect(throws: ZipError.self, "\(entry.name) with a wrong CRC") { _ = try ZipMember.content(of: badCRC, limit: 1 << 20, read: read) }
            // A member that decompresses to more than it declares (a bomb hiding its size).
            let small = ZipEntry(rawName: entry.rawName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize - 1,
                                 crc32: entry.crc32, method: entry.method, localHeaderOffset: entry.localHeaderOffset)
            #expect(throws: ZipError.self, "\(entry.name) declaring one byte less") { _ = try ZipMember.content(of: small, limit: 1 << 20, read: read) }
            let large = ZipEntry(rawName: entry.rawName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize + 1,
                                 crc32: entry.crc32, method: entry.method, localHeaderOffset: entry.localHeaderOffset)
            #expect(throws: ZipError.self, "\(entry.name) declaring one byte more") { _ = try ZipMember.content(of: large, limit: 1 << 20, read: read) }
            #expect(throws: ZipError.self, "\(entry.name) over the cap") { _ = try ZipMember.content(of: entry, limit: Int(entry.uncompressedSize) - 1, read: read) }
            let bzip2 = ZipEntry(rawName: entry.rawName, compressedSize: entry.compressedSize, uncompressedSize: entry.uncompressedSize,
                                 crc32: entry.crc32, method: 12, localHeaderOffset: entry.localHeaderOffset)
            #expect(throws: ZipError.self, "\(entry.name) as bzip2") { _ = try ZipMember.content(of: bzip2, limit: 1 << 20, read: read) }
            #expect(try ZipMember.content(of: entry, limit: Int(entry.uncompressedSize), read: read).count == Int(entry.uncompressedSize))
        }
    }
}
