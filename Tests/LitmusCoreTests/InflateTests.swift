import Foundation
import Testing
@testable import LitmusExtractors
@testable import LitmusFormats

/// The DEFLATE decoder against an external oracle: CPython's zlib compresses varied inputs at
/// every level (0–9) and with the fixed-Huffman, Huffman-only and RLE strategies, and litmus
/// must reproduce each input exactly, whole and fed in small chunks.
@Suite struct InflateTests {
    /// A CPython on this machine, or nil (the oracle tests then fail: they must not pass empty).
    static var oracle: String? { CPythonDifferentialTests.interpreters.last?.executable }

    /// Python that prints one JSON object: name → [level, strategy, input b64, compressed b64].
    static let generator = #"""
    import base64, json, random, zlib
    rnd = random.Random(1951)
    words = [b"litellm", b"import", b"os", b"version", b"1.82.8", b"\n", b" ", b"metadata", b"=", b"def"]
    inputs = {
        "empty": b"",
        "one-byte": b"x",
        "two-bytes": b"\x00\xff",
        "text": b"".join(rnd.choice(words) for _ in range(20000)),
        "random-small": bytes(rnd.getrandbits(8) for _ in range(1000)),
        "random-70k": bytes(rnd.getrandbits(8) for _ in range(70000)),
        "repetitive": b"ab" * 50000,
        "zeros-300k": bytes(300000),
        "long-runs": b"".join(bytes([rnd.getrandbits(8)]) * rnd.randint(1, 600) for _ in range(800)),
        "all-bytes": bytes(range(256)) * 300,
        "far-matches": (lambda b: b + bytes(rnd.getrandbits(8) for _ in range(30000)) + b)(bytes(rnd.getrandbits(8) for _ in range(3000))),
    }
    strategies = {"default": zlib.Z_DEFAULT_STRATEGY, "fixed": zlib.Z_FIXED, "huffman": zlib.Z_HUFFMAN_ONLY, "rle": zlib.Z_RLE, "filtered": zlib.Z_FILTERED}
    out = []
    for name, data in inputs.items():
        for level in range(10):
            for sname, s in strategies.items():
                if sname != "default" and level not in (1, 6, 9):
                    continue
                c = zlib.compressobj(level, zlib.DEFLATED, -15, 9 if level % 2 else 8, s)
                z = c.compress(data) + c.flush()
                out.append([name, level, sname, base64.b64encode(data).decode(), base64.b64encode(z).decode()])
        # A stream with sync and full flushes in the middle: empty stored blocks between blocks.
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        half = len(data) // 2
        z = c.compress(data[:half]) + c.flush(zlib.Z_SYNC_FLUSH) + c.compress(data[half:]) + c.flush(zlib.Z_FULL_FLUSH) + c.flush()
        out.append([name, 6, "flushes", base64.b64encode(data).decode(), base64.b64encode(z).decode()])
    print(json.dumps(out))
    """#

    struct Vector {
        var name: String
        var level: Int
        var strategy: String
        var data: [UInt8]
        var compressed: [UInt8]
    }

    static func vectors() throws -> [Vector] {
        let python = try #require(oracle, "no CPython on this machine to act as the zlib oracle")
        let json = try CPythonDifferentialTests.output(python, ["-I", "-S", "-c", generator])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[Any]], "oracle printed: \(json.prefix(200))")
        return try rows.map { row in
            let data = try #require(Data(base64Encoded: row[3] as? String ?? ""))
            let compressed = try #require(Data(base64Encoded: row[4] as? String ?? ""))
            return Vector(name: row[0] as? String ?? "?", level: row[1] as? Int ?? -1, strategy: row[2] as? String ?? "?",
                          data: [UInt8](data), compressed: [UInt8](compressed))
        }
    }

    @Test func decodesEveryZlibOutputExactly() throws {
        let vectors = try Self.vectors()
        var checked = 0
        var blockTypes = Set<Int>()
        for v in vectors {
            let label = "\(v.name) level \(v.level) \(v.strategy)"
            let whole = try Inflate.decompress(v.compressed, limit: v.data.count)
            #expect(whole == v.data, "\(label): decoded \(whole.count) bytes, expected \(v.data.count)")
            // Fed in 1-, 7- and 4096-byte chunks (with an empty chunk in between), the same.
            for size in [1, 7, 4096] where v.compressed.count < 4_000 || size > 7 || (size == 7 && v.compressed.count < 40_000) {
                var chunks = stride(from: 0, to: v.compressed.count, by: size).map { Array(v.compressed[$0..<min($0 + size, v.compressed.count)]) }
                chunks.insert([], at: chunks.count / 2)
                var source = InflateChunks(chunks)
                let decoded = try Inflate.decompress(limit: v.data.count, from: &source)
                #expect(decoded == v.data, "\(label) in \(size)-byte chunks")
            }
            if let first = v.compressed.first { blockTypes.insert(Int(first >> 1) & 3) }
            checked += 1
        }
        // The vectors must cover stored, fixed and dynamic blocks, or the test proves less.
        #expect(blockTypes == [0, 1, 2], "first-block types seen: \(blockTypes.sorted())")
        let inputs = Set(vectors.map { $0.name }).count
        print("inflate oracle: \(checked) zlib streams decoded exactly (\(inputs) inputs × levels 0-9, plus fixed/huffman/rle/filtered strategies at 1, 6, 9 and a flushed stream)")
        #expect(checked >= inputs * 10)
    }

    @Test func outputCapStopsAZipBomb() throws {
        let vectors = try Self.vectors()
        let zeros = try #require(vectors.first { $0.name == "zeros-300k" && $0.level == 9 && $0.strategy == "default" })
        #expect(zeros.compressed.count < 1_000)
        #expect(throws: InflateError.self) { _ = try Inflate.decompress(zeros.compressed, limit: 299_999) }
        do {
            _ = try Inflate.decompress(zeros.compressed, limit: 4096)
            Issue.record("a 300 kB stream decoded under a 4 kB cap")
        } catch let error as InflateError {
            #expect(error.kind == .outputLimit)
        } catch {
            Issue.record("unexpected error \(error)")
        }
        #expect(try Inflate.decompress(zeros.compressed, limit: 300_000).count == 300_000)
    }

    @Test func everyTruncationOfARealStreamIsAnError() throws {
        let vectors = try Self.vectors()
        for v in vectors where v.level == 6 && ["text", "one-byte", "random-small", "long-runs"].contains(v.name) {
            // Every cut in the first and last 48 bytes, and 64 evenly spaced ones in between.
            let n = v.compressed.count
            let cuts = Set(Array(0..<min(n, 48)) + Array(max(0, n - 48)..<n) + stride(from: 0, to: n, by: max(1, n / 64)).map { $0 })
            for cut in cuts.sorted() {
                do {
                    let out = try Inflate.decompress(Array(v.compressed[0..<cut]), limit: 1 << 20)
                    Issue.record("\(v.name) \(v.strategy) cut at \(cut)/\(v.compressed.count) decoded \(out.count) bytes")
                } catch let error as InflateError {
                    #expect(error.kind == .truncated || error.kind == .malformed, "\(v.name) cut at \(cut): \(error)")
                } catch {
                    Issue.record("unexpected error \(error)")
                }
            }
        }
    }

    /// Malformed streams built bit by bit: each must be an error, never a crash or a result.
    @Test(arguments: [
        ("block type 3", [0b0000_0111]),
        ("stored length/complement mismatch", [0x01, 0x05, 0x00, 0xFB, 0xFE]),
        ("stored block past end", [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x61]),
        ("distance too far back (fixed)", InflateTests.farBack),
        ("empty input", []),
        ("non-final block then nothing", [0x00, 0x00, 0x00, 0xFF, 0xFF]),
    ] as [(String, [UInt8])])
    func malformedStreamsAreErrors(name: String, bytes: [UInt8]) {
        do {
            let out = try Inflate.decompress(bytes, limit: 1 << 16)
            Issue.record("\(name): decoded \(out.count) bytes")
        } catch let error as InflateError {
            #expect(error.kind == .malformed || error.kind == .truncated, "\(name): \(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    /// Writes bits LSB-first, as DEFLATE packs them, to build hostile dynamic headers.
    struct BitWriter {
        var bytes: [UInt8] = []
        var bitCount = 0
        mutating func put(_ value: Int, _ n: Int) {
            for i in 0..<n {
                if bitCount % 8 == 0 { bytes.append(0) }
                if (value >> i) & 1 == 1 { bytes[bytes.count - 1] |= 1 << UInt8(bitCount % 8) }
                bitCount += 1
            }
        }
        /// A Huffman code, most significant bit first.
        mutating func putCode(_ code: Int, _ n: Int) {
            for i in stride(from: n - 1, through: 0, by: -1) { put((code >> i) & 1, 1) }
        }
    }

    /// A fixed block whose first symbol is a match (length 3, distance 1) with no output before it.
    static var farBack: [UInt8] {
        var w = BitWriter()
        w.put(1, 1); w.put(1, 2)
        w.putCode(0b000_0001, 7)  // length symbol 257
        w.putCode(0, 5)           // distance symbol 0: distance 1
        w.putCode(0, 7)           // end of block
        return w.bytes
    }

    /// A dynamic block header with the given code-length code lengths (in storage order).
    static func dynamicHeader(hlit: Int, hdist: Int, codeLengths: [Int]) -> BitWriter {
        var w = BitWriter()
        w.put(1, 1); w.put(2, 2)
        w.put(hlit - 257, 5); w.put(hdist - 1, 5); w.put(codeLengths.count - 4, 4)
        for l in codeLengths { w.put(l, 3) }
        return w
    }

    @Test func hostileDynamicHeadersAreErrors() {
        var cases: [(String, [UInt8])] = []
        // Code-length code over-subscribed: three codes of length 1.
        cases.append(("over-subscribed code-length code", Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [1, 1, 1, 0]).bytes + [0, 0]))
        // Code-length code incomplete: one code of length 2.
        cases.append(("incomplete code-length code", Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [2, 0, 0, 0]).bytes + [0, 0]))
        // Too many literal/length codes (HLIT = 287 > 286) and distance codes (HDIST = 31 > 30).
        cases.append(("HLIT 287", Self.dynamicHeader(hlit: 287, hdist: 1, codeLengths: [1, 1, 0, 0]).bytes + [0, 0, 0]))
        cases.append(("HDIST 31", Self.dynamicHeader(hlit: 257, hdist: 31, codeLengths: [1, 1, 0, 0]).bytes + [0, 0, 0]))
        // Code-length symbols 16 (repeat previous, length 1 code "0") first: nothing to repeat.
        // Storage order is 16, 17, 18, 0: give 16 and 0 one-bit codes; symbol 0 → code 0, 16 → code 1.
        var repeatFirst = Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [1, 0, 0, 1])
        repeatFirst.put(1, 1); repeatFirst.put(0, 2)
        cases.append(("repeat with no previous length", repeatFirst.bytes + [0, 0]))
        // Symbol 18 (11–138 zeros) repeated past HLIT + HDIST: storage order 16, 17, 18 → 18 gets
        // a one-bit code with 0; 18 is code 1 (0 sorts first).
        var overrun = Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [0, 0, 1, 1])
        overrun.put(1, 1); overrun.put(127, 7)
        overrun.put(1, 1); overrun.put(127, 7)
        overrun.put(1, 1); overrun.put(127, 7)
        cases.append(("repeat past the last symbol", overrun.bytes + [0, 0]))
        // All-zero lengths: no end-of-block code.
        var noEnd = Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [0, 0, 1, 1])
        noEnd.put(1, 1); noEnd.put(127, 7)
        noEnd.put(1, 1); noEnd.put(127 - 20, 7)
        cases.append(("no end-of-block code", noEnd.bytes + [0, 0]))
        for (name, bytes) in cases {
            do {
                let out = try Inflate.decompress(bytes, limit: 1 << 16)
                Issue.record("\(name): decoded \(out.count) bytes")
            } catch let error as InflateError {
                #expect(error.kind == .malformed || error.kind == .truncated, "\(name): \(error)")
                if name != "HLIT 287" && name != "HDIST 31" {
                    #expect(error.kind == .malformed, "\(name): \(error)")
                }
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    /// Python's zlib, given the same hostile streams, also refuses every one of them.
    @Test func zlibAgreesMalformedStreamsAreInvalid() throws {
        let python = try #require(Self.oracle)
        let streams: [[UInt8]] = [
            [0b0000_0111], [0x01, 0x05, 0x00, 0xFB, 0xFE], Self.farBack,
            Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [1, 1, 1, 0]).bytes + [0, 0],
            Self.dynamicHeader(hlit: 257, hdist: 1, codeLengths: [2, 0, 0, 0]).bytes + [0, 0],
            Self.dynamicHeader(hlit: 287, hdist: 1, codeLengths: [1, 1, 0, 0]).bytes + [0, 0, 0],
        ]
        let script = """
        import sys, zlib
        for h in sys.argv[1:]:
            d = zlib.decompressobj(-15)
            try:
                d.decompress(bytes.fromhex(h)); d.flush()
                print("ok" if d.eof else "truncated")
            except zlib.error:
                print("error")
        """
        let answers = try CPythonDifferentialTests.output(python, ["-I", "-S", "-c", script] + streams.map { $0.map { String(format: "%02x", $0) }.joined() })
            .split(separator: "\n").map(String.init)
        #expect(answers.count == streams.count)
        for (stream, answer) in zip(streams, answers) {
            #expect(answer != "ok", "zlib decoded \(stream)")
            #expect(throws: InflateError.self) { _ = try Inflate.decompress(stream, limit: 1 << 16) }
        }
    }

    @Test func crc32MatchesZlib() throws {
        #expect(CRC32.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let python = try #require(Self.oracle)
        let text = try CPythonDifferentialTests.output(python, ["-I", "-S", "-c", "import zlib; print(zlib.crc32(bytes(range(256)) * 41))"])
        #expect(UInt32(text.trimmingCharacters(in: .whitespacesAndNewlines)) == CRC32.checksum((0..<41).flatMap { _ in (0...255).map { UInt8($0) } }))
    }
}
