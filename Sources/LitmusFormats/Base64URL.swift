/// The URL- and filename-safe base64 alphabet of RFC 4648 §5, which wheel
/// `RECORD` files use for digests (PEP 376/427), written without padding.
public enum Base64URL {
    /// The 64 symbols, indexed by 6-bit value.
    private static let alphabet: [UInt8] =
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Reverse lookup: symbol byte → 6-bit value, 0xFF for bytes outside the
    /// alphabet (this also rejects '+' and '/' of standard base64).
    private static let reverse: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (value, symbol) in alphabet.enumerated() {
            table[Int(symbol)] = UInt8(value)
        }
        return table
    }()

    /// Encodes `bytes` without trailing '=' padding, as RECORD files do.
    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index < bytes.count {
            let chunk = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 {
                let byte = offset < chunk ? UInt32(bytes[index + offset]) : 0
                group = group << 8 | byte
            }
            // n input bytes produce n + 1 output symbols when unpadded.
            for symbol in 0...chunk {
                out.append(alphabet[Int((group >> (18 - 6 * UInt32(symbol))) & 0x3F)])
            }
            index += chunk
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes base64url text with or without '=' padding. Returns nil for
    /// characters outside the alphabet (including whitespace and standard
    /// base64's '+' and '/'), misplaced or excess padding, and impossible
    /// lengths. Non-zero unused trailing bits are tolerated, as in Python's
    /// `base64.urlsafe_b64decode`, which pip uses.
    public static func decode(_ text: String) -> [UInt8]? {
        guard let symbols = stripPadding(Array(text.utf8)) else { return nil }
        // A single leftover symbol carries only 6 bits: never a whole byte.
        guard symbols.count % 4 != 1 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for symbol in symbols {
            let value = reverse[Int(symbol)]
            guard value != 0xFF else { return nil }
            accumulator = (accumulator << 6 | UInt32(value)) & 0xFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
            }
        }
        return out
    }

    /// Removes trailing padding after checking it is well formed: at most two
    /// '=', only at the end, and then the total length is a multiple of four.
    private static func stripPadding(_ utf8: [UInt8]) -> [UInt8]? {
        let equals = UInt8(ascii: "=")
        var end = utf8.count
        while end > 0, utf8[end - 1] == equals {
            end -= 1
        }
        let padCount = utf8.count - end
        guard padCount <= 2 else { return nil }
        if padCount > 0 {
            guard utf8.count % 4 == 0, end % 4 == 4 - padCount else { return nil }
        }
        return Array(utf8[0..<end])
    }
}
