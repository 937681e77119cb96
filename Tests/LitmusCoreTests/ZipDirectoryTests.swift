import Foundation
import Testing

@testable import LitmusFormats

/// Central-directory reading of real and synthetic archives, including
/// hostile ones: every malformed input must yield ZipError, never a crash.
struct ZipDirectoryTests {
    /// Files stored in the committed wheel-like vectors (see make_zip_vectors.py).
    static let wheelFiles: [(String, String)] = [
        ("litellm/__init__.py", "# litellm test fixture\nfrom ._version import version\n"),
        ("litellm/_version.py", "version = \"1.82.6\"\n"),
        ("litellm-1.82.6.dist-info/METADATA", "Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.6\n"),
        (
            "litellm-1.82.6.dist-info/WHEEL",
            "Wheel-Version: 1.0\nGenerator: litmus-test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
        ("litellm-1.82.6.dist-info/RECORD", ""),
    ]

    /// Reads the central directory of an in-memory archive, with a reader
    /// that enforces the documented contract and logs request sizes.
    static func entries(
        _ bytes: [UInt8], maxEntries: Int = 200_000, log: ReadLog? = nil
    ) throws(ZipError) -> [ZipEntry] {
        try ZipDirectory.entries(size: UInt64(bytes.count), maxEntries: maxEntries) { offset, count in
            log?.record(count)
            guard offset <= UInt64(bytes.count), count >= 0, UInt64(count) <= UInt64(bytes.count) - offset else {
                throw ZipError("test reader: out of range")
            }
            return Array(bytes[Int(offset)..<(Int(offset) + count)])
        }
    }

    /// Largest read requested, to prove lying sizes cause no huge reads.
    final class ReadLog {
        /// Largest count seen.
        var largest = 0
        /// Records one request.
        func record(_ count: Int) { largest = max(largest, count) }
    }

    /// Asserts that the archive is rejected with a ZipError.
    static func expectRejected(_ bytes: [UInt8], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(throws: ZipError.self, comment, sourceLocation: sourceLocation) { try entries(bytes) }
    }

    // MARK: Committed vectors

    @Test(arguments: ["wheel.zip", "comment.zip", "zip64.zip", "zip64-local.zip"])
    func pythonWheelLikeArchives(file: String) throws {
        let bytes = try FormatVectors.bytes("zip/\(file)")
        let entries = try Self.entries(bytes)
        #expect(entries.map(\.name) == Self.wheelFiles.map(\.0))
        for (entry, (_, content)) in zip(entries, Self.wheelFiles) {
            #expect(entry.rawName == Array(entry.name.utf8))
            #expect(entry.uncompressedSize == UInt64(content.utf8.count))
            #expect(entry.crc32 == TestCRC32.checksum(Array(content.utf8)))
            #expect(entry.method == 8)
            #expect(Self.hasLocalHeader(bytes, at: entry.localHeaderOffset))
        }
    }

    @Test(arguments: ["pyzipfile-cli.zip", "infozip.zip"])
    func commandLineToolArchives(file: String) throws {
        let bytes = try FormatVectors.bytes("zip/\(file)")
        let entries = try Self.entries(bytes)
        let metadata = try #require(entries.first { $0.name == "litellm-1.82.6.dist-info/METADATA" })
        #expect(metadata.uncompressedSize == 52)
        #expect(entries.contains { $0.name == "litellm/_version.py" })
        #expect(entries.allSatisfy { Self.hasLocalHeader(bytes, at: $0.localHeaderOffset) })
    }

    @Test func infoZipStreamedZip64() throws {
        let bytes = try FormatVectors.bytes("zip/infozip-stream.zip")
        let entries = try Self.entries(bytes)
        #expect(entries.map(\.name) == ["-"])
        #expect(entries.first?.uncompressedSize == 52)
    }

    @Test func emptyArchive() throws {
        let bytes = try FormatVectors.bytes("zip/empty.zip")
        #expect(bytes.count == 22)
        #expect(try Self.entries(bytes).isEmpty)
        #expect(ZipDirectory.isZip(prefix: bytes))
    }

    @Test(arguments: [
        "truncated-tail.zip", "truncated-half.zip", "lying-count.zip", "huge-count.zip",
        "offset-past-eof.zip", "size-past-eof.zip", "name-overrun.zip", "overlap.zip",
        "comment-fake-eocd.zip",
    ])
    func corruptedVectorsAreRejected(file: String) throws {
        Self.expectRejected(try FormatVectors.bytes("zip/\(file)"), "\(file)")
    }

    @Test(arguments: ["wheel.zip", "comment.zip", "zip64.zip"])
    func everyTruncationIsRejected(file: String) throws {
        let bytes = try FormatVectors.bytes("zip/\(file)")
        for length in 0..<bytes.count {
            Self.expectRejected(Array(bytes[0..<length]), "\(file) cut to \(length)")
        }
    }

    @Test(arguments: ["wheel.zip", "zip64.zip", "infozip-stream.zip", "comment.zip"])
    func randomCorruptionNeverCrashes(file: String) throws {
        let original = try FormatVectors.bytes("zip/\(file)")
        var generator = SeededGenerator(seed: UInt64(file.utf8.count))
        for _ in 0..<3000 {
            var bytes = original
            for _ in 0...Int.random(in: 0...3, using: &generator) {
                // Mostly hit the directory and end records, where parsing happens.
                let low = Int.random(in: 0...1, using: &generator) == 0 ? 0 : bytes.count * 2 / 3
                let index = Int.random(in: low..<bytes.count, using: &generator)
                bytes[index] = [0x00, 0xFF, 0x7F, 0x80, UInt8.random(in: 0...255, using: &generator)]
                    .randomElement(using: &generator) ?? 0
            }
            let log = ReadLog()
            if let entries = try? Self.entries(bytes, log: log) {
                #expect(entries.count <= 5)
            }
            #expect(log.largest <= 256 * 1024)
        }
    }

    @Test func isZipSignatures() {
        #expect(ZipDirectory.isZip(prefix: Array("PK\u{3}\u{4}rest".utf8)))
        #expect(ZipDirectory.isZip(prefix: Array("PK\u{5}\u{6}".utf8)))
        #expect(!ZipDirectory.isZip(prefix: Array("PK\u{1}\u{2}".utf8)))
        #expect(!ZipDirectory.isZip(prefix: Array("PK".utf8)))
        #expect(!ZipDirectory.isZip(prefix: []))
        #expect(!ZipDirectory.isZip(prefix: Array("\u{1F}\u{8B}gz".utf8)))
    }

    /// Whether a local file header signature sits at `offset`.
    static func hasLocalHeader(_ bytes: [UInt8], at offset: UInt64) -> Bool {
        guard offset + 4 <= UInt64(bytes.count) else { return false }
        return Array(bytes[Int(offset)..<Int(offset + 4)]) == [0x50, 0x4b, 0x03, 0x04]
    }

    // MARK: Synthetic archives

    static let sample = TestZipWriter(entries: [
        .init("litellm-1.82.6.dist-info/METADATA", "Name: litellm\nVersion: 1.82.6\n"),
        .init("litellm/__init__.py", ""),
        .init("litellm_init.pth", "import os\n"),
    ])

    @Test(arguments: [false, true])
    func writerRoundTrip(zip64: Bool) throws {
        var writer = Self.sample
        writer.zip64 = zip64
        let bytes = writer.build()
        let entries = try Self.entries(bytes)
        #expect(entries.map(\.name) == writer.entries.map { String(decoding: $0.name, as: UTF8.self) })
        for (entry, source) in zip(entries, writer.entries) {
            #expect(entry.compressedSize == UInt64(source.data.count))
            #expect(entry.uncompressedSize == UInt64(source.data.count))
            #expect(entry.method == 0)
            #expect(entry.crc32 == TestCRC32.checksum(source.data))
            #expect(Self.hasLocalHeader(bytes, at: entry.localHeaderOffset))
        }
    }

    @Test(arguments: [false, true])
    func prependedBytesShiftOffsets(zip64: Bool) throws {
        var writer = Self.sample
        writer.zip64 = zip64
        writer.prefix = Array("#!/usr/bin/env python3\n".utf8)
        let bytes = writer.build()
        let entries = try Self.entries(bytes)
        #expect(entries.count == 3)
        #expect(entries.first?.localHeaderOffset == UInt64(writer.prefix.count))
        #expect(entries.allSatisfy { Self.hasLocalHeader(bytes, at: $0.localHeaderOffset) })
    }

    @Test func invalidUTF8NameIsLossyButRawIsExact() throws {
        let raw: [UInt8] = [0x61, 0xFF, 0x2E, 0x70, 0x79]
        let bytes = TestZipWriter(entries: [.init(rawName: raw, data: [1, 2, 3])]).build()
        let entry = try #require(try Self.entries(bytes).first)
        #expect(entry.rawName == raw)
        #expect(entry.name == "a\u{FFFD}.py")
    }

    @Test func commentAndTrailingBytesAreTolerated() throws {
        var writer = Self.sample
        writer.comment = Array("a comment".utf8)
        #expect(try Self.entries(writer.build()).count == 3)
        #expect(try Self.entries(writer.build() + [0, 0, 0]).count == 3)
    }

    @Test func maximumLengthCommentIsFound() throws {
        var writer = Self.sample
        writer.comment = [UInt8](repeating: 0x20, count: 65_535)
        #expect(try Self.entries(writer.build()).count == 3)
    }

    @Test func maxEntriesIsEnforced() throws {
        let bytes = Self.sample.build()
        #expect(try Self.entries(bytes, maxEntries: 3).count == 3)
        #expect(throws: ZipError.self) { try Self.entries(bytes, maxEntries: 2) }
        #expect(throws: ZipError.self) { try Self.entries(bytes, maxEntries: -1) }
    }

    @Test func readerFailuresAndShortReadsBecomeZipError() {
        struct Boom: Error {}
        #expect(throws: ZipError.self) {
            try ZipDirectory.entries(size: 1000) { _, _ in throw Boom() }
        }
        #expect(throws: ZipError.self) {
            try ZipDirectory.entries(size: 1000) { _, count in [UInt8](repeating: 0, count: max(0, count - 1)) }
        }
    }

    @Test func tinyOrNonZipFilesAreRejected() {
        Self.expectRejected([])
        Self.expectRejected(Array("PK\u{5}\u{6}".utf8))
        Self.expectRejected([UInt8](repeating: 0, count: 1000))
        Self.expectRejected(Array("not a zip at all, just some text that is long enough".utf8))
    }

    @Test func hugeZip64ClaimsAreRejectedWithoutHugeReads() throws {
        var writer = Self.sample
        writer.zip64 = true
        let (original, layout) = writer.buildWithLayout()
        let end64 = try #require(layout.end64Record)
        let claims: [(field: Int, value: UInt64)] = [
            (24, UInt64.max), (32, 1 << 62),  // entry counts
            (40, 1 << 62), (40, UInt64.max),  // directory size
            (48, 1 << 62), (48, UInt64.max),  // directory offset
        ]
        for claim in claims {
            var bytes = original
            bytes.zipPut64(claim.value, at: end64 + claim.field)
            if claim.field == 32 { bytes.zipPut64(claim.value, at: end64 + 24) }
            let log = ReadLog()
            #expect(throws: ZipError.self) { try Self.entries(bytes, log: log) }
            #expect(log.largest <= 256 * 1024)
        }
    }

    @Test func zip64ExtraTooShortOrOverrunningIsRejected() throws {
        var writer = Self.sample
        writer.zip64 = true
        let (original, layout) = writer.buildWithLayout()
        // First central header: extra field length at +30, extra data after
        // the name; its zip64 record's own length is at extra + 2.
        let header = layout.directoryStart
        let nameLength = Int(original[header + 28]) | Int(original[header + 29]) << 8
        var short = original
        short.zipPut16(8, at: header + 46 + nameLength + 2)
        Self.expectRejected(short, "zip64 extra of 8 bytes for 3 saturated fields")
        var overrun = original
        overrun.zipPut16(200, at: header + 46 + nameLength + 2)
        Self.expectRejected(overrun, "extra record longer than the extra area")
    }

    @Test func unrelatedExtraFieldsAreSkipped() throws {
        let unix: [UInt8] = [0x75, 0x78, 0x05, 0x00, 1, 2, 3, 4, 5, 0xAA]  // plus a 1-byte tail
        let bytes = TestZipWriter(entries: [.init("a.py", "x", extra: unix)]).build()
        #expect(try Self.entries(bytes).map(\.name) == ["a.py"])
    }

    @Test func directoryBytesBeyondTheCountAreRejected() throws {
        // Count says 2 but the directory holds 3 headers: Python's zipfile
        // would list all 3, so hiding one must not be possible.
        let (original, layout) = Self.sample.buildWithLayout()
        var bytes = original
        bytes.zipPut16(2, at: layout.endRecord + 8)
        bytes.zipPut16(2, at: layout.endRecord + 10)
        Self.expectRejected(bytes)
    }

    @Test func badCentralSignatureAndMultiDiskAreRejected() throws {
        let (original, layout) = Self.sample.buildWithLayout()
        var badSignature = original
        badSignature[layout.directoryStart] = 0x51
        Self.expectRejected(badSignature)
        var multiDisk = original
        multiDisk.zipPut16(1, at: layout.endRecord + 4)
        Self.expectRejected(multiDisk)
    }

    @Test func localOffsetIntoTheDirectoryIsRejected() throws {
        let (original, layout) = Self.sample.buildWithLayout()
        var bytes = original
        bytes.zipPut32(UInt32(layout.directoryStart - 10), at: layout.directoryStart + 42)
        Self.expectRejected(bytes)
    }

    @Test func compressedSizePastTheDirectoryIsRejected() throws {
        let (original, layout) = Self.sample.buildWithLayout()
        var bytes = original
        bytes.zipPut32(UInt32.max - 1, at: layout.directoryStart + 20)
        Self.expectRejected(bytes)
    }

    @Test func errorDescriptionIsReadable() {
        #expect(ZipError("boom").description.contains("boom"))
        #expect(ZipError("a") == ZipError("a"))
    }
}
