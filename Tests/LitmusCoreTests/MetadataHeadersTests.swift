import Foundation
import Testing
@testable import LitmusFormats

/// Bytes of a committed test vector, located next to this file so the tests
/// do not depend on the working directory. A missing file throws.
fileprivate func metadataVector(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
    let url = URL(fileURLWithPath: filePath)
        .deletingLastPathComponent()
        .appendingPathComponent("Vectors")
        .appendingPathComponent(name)
    return Array(try Data(contentsOf: url))
}

/// Parses a Swift string as metadata bytes.
fileprivate func headers(_ text: String) throws(MetadataError) -> MetadataHeaders {
    try MetadataHeaders(parsing: Array(text.utf8))
}

/// The error thrown for `bytes`, or nil when parsing succeeded.
fileprivate func metadataError(_ bytes: [UInt8]) -> MetadataError? {
    do {
        _ = try MetadataHeaders(parsing: bytes)
        return nil
    } catch {
        return error
    }
}

@Test(arguments: ["METADATA-litellm-1.82.6", "PKG-INFO-litellm-1.82.6"])
func realLiteLLMMetadata(vector: String) throws {
    let parsed = try MetadataHeaders(parsing: try metadataVector(vector))
    #expect(parsed.name == "litellm")
    #expect(parsed.version == "1.82.6")
    #expect(parsed.line(of: "version") == 3)
    #expect(parsed.first("Metadata-Version") == "2.1")
    #expect(parsed.all("Classifier").count == 7)
    #expect(parsed.all("Requires-Dist").count == 51)
    #expect(parsed.all("Requires-Dist").contains("openai (>=2.8.0)"))
    #expect(parsed.first("Description-Content-Type") == "text/markdown")
    // The body (README) follows the blank line and must not leak into headers.
    #expect(parsed.fields.last?.name == "Description-Content-Type")
    #expect(parsed.fields.allSatisfy { !$0.value.contains("LiteLLM") })
}

@Test func realFoldedPkgInfo() throws {
    let parsed = try MetadataHeaders(parsing: try metadataVector("PKG-INFO-toml-0.10.2"))
    #expect(parsed.name == "toml")
    #expect(parsed.version == "0.10.2")
    let description = try #require(parsed.first("Description"))
    #expect(description.hasPrefix("****\n        TOML\n        ****\n        \n        .. image::"))
    #expect(description.contains("\n          pip install toml\n"))
    #expect(parsed.line(of: "Platform") == 234)
    #expect(parsed.all("classifier").count == 18)
    #expect(parsed.first("Requires-Python") == ">=2.6, !=3.0.*, !=3.1.*, !=3.2.*")
}

@Test func foldedHeadersKeepBreaksLikePythonEmail() throws {
    let parsed = try headers("Name: x\nSummary: A long\n  summary\n\tcontinued   \n   \nVersion: 1\n")
    // The whitespace-only line is a continuation, not the end of the block.
    #expect(parsed.first("Summary") == "A long\n  summary\n\tcontinued")
    #expect(parsed.version == "1")
    #expect(parsed.line(of: "Version") == 6)
}

@Test func crlfMatchesLF() throws {
    let lf = "Metadata-Version: 2.1\nName: litellm\nVersion: 1.82.7\nSummary: a\n  b\n\nbody\n"
    let crlf = lf.replacingOccurrences(of: "\n", with: "\r\n")
    let parsed = try headers(crlf)
    #expect(parsed == (try headers(lf)))
    #expect(parsed.version == "1.82.7")
    #expect(parsed.first("Summary") == "a\n  b")
}

@Test func namesAreCaseInsensitive() throws {
    let parsed = try headers("name: LiteLLM\nVERSION: 1.82.8\nrequires-dist: a\nRequires-Dist: b\n")
    #expect(parsed.name == "LiteLLM")
    #expect(parsed.version == "1.82.8")
    #expect(parsed.all("REQUIRES-DIST") == ["a", "b"])
    #expect(parsed.line(of: "requires-DIST") == 3)
    #expect(parsed.fields.map(\.name) == ["name", "VERSION", "requires-dist", "Requires-Dist"])
    #expect(parsed.first("Missing") == nil)
    #expect(parsed.line(of: "Missing") == nil)
}

@Test func bodyIsIgnored() throws {
    let body = String(repeating: "Version: 9.9.9\nnot a header line\n\u{0}\n", count: 100_000)
    let parsed = try headers("Name: litellm\nVersion: 1.82.6\n\n" + body)
    #expect(parsed.version == "1.82.6")
    #expect(parsed.all("Version") == ["1.82.6"])
    #expect(parsed.fields.count == 2)
}

@Test(arguments: [
    ("", 0),
    ("\n", 0),
    ("\u{FEFF}Summary: only\n", 1),
    ("Summary: no name or version", 1),
    ("Empty:\nAlso-Empty:   \n", 2),
])
func partialBlocksAreNotErrors(source: String, fieldCount: Int) throws {
    let parsed = try headers(source)
    #expect(parsed.fields.count == fieldCount)
    #expect(parsed.name == nil)
    #expect(parsed.version == nil)
}

@Test(arguments: [
    ([UInt8]("Name: x\nVer\u{0}sion: 1\n".utf8), 2, "NUL"),
    ([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00], 1, "':'"),
    ([UInt8]("Name: x\nthis line has no colon\n\nbody".utf8), 2, "':'"),
    ([UInt8]("  leading continuation\nName: x\n".utf8), 1, "continuation"),
    ([UInt8]("Name: x\nBad Name: y\n".utf8), 2, "invalid header name"),
    ([UInt8](": empty name\n".utf8), 1, "invalid header name"),
])
func rejectsMalformedBlocks(bytes: [UInt8], line: Int, fragment: String) throws {
    let error = try #require(metadataError(bytes))
    #expect(error.line == line)
    #expect(error.message.contains(fragment), "\(error)")
}

@Test func invalidUTF8IsDecodedLossily() throws {
    let bytes = [UInt8]("Name: caf".utf8) + [0xC3] + [UInt8]("\nAuthor: ".utf8) + [0xFF, 0xFE, 0x41] + [UInt8]("\nVersion: 1\n".utf8)
    let parsed = try MetadataHeaders(parsing: bytes)
    #expect(parsed.name == "caf\u{FFFD}")
    #expect(parsed.first("Author") == "\u{FFFD}\u{FFFD}A")
    #expect(parsed.version == "1")
}

@Test func oversizedHeaderBlockIsRejected() throws {
    let line = "Classifier: " + String(repeating: "x", count: 1_000) + "\n"
    let block = String(repeating: line, count: 1_100)
    let error = try #require(metadataError(Array(block.utf8)))
    #expect(error.message.contains("exceeds"))
    let singleLine = "Description: " + String(repeating: "y", count: 2 << 20)
    #expect(metadataError(Array(singleLine.utf8))?.line == 1)
}

@Test func largeBlockUnderCapIsAccepted() throws {
    let line = "Classifier: " + String(repeating: "x", count: 1_000) + "\n"
    let parsed = try headers(String(repeating: line, count: 1_000) + "\n" + String(repeating: "z", count: 3 << 20))
    #expect(parsed.all("Classifier").count == 1_000)
}

@Test func errorDescriptionNamesLine() {
    #expect(MetadataError(line: 4, message: "NUL byte").description == "line 4: NUL byte")
}

/// Byte flips and truncations of a real file must parse or throw, never trap.
@Test func mutatedMetadataNeverCrashes() throws {
    let sample = try metadataVector("METADATA-litellm-1.82.6")
    var state: UInt64 = 42
    func next() -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int(truncatingIfNeeded: state >> 33)
    }
    let interesting: [UInt8] = [0, 0x0A, 0x0D, 0x20, 0x09, 0x3A, 0xFF, 0xC3, 0xEF]
    for length in stride(from: 0, through: sample.count, by: 7) {
        _ = metadataError(Array(sample.prefix(length)))
    }
    for _ in 0..<500 {
        var bytes = sample
        for _ in 0..<(1 + next() % 4) {
            bytes[next() % bytes.count] = interesting[next() % interesting.count]
        }
        _ = metadataError(bytes)
    }
}
