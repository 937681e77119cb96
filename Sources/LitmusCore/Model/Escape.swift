/// Makes untrusted text safe to print: a file name or metadata value can never move the
/// cursor, change colours or forge a line in the responder's terminal or a log.
public enum Escape {
    /// Control characters (C0, DEL, C1), bidirectional overrides and line/paragraph separators
    /// become `\n`, `\t`, `\x1b` or `\u{202e}`; bytes of invalid UTF-8 in file names (see
    /// ``PathBytes``) become `\xNN`; backslashes are doubled so the escaping is unambiguous.
    public static func display(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if let raw = PathBytes.rawByte(scalar) {
                out += "\\x" + hex2(UInt32(raw))
            } else if needsEscape(scalar) {
                out += escaped(scalar)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text read back from a litmus report, which ``display(_:)`` already escaped: left as it
    /// is (so escapes are not doubled) unless it holds a character no report contains
    /// unescaped — then the report was written by something else, and all of it is escaped.
    public static func displayReported(_ text: String) -> String {
        text.unicodeScalars.contains { needsEscape($0) && $0.value != 0x5C } ? display(text) : text
    }

    private static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x5C
            || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x2028 || v == 0x2029
            || v == 0x200E || v == 0x200F || v == 0x061C || PathBytes.rawByte(s) != nil
    }

    private static func escaped(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x5C: return "\\\\"
        case 0x0A: return "\\n"
        case 0x0D: return "\\r"
        case 0x09: return "\\t"
        case 0..<0x100: return "\\x" + hex2(s.value)
        default: return "\\u{" + String(s.value, radix: 16) + "}"
        }
    }

    private static func hex2(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return h.count < 2 ? "0" + h : h
    }
}
