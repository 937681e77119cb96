import LitmusModel

/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
    /// Escapes `text` (after ``Escape/display(_:)``): markup characters become entities, line
    /// breaks in attributes become `&#10;`, and characters XML 1.0 forbids (most C0 controls,
    /// surrogates, U+FFFE/U+FFFF) are removed, since no escape can carry them.
    static func escape(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in Escape.display(text).unicodeScalars where isAllowed(scalar) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML 1.0 `Char`: tab, line feed, carriage return, and U+0020 up, minus U+FFFE/U+FFFF.
    static func isAllowed(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v)
            || (0xE000...0xFFFD).contains(v) || (0x10000...0x10FFFF).contains(v)
    }
}
