/// Converts file names between raw bytes and `String` without losing anything.
///
/// Linux file names are bytes, not text. Valid UTF-8 decodes as usual; every byte of an
/// invalid sequence (and of the rarely used private-use range U+F700–U+F7FF, so the mapping
/// stays reversible) becomes the private-use character U+F700 + byte. Converting back restores
/// the exact bytes, so litmus can reopen any name it listed; the display escaper prints those
/// characters as `\xNN`.
public enum PathBytes {
    /// Decodes raw name bytes.
    public static func string(from bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.allSatisfy({ $0 < 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        var i = 0
        while i < bytes.count {
            if let (scalar, length) = decodeScalar(bytes, at: i), !(0xF700...0xF7FF).contains(scalar.value) {
                scalars.append(scalar)
                i += length
            } else {
                scalars.append(escaped(bytes[i]))
                i += 1
            }
        }
        return String(scalars)
    }

    /// Decodes a NUL-terminated C string.
    public static func string(fromCString cString: UnsafePointer<CChar>) -> String {
        let length = strlenSafe(cString)
        return cString.withMemoryRebound(to: UInt8.self, capacity: length) {
            string(from: UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Decodes a NUL-terminated C string held in an array.
    public static func string(fromCString chars: [CChar]) -> String {
        chars.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return "" }
            let n = buf.firstIndex(of: 0) ?? buf.count
            return base.withMemoryRebound(to: UInt8.self, capacity: n) { string(from: UnsafeBufferPointer(start: $0, count: n)) }
        }
    }

    /// The raw bytes a string produced by ``string(from:)`` stands for.
    public static func bytes(of path: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(path.utf8.count)
        for scalar in path.unicodeScalars {
            if (0xF700...0xF7FF).contains(scalar.value) {
                out.append(UInt8(scalar.value - 0xF700))
            } else {
                out.append(contentsOf: Array(String(scalar).utf8))
            }
        }
        return out
    }

    /// Calls `body` with the path's raw bytes as a C string.
    public static func withCString<R>(_ path: String, _ body: (UnsafePointer<CChar>) -> R) -> R {
        // U+F700–U+F7FF encode as EF 9C..9F xx; a byte scan is much cheaper than scalars.
        let escaped = path.utf8.withContiguousStorageIfAvailable { buf -> Bool in
            guard buf.count >= 3 else { return false }
            for i in 0..<(buf.count - 2) where buf[i] == 0xEF && (0x9C...0x9F).contains(buf[i + 1]) { return true }
            return false
        } ?? path.unicodeScalars.contains(where: { (0xF700...0xF7FF).contains($0.value) })
        if !escaped { return path.withCString(body) }
        var raw = bytes(of: path)
        raw.append(0)
        return raw.withUnsafeBufferPointer { buf in
            guard let base = buf.baseAddress else { return "".withCString(body) }
            return base.withMemoryRebound(to: CChar.self, capacity: buf.count) { body($0) }
        }
    }

    /// Whether `scalar` stands for a raw byte, and which.
    public static func rawByte(_ scalar: Unicode.Scalar) -> UInt8? {
        (0xF700...0xF7FF).contains(scalar.value) ? UInt8(scalar.value - 0xF700) : nil
    }

    private static func escaped(_ byte: UInt8) -> Unicode.Scalar {
        Unicode.Scalar(0xF700 + UInt32(byte)) ?? "\u{FFFD}"
    }

    private static func strlenSafe(_ p: UnsafePointer<CChar>) -> Int {
        var n = 0
        while p[n] != 0 { n += 1 }
        return n
    }

    private static func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        let c0 = b[i]
        if c0 < 0x80 { return (Unicode.Scalar(c0), 1) }
        let length: Int
        var value: UInt32
        switch c0 {
        case 0xC2...0xDF: length = 2; value = UInt32(c0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(c0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(c0 & 0x07)
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let c = b[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(c & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
