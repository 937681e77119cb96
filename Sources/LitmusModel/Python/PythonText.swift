import LitmusFormats

/// Python's notions of whitespace and of ASCII character classes, as `packaging` relies on them.
///
/// `packaging` strips with `str.strip()` and matches `\s` in Unicode mode, so a version or
/// specifier may be surrounded by any character for which `str.isspace()` is true, not only
/// ASCII blanks. Everything between that whitespace must be ASCII.
enum PythonText {
    /// Whether `str.isspace()` holds for this scalar (Python 3.11, Unicode 14).
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
            0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Whether the text contains a character that `str.isspace()` accepts.
    static func containsWhitespace(_ text: Substring) -> Bool {
        text.unicodeScalars.contains(where: isWhitespace)
    }

    /// `str.strip()` with no arguments.
    static func strip(_ text: Substring) -> Substring {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return text[text.endIndex...] }
        return Substring(scalars[first...last])
    }

    /// The stripped text as bytes, or nil when what remains is not pure ASCII.
    static func strippedASCII(_ text: String) -> [UInt8]? {
        let bytes = Array(strip(text[...]).utf8)
        return bytes.allSatisfy { $0 < 0x80 } ? bytes : nil
    }

    /// An ASCII digit; Unicode digits such as Arabic-Indic ones never count.
    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// One of the PEP 440 separators `.`, `_` and `-`.
    static func isSeparator(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// An ASCII letter or digit.
    static func isAlphanumeric(_ byte: UInt8) -> Bool {
        let lower = lowercased(byte)
        return isDigit(byte) || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z"))
    }

    /// ASCII lowercasing of one byte; other bytes pass through.
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }
}
