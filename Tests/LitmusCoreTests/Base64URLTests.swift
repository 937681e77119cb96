import Foundation
import Testing

@testable import LitmusFormats

/// Base64url as used by RECORD digests, plus the Hex helper.
struct Base64URLTests {
    @Test(arguments: [
        (
            "71e35aef03099cd1f2d6446734273025a163597de93912df321ef118bf135238",
            "ceNa7wMJnNHy1kRnNCcwJaFjWX3pORLfMh7xGL8TUjg"
        ),
        (
            "a0d229be8efcb2f9135e2ad55ba275b76ddcfeb55fa4370e0a522a5bdee0120b",
            "oNIpvo78svkTXirVW6J1t23c_rVfpDcOClIqW97gEgs"
        ),
    ])
    func knownDigests(hex: String, encoded: String) throws {
        let bytes = try #require(Hex.decode(hex))
        #expect(Base64URL.encode(bytes) == encoded)
        #expect(Base64URL.decode(encoded) == bytes)
        #expect(Base64URL.decode(encoded + "=") == bytes)
    }

    @Test func roundTripsAgainstFoundation() {
        var generator = SeededGenerator(seed: 64)
        for length in 0...70 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let padded = Data(bytes).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            let unpadded = padded.replacingOccurrences(of: "=", with: "")
            #expect(Base64URL.encode(bytes) == unpadded)
            #expect(Base64URL.decode(unpadded) == bytes)
            #expect(Base64URL.decode(padded) == bytes)
        }
    }

    @Test(arguments: [
        "ab+c", "ab/c", "ab c", "abc\n", "abc=d", "a", "abcde", "=", "==", "ab===", "a===", "abc==",
        "ab=", "é", "ab\u{0}c", "QQ=A",
    ])
    func rejectsInvalid(text: String) {
        #expect(Base64URL.decode(text) == nil)
    }

    @Test func acceptsEmpty() {
        #expect(Base64URL.decode("") == [])
        #expect(Base64URL.encode([]) == "")
    }

    @Test func hexRoundTripAndRejects() {
        #expect(Hex.encode([0x00, 0x0f, 0xab, 0xff]) == "000fabff")
        #expect(Hex.decode("000FabfF") == [0x00, 0x0f, 0xab, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode(" a") == nil)
    }
}
