import Foundation
import Testing

@testable import LitmusFormats

/// RECORD parsing: a real pip-installed litellm 1.82.6 RECORD, CSV quoting
/// rules, and rejection of malformed rows with the right line number.
struct RecordFileTests {
    /// Parses a string, for readable test inputs.
    static func parse(_ text: String) throws(RecordError) -> [RecordEntry] {
        try RecordFile.parse(Array(text.utf8))
    }

    /// Digest bytes from the base64url text used in RECORD files.
    static func digest(_ encoded: String) throws -> [UInt8] {
        try #require(Base64URL.decode(encoded))
    }

    @Test func realLitellmRecord() throws {
        let entries = try RecordFile.parse(try FormatVectors.bytes("RECORD-litellm-1.82.6"))
        #expect(entries.count == 4308)
        #expect(entries.enumerated().allSatisfy { $0.element.line == $0.offset + 1 })
        let first = try #require(entries.first)
        #expect(first.path == "../../bin/litellm")  // kept verbatim, caller judges
        #expect(first.hashAlgorithm == "sha256")
        #expect(first.size == 245)
        let own = try #require(entries.first { $0.path == "litellm-1.82.6.dist-info/RECORD" })
        #expect(own.hashAlgorithm == nil && own.digest == nil && own.size == nil)
        #expect(own.line == 6)
        let initFile = try #require(entries.first { $0.path == "litellm/__init__.py" })
        #expect(initFile.digest == (try Self.digest("ttrP9XHd1fF4GTiM15pYJYvTzhPF_sDIPh-1_XyYKhk")))
        #expect(initFile.size == 85_320)
        #expect(initFile.line == 10)
        let unhashed = entries.filter { $0.digest == nil }
        #expect(unhashed.allSatisfy { $0.path.hasSuffix(".pyc") || $0.path.hasSuffix("/RECORD") })
    }

    @Test func recordDigestMatchesInstalledFile() throws {
        // LICENSE-litellm-1.82.6 is a copy of the file pip installed from the
        // 1.82.6 wheel; its RECORD row must match our SHA-256 of it.
        let entries = try RecordFile.parse(try FormatVectors.bytes("RECORD-litellm-1.82.6"))
        let license = try #require(entries.first { $0.path == "litellm-1.82.6.dist-info/LICENSE" })
        let installed = try FormatVectors.bytes("LICENSE-litellm-1.82.6")
        #expect(license.size == UInt64(installed.count))
        #expect(license.digest == SHA256.hash(installed))
        #expect(Base64URL.encode(SHA256.hash(installed)) == "sXDWv46INd01fgEWgdsCj01R4vsOqJIFj1bgH7ObgnM")
    }

    /// Debian's dh-python rewrites RECORD digests as hex (seen in python3-blinker 1.5 on
    /// Debian 12); both spellings must decode to the same 32 bytes.
    @Test func debianHexDigestsAreAccepted() throws {
        let entries = try RecordFile.parse(try FormatVectors.bytes("RECORD-debian-python3-blinker-1.5"))
        let metadata = try #require(entries.first { $0.path == "blinker-1.5.dist-info/METADATA" })
        #expect(metadata.digest.map(Hex.encode) == "d79a1767390aacff6e55d4b2a2350556ac2677dd8692faaada633f7d4f4112c2")
        #expect(metadata.size == 1826)
        let hex = try RecordFile.parse(Array("a.py,sha256=71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238,1\n".utf8))
        let b64 = try RecordFile.parse(Array("a.py,sha256=ceNa7wMJnNHy1kRnNCcwJaFjWX3pORLfMh7xGL8TUjg,1\n".utf8))
        #expect(hex.first?.digest == b64.first?.digest)
    }

    @Test func quotingLineEndingsAndBlankLines() throws {
        let text = "\"a,b.py\",sha256=ceNa7wMJnNHy1kRnNCcwJaFjWX3pORLfMh7xGL8TUjg,12\r\n"
            + "\n"
            + "\"say \"\"hi\"\".py\",,\n"
            + "\"multi\nline.py\",,3\r"
            + "/abs/path.py,sha256=oNIpvo78svkTXirVW6J1t23c_rVfpDcOClIqW97gEgs=,0\n"
            + "x\"y.py,,"
        let entries = try Self.parse(text)
        #expect(entries.map(\.path) == ["a,b.py", "say \"hi\".py", "multi\nline.py", "/abs/path.py", "x\"y.py"])
        #expect(entries.map(\.line) == [1, 3, 4, 6, 7])
        let expected = try #require(Hex.decode("71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238"))
        #expect(entries[0].digest == expected)
        #expect(entries[0].size == 12)
        #expect(entries[1].hashAlgorithm == nil && entries[1].size == nil)
        #expect(entries[2].size == 3)
        #expect(entries[3].size == 0)
        #expect(entries[3].digest?.count == 32)
    }

    @Test func emptyInputHasNoEntries() throws {
        #expect(try Self.parse("").isEmpty)
        #expect(try Self.parse("\n\r\n").isEmpty)
    }

    @Test(arguments: [
        ("a.py,sha256=ab+c,1\n", 1, "bad base64"),
        ("ok.py,,\nb.py,sha256=!!!,1\n", 2, "bad base64 on line 2"),
        ("a.py,,12a\n", 1, "non-numeric size"),
        ("a.py,,-1\n", 1, "negative size"),
        ("a.py,, 1\n", 1, "space in size"),
        ("a.py,,99999999999999999999\n", 1, "size overflow"),
        ("ok.py,,\n\"open.py,,\n", 2, "unterminated quote"),
        ("ok.py,,\nok2.py,,\na\u{0}.py,,\n", 3, "NUL byte"),
        ("a.py,,\nb.py\n", 2, "one field"),
        ("a.py,,1,extra\n", 1, "four fields"),
        (",,\n", 1, "empty path"),
        ("a.py,sha256,1\n", 1, "no algorithm separator"),
        ("a.py,=abcd,1\n", 1, "empty algorithm"),
        ("a.py,sha256=,1\n", 1, "empty digest"),
        ("a.py,sha256=YWJj,1\n", 1, "sha256 digest of 3 bytes"),
    ])
    func malformedRowsAreRejected(text: String, line: Int, why: String) {
        #expect(throws: RecordError.self, "\(why)") { try Self.parse(text) }
        do {
            _ = try Self.parse(text)
        } catch {
            #expect(error.line == line, "\(why): \(error)")
        }
    }

    @Test func invalidUTF8PathIsRejected() {
        let bytes: [UInt8] = Array("ok.py,,\n".utf8) + [0x61, 0xFF, 0x2C, 0x2C, 0x0A]
        #expect(throws: RecordError(line: 2, message: "path is not valid UTF-8")) { try RecordFile.parse(bytes) }
    }

    @Test func unknownAlgorithmsAreKeptVerbatim() throws {
        let entry = try #require(try Self.parse("a.py,blake2b=YWJj,3\n").first)
        #expect(entry.hashAlgorithm == "blake2b")
        #expect(entry.digest == Array("abc".utf8))
    }

    @Test func randomInputNeverCrashes() {
        var generator = SeededGenerator(seed: 427)
        let alphabet = Array("a,\"=\r\n0_-/".utf8) + [0, 0xFF]
        for _ in 0..<5000 {
            let length = Int.random(in: 0...40, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            _ = try? RecordFile.parse(bytes)
        }
    }

    @Test func errorDescriptionNamesTheLine() {
        #expect(RecordError(line: 7, message: "bad").description == "RECORD line 7: bad")
    }
}
