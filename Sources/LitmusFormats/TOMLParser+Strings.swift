/// The four TOML string spellings. Plain strings are sliced straight out of the input; a
/// scratch buffer is only used once an escape or a CRLF needs rewriting.
extension TOMLParser {
    private static let quote = UInt8(ascii: "\"")
    private static let apostrophe = UInt8(ascii: "'")
    private static let backslash = UInt8(ascii: "\\")

    /// True for bytes no TOML string may contain raw (tab is the one allowed control).
    @inline(__always)
    static func isForbiddenControl(_ byte: UInt8) -> Bool {
        (byte < 0x20 && byte != UInt8(ascii: "\t")) || byte == 0x7F
    }

    mutating func parseBasicString() throws(TOMLError) -> String {
        pos += 1
        let start = pos
        while pos < end {
            let byte = p[pos]
            if byte == Self.quote {
                let text = makeString(start, pos)
                pos += 1
                return text
            }
            if byte == Self.backslash {
                var buffer = Array(UnsafeBufferPointer(start: p + start, count: pos - start))
                return try finishBasicString(&buffer)
            }
            try advanceStringByte(byte, multiline: false)
        }
        throw error("unterminated string")
    }

    /// Slow path once an escape appears: copies the rest into `buffer`.
    mutating func finishBasicString(_ buffer: inout [UInt8]) throws(TOMLError) -> String {
        while pos < end {
            let byte = p[pos]
            if byte == Self.quote {
                pos += 1
                return String(decoding: buffer, as: UTF8.self)
            }
            if byte == Self.backslash {
                try appendEscape(&buffer)
                continue
            }
            let start = pos
            try advanceStringByte(byte, multiline: false)
            buffer.append(contentsOf: UnsafeBufferPointer(start: p + start, count: pos - start))
        }
        throw error("unterminated string")
    }

    /// Steps over one literal character of string content, validating it.
    @inline(__always)
    mutating func advanceStringByte(_ byte: UInt8, multiline: Bool) throws(TOMLError) {
        if byte >= 0x80 {
            pos += try utf8SequenceLength()
        } else if Self.isForbiddenControl(byte) {
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                throw error(multiline ? "carriage return not followed by line feed" : "unterminated string (line break)")
            }
            throw error("control character \(describeByte()) in string")
        } else {
            pos += 1
        }
    }

    mutating func parseLiteralString() throws(TOMLError) -> String {
        pos += 1
        let start = pos
        while pos < end {
            let byte = p[pos]
            if byte == Self.apostrophe {
                let text = makeString(start, pos)
                pos += 1
                return text
            }
            try advanceStringByte(byte, multiline: false)
        }
        throw error("unterminated literal string")
    }

    mutating func parseMultilineBasicString() throws(TOMLError) -> String {
        pos += 3
        try skipLeadingNewline()
        var buffer: [UInt8] = []
        while pos < end {
            let byte = p[pos]
            if byte == Self.quote {
                if try closeMultiline(Self.quote, &buffer) { return String(decoding: buffer, as: UTF8.self) }
            } else if byte == Self.backslash {
                if try skipLineEndingBackslash() { continue }
                try appendEscape(&buffer)
            } else {
                try appendMultilineByte(byte, &buffer)
            }
        }
        throw error("unterminated multi-line string")
    }

    mutating func parseMultilineLiteralString() throws(TOMLError) -> String {
        pos += 3
        try skipLeadingNewline()
        var buffer: [UInt8] = []
        while pos < end {
            let byte = p[pos]
            if byte == Self.apostrophe {
                if try closeMultiline(Self.apostrophe, &buffer) { return String(decoding: buffer, as: UTF8.self) }
            } else {
                try appendMultilineByte(byte, &buffer)
            }
        }
        throw error("unterminated multi-line literal string")
    }

    /// A line break right after the opening delimiter is not part of the string.
    mutating func skipLeadingNewline() throws(TOMLError) {
        guard pos < end, p[pos] == UInt8(ascii: "\n") || p[pos] == UInt8(ascii: "\r") else { return }
        try consumeNewline()
    }

    /// Copies one character (or a line break, normalised to LF) into `buffer`.
    mutating func appendMultilineByte(_ byte: UInt8, _ buffer: inout [UInt8]) throws(TOMLError) {
        if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            try consumeNewline()
            buffer.append(UInt8(ascii: "\n"))
            return
        }
        let start = pos
        try advanceStringByte(byte, multiline: true)
        buffer.append(contentsOf: UnsafeBufferPointer(start: p + start, count: pos - start))
    }

    /// At a run of delimiter quotes: up to two may belong to the content before the closing
    /// three; six or more in a row cannot be split unambiguously and are rejected.
    mutating func closeMultiline(_ delimiter: UInt8, _ buffer: inout [UInt8]) throws(TOMLError) -> Bool {
        var run = 0
        while pos + run < end && p[pos + run] == delimiter { run += 1 }
        if run < 3 {
            buffer.append(contentsOf: repeatElement(delimiter, count: run))
            pos += run
            return false
        }
        guard run <= 5 else { throw error("too many quotes closing a multi-line string") }
        buffer.append(contentsOf: repeatElement(delimiter, count: run - 3))
        pos += run
        return true
    }

    /// `\` at the end of a line swallows the break and all following whitespace. Returns false
    /// when the backslash starts an ordinary escape instead.
    mutating func skipLineEndingBackslash() throws(TOMLError) -> Bool {
        var probe = pos + 1
        while probe < end && (p[probe] == UInt8(ascii: " ") || p[probe] == UInt8(ascii: "\t")) { probe += 1 }
        guard probe < end, p[probe] == UInt8(ascii: "\n") || p[probe] == UInt8(ascii: "\r") else {
            return false
        }
        pos = probe
        while pos < end {
            switch p[pos] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"):
                pos += 1
            case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                try consumeNewline()
            default:
                return true
            }
        }
        return true
    }

    /// Decodes the escape at `pos` (a backslash) into `buffer`.
    mutating func appendEscape(_ buffer: inout [UInt8]) throws(TOMLError) {
        guard pos + 1 < end else { throw error("unterminated escape sequence") }
        let code = p[pos + 1]
        let simple: UInt8?
        switch code {
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "\""): simple = Self.quote
        case UInt8(ascii: "\\"): simple = Self.backslash
        case UInt8(ascii: "u"), UInt8(ascii: "U"): simple = nil
        default:
            pos += 1
            throw error("invalid escape sequence '\\\(describeByte())'")
        }
        if let simple {
            buffer.append(simple)
            pos += 2
            return
        }
        let digits = code == UInt8(ascii: "u") ? 4 : 8
        pos += 2
        let scalar = try parseUnicodeEscape(digits: digits)
        appendUTF8(scalar, to: &buffer)
    }

    mutating func parseUnicodeEscape(digits: Int) throws(TOMLError) -> Unicode.Scalar {
        guard pos + digits <= end else { throw error("truncated unicode escape") }
        var value: UInt32 = 0
        for offset in 0..<digits {
            guard let digit = Self.hexValue(p[pos + offset]) else {
                throw error("invalid hex digit in unicode escape")
            }
            value = value << 4 | UInt32(digit)
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw error("unicode escape is not a valid scalar value")
        }
        pos += digits
        return scalar
    }

    func appendUTF8(_ scalar: Unicode.Scalar, to buffer: inout [UInt8]) {
        UTF8.encode(scalar) { buffer.append($0) }
    }

    @inline(__always)
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
