/// How pip decodes a requirements file (`pip._internal.req.req_file._decode_req_file`, pip 25;
/// `pip._internal.utils.encoding.auto_decode` before): a byte-order mark first, then a PEP 263
/// style `coding[:=]name` in one of the first two lines when that line starts with `#`, then
/// UTF-8 (pip 25 falls back to the locale's encoding; litmus cannot know the locale of the
/// machine that would run pip, so it reports undecodable UTF-8 as an error and decodes the rest).
///
/// BOMs are tried in pip 25's order, UTF-32 before UTF-16: pip 23 and 24 tried the UTF-16 LE BOM
/// first, which is a prefix of the UTF-32 LE one, and so mis-decoded UTF-32 LE files.
enum PipTextEncoding: Equatable, Sendable {
    case utf8
    /// Python's `utf-8-sig`: drops one leading BOM.
    case utf8Sig
    case ascii
    case latin1
    case cp1252
    /// Python's `utf-16`: consumes a BOM if one starts the data, else little-endian.
    case utf16
    case utf16LE
    case utf16BE
    /// Python's `utf-32`: consumes a BOM if one starts the data, else little-endian.
    case utf32
    case utf32LE
    case utf32BE

    /// The encoding and the BOM length pip skips, from the file's first bytes.
    static func fromBOM(_ head: ArraySlice<UInt8>) -> (PipTextEncoding, Int)? {
        let boms: [([UInt8], PipTextEncoding)] = [
            ([0xEF, 0xBB, 0xBF], .utf8),
            ([0xFF, 0xFE, 0x00, 0x00], .utf32),
            ([0x00, 0x00, 0xFE, 0xFF], .utf32BE),
            ([0xFF, 0xFE], .utf16),
            ([0xFE, 0xFF], .utf16BE),
        ]
        for (bom, encoding) in boms where head.starts(with: bom) { return (encoding, bom.count) }
        return nil
    }

    /// Python's codec lookup for the names litmus decodes: `encodings.normalize_encoding`
    /// (lower case, runs of punctuation other than `.` become one `_`) and its alias table.
    static func named(_ raw: String) -> PipTextEncoding? {
        var norm = ""
        var punct = false
        for c in raw.lowercased().unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || c == "." {
                if punct && !norm.isEmpty { norm += "_" }
                norm.unicodeScalars.append(c)
                punct = false
            } else {
                punct = true
            }
        }
        let table: [PipTextEncoding: [String]] = [
            .utf8: ["utf_8", "u8", "utf", "utf8", "utf8_ucs2", "utf8_ucs4", "cp65001"],
            .utf8Sig: ["utf_8_sig"],
            .ascii: ["ascii", "646", "ansi_x3.4_1968", "ansi_x3_4_1968", "ansi_x3.4_1986", "cp367", "csascii", "ibm367",
                     "iso646_us", "iso_646.irv_1991", "iso_ir_6", "us", "us_ascii"],
            .latin1: ["latin_1", "8859", "cp819", "csisolatin1", "ibm819", "iso8859", "iso8859_1", "iso_8859_1",
                      "iso_8859_1_1987", "iso_ir_100", "l1", "latin", "latin1"],
            .cp1252: ["cp1252", "1252", "windows_1252"],
            .utf16: ["utf_16", "u16", "utf16"],
            .utf16LE: ["utf_16_le", "utf_16le", "unicodelittleunmarked"],
            .utf16BE: ["utf_16_be", "utf_16be", "unicodebigunmarked"],
            .utf32: ["utf_32", "u32", "utf32"],
            .utf32LE: ["utf_32_le", "utf_32le"],
            .utf32BE: ["utf_32_be", "utf_32be"],
        ]
        for (encoding, names) in table where names.contains(norm) || names.contains(String(norm.map { $0 == "." ? "_" : $0 })) {
            return encoding
        }
        return nil
    }
}

/// Finds pip's `coding[:=]\s*([-\w.]+)` (a bytes regex: `\s` is ASCII whitespace, `\w` is
/// `[A-Za-z0-9_]`) in the first two `\n`-separated lines that start with `#`, fed byte by byte
/// so a first line of any length is searched without being held.
struct PipCodingCookieScanner {
    /// 0–5: bytes of "coding" matched; 6: expecting `:` or `=`; 7: in `\s*`; 8: in the name.
    private var state = 0
    private var lineIndex = 0
    private var atLineStart = true
    private var lineIsComment = false
    private var name: [UInt8] = []
    /// The encoding name found (at most 100 bytes kept: longer names are no codec anyway).
    private(set) var found: String?
    /// True once the answer is known (a name was found, or two lines passed).
    private(set) var done = false

    @_optimize(speed)
    mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
        for b in bytes {
            if done { return }
            if atLineStart {
                atLineStart = false
                lineIsComment = b == UInt8(ascii: "#")
                state = 0
            }
            if b == 0x0A {
                if state == 8 { finish(); return }
                lineIndex += 1
                atLineStart = true
                if lineIndex >= 2 { done = true; return }
                continue
            }
            if lineIsComment { step(b) }
        }
    }

    /// The end of the data.
    mutating func end() {
        if !done && state == 8 { finish() }
        done = true
    }

    private mutating func finish() {
        found = String(decoding: name, as: UTF8.self)
        done = true
    }

    @inline(__always) private static func isName(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
    }

    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }

    /// The k-th byte of "coding".
    @inline(__always) private static func letter(_ k: Int) -> UInt8 {
        switch k {
        case 0: 0x63
        case 1: 0x6F
        case 2: 0x64
        case 3: 0x69
        case 4: 0x6E
        default: 0x67
        }
    }

    @_optimize(speed)
    private mutating func step(_ b: UInt8) {
        switch state {
        case 0...5:
            // "coding" has no proper prefix that is also a suffix: on a mismatch, restart here.
            if b == Self.letter(state) { state += 1 } else { state = b == 0x63 ? 1 : 0 }
        case 6:
            if b == UInt8(ascii: ":") || b == UInt8(ascii: "=") { state = 7 } else { state = b == 0x63 ? 1 : 0 }
        case 7:
            if Self.isSpace(b) { return }
            if Self.isName(b) { name = [b]; state = 8 } else { state = b == 0x63 ? 1 : 0 }
        default:
            if Self.isName(b) {
                if name.count < 100 { name.append(b) }
            } else {
                finish()
            }
        }
    }
}

/// Turns a file's bytes in ``PipTextEncoding`` into UTF-8, chunk by chunk, as Python's strict
/// codecs would; what a strict codec rejects becomes U+FFFD and sets ``failed``.
struct PipTranscoder {
    let encoding: PipTextEncoding
    private var carry: [UInt8] = []
    private var started = false
    private var bigEndian = false
    /// Some bytes could not be decoded (Python would raise `UnicodeDecodeError`).
    private(set) var failed = false

    init(_ encoding: PipTextEncoding) {
        self.encoding = encoding
        bigEndian = encoding == .utf16BE || encoding == .utf32BE
    }

    /// Appends the UTF-8 for `chunk` to `out`; `final` flushes a partial code unit (an error).
    @_optimize(speed)
    mutating func transcode(_ chunk: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]) {
        switch encoding {
        case .utf8, .utf8Sig:
            // Passed through; validated per line (every byte that splits lines is ASCII or a
            // whole UTF-8 sequence, so lines hold whole sequences).
            // (`utf-8-sig` drops its BOM before reading starts: see PipLineStream.)
            out += chunk
        case .ascii:
            for b in chunk {
                if b < 0x80 { out.append(b) } else { failed = true; out += [0xEF, 0xBF, 0xBD] }
            }
        case .latin1:
            for b in chunk { Self.appendScalar(UInt32(b), to: &out) }
        case .cp1252:
            for b in chunk {
                if b >= 0x80 && b <= 0x9F {
                    let value = Self.cp1252High[Int(b - 0x80)]
                    if value == 0 { failed = true; Self.appendScalar(0xFFFD, to: &out) } else { Self.appendScalar(UInt32(value), to: &out) }
                } else {
                    Self.appendScalar(UInt32(b), to: &out)
                }
            }
        case .utf16, .utf16LE, .utf16BE:
            carry += chunk
            var i = 0
            if encoding == .utf16 && !started {
                if carry.count < 2 && !final { return }
                started = true
                if carry.starts(with: [0xFF, 0xFE]) { i = 2 } else if carry.starts(with: [0xFE, 0xFF]) { i = 2; bigEndian = true }
            }
            while i + 1 < carry.count {
                let unit = bigEndian ? UInt16(carry[i]) << 8 | UInt16(carry[i + 1]) : UInt16(carry[i + 1]) << 8 | UInt16(carry[i])
                if unit >= 0xD800 && unit <= 0xDBFF {
                    guard i + 3 < carry.count else {
                        if final { failed = true; Self.appendScalar(0xFFFD, to: &out); i += 2; continue }
                        break
                    }
                    let low = bigEndian ? UInt16(carry[i + 2]) << 8 | UInt16(carry[i + 3]) : UInt16(carry[i + 3]) << 8 | UInt16(carry[i + 2])
                    if low >= 0xDC00 && low <= 0xDFFF {
                        Self.appendScalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00), to: &out)
                        i += 4
                    } else {
                        failed = true
                        Self.appendScalar(0xFFFD, to: &out)
                        i += 2
                    }
                } else if unit >= 0xDC00 && unit <= 0xDFFF {
                    failed = true
                    Self.appendScalar(0xFFFD, to: &out)
                    i += 2
                } else {
                    Self.appendScalar(UInt32(unit), to: &out)
                    i += 2
                }
            }
            carry.removeFirst(i)
            if final && !carry.isEmpty { failed = true; Self.appendScalar(0xFFFD, to: &out); carry = [] }
        case .utf32, .utf32LE, .utf32BE:
            carry += chunk
            var i = 0
            if encoding == .utf32 && !started {
                if carry.count < 4 && !final { return }
                started = true
                if carry.starts(with: [0xFF, 0xFE, 0, 0]) { i = 4 } else if carry.starts(with: [0, 0, 0xFE, 0xFF]) { i = 4; bigEndian = true }
            }
            while i + 3 < carry.count {
                let value = bigEndian
                    ? UInt32(carry[i]) << 24 | UInt32(carry[i + 1]) << 16 | UInt32(carry[i + 2]) << 8 | UInt32(carry[i + 3])
                    : UInt32(carry[i + 3]) << 24 | UInt32(carry[i + 2]) << 16 | UInt32(carry[i + 1]) << 8 | UInt32(carry[i])
                if value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF) {
                    failed = true
                    Self.appendScalar(0xFFFD, to: &out)
                } else {
                    Self.appendScalar(value, to: &out)
                }
                i += 4
            }
            carry.removeFirst(i)
            if final && !carry.isEmpty { failed = true; Self.appendScalar(0xFFFD, to: &out); carry = [] }
        }
    }

    @_optimize(speed)
    static func appendScalar(_ v: UInt32, to out: inout [UInt8]) {
        switch v {
        case 0..<0x80: out.append(UInt8(v))
        case 0x80..<0x800: out += [UInt8(0xC0 | (v >> 6)), UInt8(0x80 | (v & 0x3F))]
        case 0x800..<0x10000: out += [UInt8(0xE0 | (v >> 12)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))]
        default:
            out += [UInt8(0xF0 | (v >> 18)), UInt8(0x80 | ((v >> 12) & 0x3F)), UInt8(0x80 | ((v >> 6) & 0x3F)), UInt8(0x80 | (v & 0x3F))]
        }
    }

    /// Windows-1252 for 0x80–0x9F (0: undefined, which Python's cp1252 codec rejects).
    private static let cp1252High: [UInt16] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]
}
