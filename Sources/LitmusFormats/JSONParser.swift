/// An RFC 8259 JSON parser over bytes, so litmus needs no Foundation JSON.
///
/// Values come back as `[String: Any]`, `[Any]`, `String`, `Int` (integers that fit),
/// `Double` (other numbers), `Bool` and ``JSONNull``. It reads what Python's `json` reads
/// from a UTF-8 file, with these choices: a duplicate key keeps its last value (as Python
/// does); a leading UTF-8 byte-order mark is skipped; an unpaired `\uD800`-style surrogate
/// escape becomes U+FFFD (Python keeps it; Swift strings cannot hold one). It rejects what
/// Python rejects (invalid UTF-8, raw control characters in strings, trailing commas,
/// comments, leading zeros, trailing data) and also `NaN`/`Infinity` (not JSON) and nesting
/// deeper than ``maximumDepth`` (Python stops at its recursion limit).
public struct JSONParser {
    /// Deepest nesting of arrays and objects accepted.
    public static let maximumDepth = 512

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one JSON document.
    public static func parse(_ bytes: [UInt8]) throws(JSONError) -> Any {
        var parser = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.index = 3 }
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < bytes.count { throw parser.error("unexpected data after the document") }
        return value
    }

    /// Parses one JSON document from a string.
    public static func parse(_ text: String) throws(JSONError) -> Any { try parse(Array(text.utf8)) }

    private func error(_ message: String, at offset: Int? = nil) -> JSONError {
        let at = min(offset ?? index, bytes.count)
        var line = 1
        for b in bytes[0..<at] where b == UInt8(ascii: "\n") { line += 1 }
        return JSONError(message, offset: at, line: line)
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { index += 1 }
    }

    private mutating func parseValue() throws(JSONError) -> Any {
        guard let b = current else { throw error("unexpected end of input, expected a value") }
        switch b {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return try parseString()
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        case UInt8(ascii: "n"): try literal("null"); return JSONNull()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("unexpected character \(Self.describe(b)), expected a value")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONError) {
        let count = word.utf8CodeUnitCount
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
        guard index + count <= bytes.count, bytes[index..<(index + count)].elementsEqual(expected) else {
            throw error("invalid literal, expected \(word)")
        }
        index += count
    }

    private mutating func enter() throws(JSONError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nested deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONError) -> [String: Any] {
        try enter()
        index += 1
        var out: [String: Any] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") { index += 1; depth -= 1; return out }
        while true {
            skipWhitespace()
            guard current != nil else { throw error("unterminated object") }
            guard current == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after an object key") }
            index += 1
            skipWhitespace()
            out[key] = try parseValue()
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"): index += 1; depth -= 1; return out
            case nil: throw error("unterminated object")
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func parseArray() throws(JSONError) -> [Any] {
        try enter()
        index += 1
        var out: [Any] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") { index += 1; depth -= 1; return out }
        while true {
            skipWhitespace()
            out.append(try parseValue())
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"): index += 1; depth -= 1; return out
            case nil: throw error("unterminated array")
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    private mutating func parseNumber() throws(JSONError) -> Any {
        let start = index
        var integral = true
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { throw error("invalid number") }
        index += 1
        if first == UInt8(ascii: "0"), let next = current, Self.isDigit(next) {
            throw error("invalid number: leading zero")
        }
        while let b = current, Self.isDigit(b) { index += 1 }
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let b = current, Self.isDigit(b) else { throw error("invalid number: no digit after '.'") }
            while let b = current, Self.isDigit(b) { index += 1 }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
            guard let b = current, Self.isDigit(b) else { throw error("invalid number: no digit in the exponent") }
            while let b = current, Self.isDigit(b) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        if integral, let n = Int(text) { return n }
        guard let d = Double(text) else { throw error("invalid number", at: start) }
        return d
    }

    private mutating func parseString() throws(JSONError) -> String {
        let open = index
        index += 1
        var out: [UInt8] = []
        var runStart = index
        while true {
            guard let b = current else { throw error("unterminated string", at: open) }
            if b == UInt8(ascii: "\"") {
                out += bytes[runStart..<index]
                index += 1
                break
            }
            if b < 0x20 { throw error("raw control character \(Self.describe(b)) in a string") }
            if b == UInt8(ascii: "\\") {
                out += bytes[runStart..<index]
                try parseEscape(into: &out)
                runStart = index
                continue
            }
            index += 1
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw error("invalid UTF-8 in a string", at: open)
        }
        return text
    }

    private mutating func parseEscape(into out: inout [UInt8]) throws(JSONError) {
        index += 1
        guard let e = current else { throw error("unterminated escape") }
        index += 1
        switch e {
        case UInt8(ascii: "\""): out.append(0x22)
        case UInt8(ascii: "\\"): out.append(0x5C)
        case UInt8(ascii: "/"): out.append(0x2F)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800...0xDBFF).contains(scalar), index + 1 < bytes.count,
               bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                let save = index
                index += 2
                let low = try hex4()
                if (0xDC00...0xDFFF).contains(low) {
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    index = save
                }
            }
            let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out += Array(String(Character(value)).utf8)
        default:
            throw error("invalid escape \\\(Self.describe(e))", at: index - 2)
        }
    }

    private mutating func hex4() throws(JSONError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let digit: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = b - UInt8(ascii: "A") + 10
            default: throw error("invalid hex digit in a \\u escape")
            }
            v = v << 4 | UInt32(digit)
            index += 1
        }
        return v
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private static func describe(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        let hex = String(b, radix: 16, uppercase: true)
        return "0x" + (hex.count < 2 ? "0" + hex : hex)
    }
}
