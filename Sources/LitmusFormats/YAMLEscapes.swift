/// Double-quoted scalars and their backslash escapes.
enum YAMLEscapes {
    /// Parses `"..."` starting at `start`; returns the text and the offset
    /// after the closing quote.
    static func doubleQuoted(_ line: YAMLLine, at start: Int) throws(YAMLError) -> (String, Int) {
        let bytes = line.bytes
        var output: [UInt8] = []
        var keep = 0   // output before this offset is escaped content, never trimmed by folding
        var index = start + 1
        while index < bytes.count {
            let byte = bytes[index]
            if byte == FormatASCII.doubleQuote {
                return (String(decoding: output, as: UTF8.self), index + 1)
            }
            if byte == FormatASCII.lf {
                index = YAMLContinuation.fold(bytes, at: index, into: &output, keep: keep)
                continue
            }
            if byte == FormatASCII.backslash {
                if index + 1 < bytes.count, bytes[index + 1] == FormatASCII.lf {
                    // An escaped line break: no space, the next line's leading blanks dropped.
                    index = YAMLContinuation.fold(bytes, at: index + 1, into: &output, keep: output.count, escaped: true)
                    keep = output.count
                    continue
                }
                index = try escape(line, at: index, into: &output)
                keep = output.count
                continue
            }
            output.append(byte)
            index += 1
        }
        throw line.error(at: start, "unterminated double-quoted scalar")
    }

    /// Decodes the escape whose backslash is at `index`, appending its UTF-8
    /// to `output`; returns the offset after the escape.
    private static func escape(_ line: YAMLLine, at index: Int, into output: inout [UInt8]) throws(YAMLError) -> Int {
        let bytes = line.bytes
        guard index + 1 < bytes.count else {
            throw line.error(at: index, "unterminated double-quoted scalar (a '\\' ends the input)")
        }
        let code = bytes[index + 1]
        if let simple = simpleEscapes[code] {
            append(simple, to: &output)
            return index + 2
        }
        let digits: Int
        switch code {
        case UInt8(ascii: "x"): digits = 2
        case UInt8(ascii: "u"): digits = 4
        case UInt8(ascii: "U"): digits = 8
        default:
            throw line.error(at: index, "unknown escape sequence '\\\(Unicode.Scalar(code))'")
        }
        let scalar = try hexScalar(line, at: index + 2, digits: digits, escapeOffset: index)
        append(scalar, to: &output)
        return index + 2 + digits
    }

    /// Reads `digits` hex digits as a Unicode scalar; surrogates and values
    /// past U+10FFFF are rejected.
    private static func hexScalar(_ line: YAMLLine, at start: Int, digits: Int, escapeOffset: Int) throws(YAMLError) -> Unicode.Scalar {
        let bytes = line.bytes
        guard start + digits <= bytes.count else {
            throw line.error(at: escapeOffset, "truncated hexadecimal escape")
        }
        var value: UInt32 = 0
        for offset in start..<(start + digits) {
            guard let digit = hexValue(bytes[offset]) else {
                throw line.error(at: offset, "invalid hexadecimal digit in escape")
            }
            value = value << 4 | digit
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw line.error(at: escapeOffset, "escape does not name a valid Unicode scalar")
        }
        return scalar
    }

    /// Value of one ASCII hex digit.
    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Appends the UTF-8 encoding of `scalar`.
    private static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        output.append(contentsOf: Array(String(Character(scalar)).utf8))
    }

    /// The single-character escapes YAML 1.2 defines.
    private static let simpleEscapes: [UInt8: Unicode.Scalar] = [
        UInt8(ascii: "0"): "\u{0}", UInt8(ascii: "a"): "\u{7}", UInt8(ascii: "b"): "\u{8}",
        UInt8(ascii: "t"): "\t", UInt8(ascii: "\t"): "\t", UInt8(ascii: "n"): "\n",
        UInt8(ascii: "v"): "\u{B}", UInt8(ascii: "f"): "\u{C}", UInt8(ascii: "r"): "\r",
        UInt8(ascii: "e"): "\u{1B}", UInt8(ascii: " "): " ", UInt8(ascii: "\""): "\"",
        UInt8(ascii: "/"): "/", UInt8(ascii: "\\"): "\\", UInt8(ascii: "N"): "\u{85}",
        UInt8(ascii: "_"): "\u{A0}", UInt8(ascii: "L"): "\u{2028}", UInt8(ascii: "P"): "\u{2029}",
    ]
}
