import LitmusFormats
import LitmusSystem

/// Makes untrusted text safe to print: a file name or metadata value can never move the
/// cursor, change colours or forge a line in the responder's terminal or a log.
///
/// The model keeps raw strings; reporters call ``display(_:)`` exactly once, when they write a
/// value, and then apply their format's own syntax escaping (JSON string escapes, XML
/// entities, Markdown backslashes, percent-encoding in URIs) to the result.
///
/// The display form, which reads back unambiguously:
/// - a C0 control character or DEL (ESC, BEL, NUL, tab, line feed …) is `\xNN` with the
///   character's code (`\x1b`, `\x0a`); there are no letter escapes such as `\n` or `\t`, so a
///   Windows path `C:\temp` is not mistaken for a tab;
/// - a byte of invalid UTF-8 in a file name (see ``PathBytes``) is `\xNN` with the byte, always
///   80–ff (an ASCII control character is never a raw byte, so the two cannot be confused);
/// - C1 controls, bidirectional overrides, isolates and marks, zero-width and other invisible
///   format characters, line/paragraph separators and Unicode tag characters are `\u{hex}`
///   (`\u{202e}`, `\u{85}`);
/// - a literal backslash is printed as it is (`C:\temp` stays `C:\temp`) unless the next
///   character printed is `\`, `x` or `u`, or it ends the text: then it is doubled (`\\`), so
///   `\x1b` written in a file shows as `\\x1b` and never as an escaped ESC, and a displayed
///   value can be followed by any text without changing how it reads back.
///
/// Reading back: `\\` is one backslash, `\xNN` a control character or raw byte, `\u{…}` that
/// scalar, and any other backslash is itself.
public enum Escape {
    /// The display form of `text` (see the type's documentation).
    public static func display(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { needsEscape($0) || $0 == "\\" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            if let raw = PathBytes.rawByte(scalar) {
                out += "\\x" + hex2(UInt32(raw))
            } else if needsEscape(scalar) {
                out += escaped(scalar)
            } else if scalar == "\\" {
                let next = i + 1 < scalars.count ? scalars[i + 1] : nil
                // Doubled when the next printed character could continue an escape, and at the
                // end, so a displayed value followed by any text still reads back the same.
                let ambiguous = next.map { $0 == "\\" || $0 == "x" || $0 == "u" || needsEscape($0) } ?? true
                out += ambiguous ? "\\\\" : "\\"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text read back from a litmus report, which ``display(_:)`` already put in display form:
    /// left as it is (so escapes are not doubled) unless it holds a character the display form
    /// never contains — then the report was written by something else, and all of it is escaped.
    public static func displayReported(_ text: String) -> String {
        text.unicodeScalars.contains(where: needsEscape) ? display(text) : text
    }

    /// Whether the display form contains nothing that ``display(_:)`` would escape: true of
    /// every string `display` returns.
    public static func isDisplaySafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: needsEscape)
    }

    /// Characters that are never printed as themselves.
    static func needsEscape(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v >= 0x20 && v < 0x7F { return false }
        return v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v)
            || v == 0x00AD || v == 0x061C || v == 0x180E
            || (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2060...0x2064).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0xFEFF || (0xFFF9...0xFFFB).contains(v) || (0xE0000...0xE007F).contains(v)
            || PathBytes.rawByte(s) != nil
    }

    private static func escaped(_ s: Unicode.Scalar) -> String {
        s.value < 0x80 ? "\\x" + hex2(s.value) : "\\u{" + String(s.value, radix: 16) + "}"
    }

    private static func hex2(_ v: UInt32) -> String {
        let h = String(v, radix: 16)
        return h.count < 2 ? "0" + h : h
    }
}
