/// A DEFLATE (RFC 1951) decoder for raw streams, the form zip members store (method 8).
/// Written in-house: litmus links no zlib. It is bounded by construction: the caller gives the
/// largest output it will accept and decoding stops with `InflateError.outputLimit` as soon as
/// the stream would produce more, so a zip bomb costs at most that much memory. Input arrives
/// in chunks from an `InflateSource`, so compressed data is never read whole. Every violation
/// of the format (bad block type, over-subscribed or incomplete codes, a distance before the
/// start of the output, a stream ending early) is an error, judged as zlib judges it.
public enum Inflate {
    /// Decompresses a complete raw DEFLATE stream held in memory.
    public static func decompress(_ data: [UInt8], limit: Int) throws(InflateError) -> [UInt8] {
        var source = InflateChunks([data])
        return try decompress(limit: limit, from: &source)
    }

    /// Decompresses a raw DEFLATE stream whose bytes `source` yields chunk by chunk. Bytes after
    /// the final block are left unread. Throws if the output would exceed `limit` bytes.
    public static func decompress<S: InflateSource>(limit: Int, from source: inout S) throws(InflateError) -> [UInt8] {
        var decoder = InflateDecoder(source: source, limit: max(limit, 0))
        defer { source = decoder.bits.source }
        try decoder.run()
        return decoder.out
    }
}

/// Where a decoder's compressed bytes come from: each call returns the next chunk, or nil at
/// the end of the input. Chunks may have any length, including zero.
public protocol InflateSource {
    /// The next chunk of compressed bytes, or nil when there are no more.
    mutating func next() throws(InflateError) -> [UInt8]?
}

/// A fixed list of chunks (tests, fuzzing, data already in memory).
public struct InflateChunks: InflateSource {
    private var chunks: [[UInt8]]
    private var index = 0

    /// Yields `chunks` in order.
    public init(_ chunks: [[UInt8]]) { self.chunks = chunks }

    /// See ``InflateSource/next()``.
    public mutating func next() throws(InflateError) -> [UInt8]? {
        guard index < chunks.count else { return nil }
        index += 1
        return chunks[index - 1]
    }
}

/// Why a DEFLATE stream could not be decoded.
public struct InflateError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: Sendable, Equatable {
        /// The bytes break the format.
        case malformed
        /// The input ended before the final block did.
        case truncated
        /// The output would exceed the caller's limit (a zip bomb, or simply too large).
        case outputLimit
        /// The source could not supply its bytes (a read error).
        case input
    }

    /// The class of failure.
    public let kind: Kind
    /// Human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// The explanation, prefixed so it reads well inside larger reports.
    public var description: String {
        switch kind {
        case .outputLimit, .input: return message
        case .malformed, .truncated: return "invalid deflate data: \(message)"
        }
    }
}

/// Bit-level reader over an `InflateSource`: bits are taken least significant first, as
/// RFC 1951 packs them.
struct InflateBits<S: InflateSource> {
    var source: S
    private var chunk: [UInt8] = []
    private var index = 0
    private var buffer: UInt64 = 0
    private(set) var count = 0
    private(set) var exhausted = false

    init(source: S) { self.source = source }

    /// Fills the bit buffer to at least 57 bits, or as many as the input still has.
    mutating func refill() throws(InflateError) {
        while count <= 56 {
            if index < chunk.count {
                buffer |= UInt64(chunk[index]) << UInt64(count)
                index += 1
                count += 8
            } else if exhausted {
                return
            } else if let next = try source.next() {
                chunk = next
                index = 0
            } else {
                exhausted = true
            }
        }
    }

    /// The next `n` (0...32) bits without consuming them; fewer are valid if the input ended.
    mutating func peek(_ n: Int) throws(InflateError) -> UInt32 {
        if count < n { try refill() }
        return UInt32(truncatingIfNeeded: buffer & ((1 << UInt64(n)) - 1))
    }

    /// Consumes `n` bits already known to be present.
    mutating func drop(_ n: Int) {
        buffer >>= UInt64(n)
        count -= n
    }

    /// Takes `n` (0...32) bits as an integer.
    mutating func take(_ n: Int) throws(InflateError) -> Int {
        let value = try peek(n)
        guard count >= n else { throw InflateError(.truncated, "input ends inside a block") }
        drop(n)
        return Int(value)
    }

    /// Discards the bits up to the next byte boundary (before a stored block).
    mutating func alignToByte() { drop(count % 8) }

    /// Appends `n` whole bytes of input to `out` (the payload of a stored block).
    mutating func copyBytes(_ n: Int, into out: inout [UInt8]) throws(InflateError) {
        var left = n
        while left > 0, count >= 8 {
            out.append(UInt8(truncatingIfNeeded: buffer))
            drop(8)
            left -= 1
        }
        while left > 0 {
            if index == chunk.count {
                guard !exhausted, let next = try source.next() else {
                    exhausted = true
                    throw InflateError(.truncated, "input ends inside a stored block")
                }
                chunk = next
                index = 0
                continue
            }
            let take = min(left, chunk.count - index)
            out.append(contentsOf: chunk[index..<(index + take)])
            index += take
            left -= take
        }
    }
}

/// A canonical Huffman code as a single-level lookup table indexed by the next `bits` input
/// bits (bit-reversed code order). Each entry is `symbol << 4 | length`; 0 marks bit patterns
/// no code starts with (only possible for the incomplete codes RFC 1951 tolerates).
struct HuffmanTable: Sendable {
    enum Kind { case codeLengths, literals, distances }

    let entries: [UInt16]
    let bits: Int

    /// Builds the table for the code lengths `lengths` (symbol order), rejecting what zlib
    /// rejects: over-subscribed codes, and incomplete ones except a single one-bit code (or no
    /// code at all) for literals and distances.
    init(lengths: ArraySlice<UInt8>, kind: Kind) throws(InflateError) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length)] += 1 }
        let maxLength = (1...15).last { counts[$0] > 0 } ?? 0
        var left = 1
        for length in 1...15 {
            left <<= 1
            left -= counts[length]
            guard left >= 0 else { throw InflateError(.malformed, "over-subscribed \(kind.word) code") }
        }
        if left > 0, maxLength > 0, kind == .codeLengths || maxLength != 1 {
            throw InflateError(.malformed, "incomplete \(kind.word) code")
        }
        let bits = max(maxLength, 1)
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for length in 1...15 {
            code = (code + counts[length - 1]) << 1
            next[length] = code
        }
        next[0] = 0
        var entries = [UInt16](repeating: 0, count: 1 << bits)
        for (offset, length) in lengths.enumerated() where length > 0 {
            let l = Int(length)
            let symbol = offset
            var reversed = 0
            var c = next[l]
            next[l] += 1
            for _ in 0..<l {
                reversed = reversed << 1 | c & 1
                c >>= 1
            }
            let entry = UInt16(symbol << 4 | l)
            var i = reversed
            while i < entries.count {
                entries[i] = entry
                i += 1 << l
            }
        }
        self.entries = entries
        self.bits = bits
    }

    /// Decodes one symbol.
    func decode<S>(_ input: inout InflateBits<S>) throws(InflateError) -> Int {
        let index = Int(try input.peek(bits))
        let entry = entries[index]
        let length = Int(entry & 15)
        if length == 0 || length > input.count {
            if input.count < bits && input.exhausted { throw InflateError(.truncated, "input ends inside a block") }
            throw InflateError(.malformed, "invalid code")
        }
        input.drop(length)
        return Int(entry >> 4)
    }

    /// RFC 1951 3.2.6: the fixed literal/length code.
    static let fixedLiterals: HuffmanTable = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for s in 144..<256 { lengths[s] = 9 }
        for s in 256..<280 { lengths[s] = 7 }
        // A complete code by construction; the build cannot fail.
        return (try? HuffmanTable(lengths: lengths[...], kind: .literals)) ?? HuffmanTable.empty
    }()

    /// RFC 1951 3.2.6: the fixed distance code (symbols 30 and 31 exist but are invalid).
    static let fixedDistances: HuffmanTable = {
        (try? HuffmanTable(lengths: [UInt8](repeating: 5, count: 32)[...], kind: .distances)) ?? HuffmanTable.empty
    }()

    private init(entries: [UInt16], bits: Int) {
        self.entries = entries
        self.bits = bits
    }

    private static let empty = HuffmanTable(entries: [0, 0], bits: 1)
}

extension HuffmanTable.Kind {
    var word: String {
        switch self {
        case .codeLengths: return "code-length"
        case .literals: return "literal/length"
        case .distances: return "distance"
        }
    }
}

/// The block loop of RFC 1951 3.2.3.
struct InflateDecoder<S: InflateSource> {
    var bits: InflateBits<S>
    var out: [UInt8] = []
    let limit: Int

    static var lengthBase: [Int] { [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258] }
    static var lengthExtra: [Int] { [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0] }
    static var distanceBase: [Int] {
        [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073,
         4097, 6145, 8193, 12289, 16385, 24577]
    }
    static var distanceExtra: [Int] { [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13] }
    /// The order code-length code lengths are stored in.
    static var codeLengthOrder: [Int] { [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15] }

    init(source: S, limit: Int) {
        self.bits = InflateBits(source: source)
        self.limit = limit
    }

    mutating func run() throws(InflateError) {
        let lengthBase = Self.lengthBase, lengthExtra = Self.lengthExtra
        let distanceBase = Self.distanceBase, distanceExtra = Self.distanceExtra
        var final = false
        while !final {
            final = try bits.take(1) == 1
            switch try bits.take(2) {
            case 0: try storedBlock()
            case 1:
                try codedBlock(HuffmanTable.fixedLiterals, HuffmanTable.fixedDistances,
                               lengthBase, lengthExtra, distanceBase, distanceExtra)
            case 2:
                let (literals, distances) = try dynamicTables()
                try codedBlock(literals, distances, lengthBase, lengthExtra, distanceBase, distanceExtra)
            default: throw InflateError(.malformed, "invalid block type 3")
            }
        }
    }

    private mutating func reserve(_ n: Int) throws(InflateError) {
        guard n <= limit - out.count else {
            throw InflateError(.outputLimit, "decompressed data exceeds the limit of \(limit) bytes")
        }
    }

    private mutating func storedBlock() throws(InflateError) {
        bits.alignToByte()
        let length = try bits.take(16)
        let complement = try bits.take(16)
        guard length == ~complement & 0xFFFF else { throw InflateError(.malformed, "stored block length does not match its complement") }
        try reserve(length)
        try bits.copyBytes(length, into: &out)
    }

    private mutating func dynamicTables() throws(InflateError) -> (HuffmanTable, HuffmanTable) {
        let literalCount = try bits.take(5) + 257
        let distanceCount = try bits.take(5) + 1
        let codeLengthCount = try bits.take(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw InflateError(.malformed, "too many length or distance symbols")
        }
        var codeLengths = [UInt8](repeating: 0, count: 19)
        let order = Self.codeLengthOrder
        for i in 0..<codeLengthCount { codeLengths[order[i]] = UInt8(try bits.take(3)) }
        let codeLengthTable = try HuffmanTable(lengths: codeLengths[...], kind: .codeLengths)
        let total = literalCount + distanceCount
        var lengths = [UInt8]()
        lengths.reserveCapacity(total)
        while lengths.count < total {
            let symbol = try codeLengthTable.decode(&bits)
            var repeatValue: UInt8 = 0
            var times = 0
            switch symbol {
            case 0..<16:
                lengths.append(UInt8(symbol))
                continue
            case 16:
                guard let last = lengths.last else { throw InflateError(.malformed, "length repeat with no previous length") }
                repeatValue = last
                times = 3 + (try bits.take(2))
            case 17: times = 3 + (try bits.take(3))
            default: times = 11 + (try bits.take(7))
            }
            guard lengths.count + times <= total else { throw InflateError(.malformed, "code length repeat runs past the last symbol") }
            lengths.append(contentsOf: repeatElement(repeatValue, count: times))
        }
        guard lengths[256] != 0 else { throw InflateError(.malformed, "no end-of-block code") }
        let literals = try HuffmanTable(lengths: lengths[0..<literalCount], kind: .literals)
        let distances = try HuffmanTable(lengths: lengths[literalCount...], kind: .distances)
        return (literals, distances)
    }

    private mutating func codedBlock(
        _ literals: HuffmanTable, _ distances: HuffmanTable,
        _ lengthBase: [Int], _ lengthExtra: [Int], _ distanceBase: [Int], _ distanceExtra: [Int]
    ) throws(InflateError) {
        while true {
            let symbol = try literals.decode(&bits)
            if symbol < 256 {
                try reserve(1)
                out.append(UInt8(symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < 29 else { throw InflateError(.malformed, "invalid literal/length symbol \(symbol)") }
            let length = lengthBase[lengthIndex] + (try bits.take(lengthExtra[lengthIndex]))
            let distanceSymbol = try distances.decode(&bits)
            guard distanceSymbol < 30 else { throw InflateError(.malformed, "invalid distance symbol \(distanceSymbol)") }
            let distance = distanceBase[distanceSymbol] + (try bits.take(distanceExtra[distanceSymbol]))
            guard distance <= out.count else {
                throw InflateError(.malformed, "distance \(distance) reaches back before the start of the output")
            }
            try reserve(length)
            // Byte by byte (the source may overlap what is being written), and never through a
            // slice of `out`: a live slice would make every append copy the whole buffer.
            let start = out.count - distance
            for i in 0..<length { out.append(out[start + i]) }
        }
    }
}
