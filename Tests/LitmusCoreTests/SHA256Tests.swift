import Foundation
import Testing

@testable import LitmusFormats

/// SHA-256 against FIPS 180-4 examples, hashlib-generated vectors, and
/// arbitrary chunking.
struct SHA256Tests {
    /// `count` bytes where byte i = i % 251 (the "mod251" vector pattern);
    /// 251 is prime so the pattern never lines up with 64-byte blocks.
    static func mod251(_ count: Int) -> [UInt8] {
        (0..<count).map { UInt8($0 % 251) }
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
    ])
    func fipsExamples(message: String, digest: String) {
        #expect(SHA256.hex(SHA256.hash(Array(message.utf8))) == digest)
    }

    @Test func fipsOneMillionA() {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(SHA256.hash(message)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func hashlibVectorFile() throws {
        var checked = 0
        for line in try FormatVectors.text("sha256.tsv").split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            try #require(columns.count == 3, "bad vector line: \(line)")
            let length = try #require(Int(columns[0]))
            let message = try #require(Self.message(spec: columns[1], length: length))
            #expect(message.count == length)
            #expect(SHA256.hex(SHA256.hash(message)) == columns[2], "length \(length)")
            checked += 1
        }
        // 0...300 plus 7 large messages; a shorter file means it was damaged.
        #expect(checked == 308)
    }

    /// Builds the message a vector line describes.
    static func message(spec: String, length: Int) -> [UInt8]? {
        if spec == "mod251" { return mod251(length) }
        guard spec.hasPrefix("hex:") else { return nil }
        return Hex.decode(String(spec.dropFirst(4)))
    }

    @Test(arguments: [1, 2, 3, 55, 56, 63, 64, 65, 127, 128, 129, 1000, 4096, 65_536])
    func fixedChunkSizes(chunk: Int) {
        let message = Self.mod251(200_003)
        var hasher = SHA256()
        var start = 0
        while start < message.count {
            let end = min(start + chunk, message.count)
            hasher.update(Array(message[start..<end]))
            start = end
        }
        #expect(hasher.finalize() == SHA256.hash(message))
    }

    @Test func randomChunkSizes() {
        let message = Self.mod251(300_007)
        let expected = SHA256.hash(message)
        var generator = SeededGenerator(seed: 0x5eed)
        for _ in 0..<20 {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let size = [0, 1, 63, 64, 65, 4096, Int.random(in: 1...9000, using: &generator)]
                    .randomElement(using: &generator) ?? 1
                let end = min(start + size, message.count)
                message[start..<end].withUnsafeBytes { hasher.update($0) }
                start = end
            }
            #expect(hasher.finalize() == expected)
        }
    }

    @Test func finalizeResetsForReuse() {
        var hasher = SHA256()
        hasher.update(Array("abc".utf8))
        _ = hasher.finalize()
        hasher.update(Array("abc".utf8))
        #expect(SHA256.hex(hasher.finalize()) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hasher.finalize() == SHA256.hash([]))
    }

    @Test func emptyRawBufferIsANoOp() {
        var hasher = SHA256()
        hasher.update(UnsafeRawBufferPointer(start: nil, count: 0))
        hasher.update([])
        #expect(hasher.finalize() == SHA256.hash([]))
    }

    @Test func digestIs32BytesAndHexIsLowerCase() {
        let digest = SHA256.hash(Array("litmus".utf8))
        #expect(digest.count == 32)
        let hex = SHA256.hex(digest)
        #expect(hex.count == 64)
        #expect(hex == hex.lowercased())
    }
}
