/// Writes JSON-compatible values as pretty-printed JSON text without Foundation.
///
/// Accepts `[String: Any]`, `[Any]`, `String`, `Bool`, any integer, `Double`, ``JSONNull``
/// and `nil` optionals. The layout is the one Foundation's `JSONSerialization` used with
/// `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` (two-space indent, `"key" : value`,
/// an empty container as an open line), so reports kept their bytes when litmus moved off
/// Foundation. Keys sort case-insensitively, then by their bytes. A non-finite number, or a
/// value of another type, is written as `null` rather than failing the whole report.
public enum JSONWriter {
    /// `value` as pretty JSON text (no trailing newline).
    public static func pretty(_ value: Any) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(value, indent: 0, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// The order keys are written in.
    public static func keyPrecedes(_ a: String, _ b: String) -> Bool {
        let la = a.utf8.map(lowered), lb = b.utf8.map(lowered)
        if la != lb { return la.lexicographicallyPrecedes(lb) }
        return a.utf8.lexicographicallyPrecedes(b.utf8)
    }

    private static func lowered(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }

    private static func newline(_ indent: Int, into out: inout [UInt8]) {
        out.append(0x0A)
        out += repeatElement(0x20, count: indent * 2)
    }

    private static func write(_ value: Any, indent: Int, into out: inout [UInt8]) {
        switch value {
        case let s as String:
            string(s, into: &out)
        case let b as Bool:
            out += Array((b ? "true" : "false").utf8)
        case let d as Double:
            number(d, into: &out)
        case let n as any BinaryInteger:
            out += Array(String(n).utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            if object.isEmpty { out.append(0x0A) }
            for (i, key) in object.keys.sorted(by: keyPrecedes).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                string(key, into: &out)
                out += Array(" : ".utf8)
                write(object[key] as Any, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "}"))
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            if array.isEmpty { out.append(0x0A) }
            for (i, element) in array.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1, into: &out)
                write(element, indent: indent + 1, into: &out)
            }
            newline(indent, into: &out)
            out.append(UInt8(ascii: "]"))
        default:
            if let unwrapped = unwrap(value) {
                write(unwrapped, indent: indent, into: &out)
            } else {
                out += Array("null".utf8)
            }
        }
    }

    /// The value inside a non-nil optional held as `Any`; nil for `nil`, ``JSONNull`` and
    /// anything that is not an optional.
    private static func unwrap(_ value: Any) -> Any? {
        let mirror = Mirror(reflecting: value)
        guard mirror.displayStyle == .optional, let child = mirror.children.first else { return nil }
        return child.value
    }

    private static func number(_ d: Double, into out: inout [UInt8]) {
        guard d.isFinite else { out += Array("null".utf8); return }
        var text = d.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        out += Array(text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func string(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]]
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
