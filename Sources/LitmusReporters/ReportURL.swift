import LitmusFormats
import LitmusSystem

/// Percent-encoding for the URIs reports carry, and advisory URLs made safe for them.
///
/// An advisory URL is input (users may add OSV files), made into a valid RFC 3986 URI reference
/// for the formats whose readers validate one (CycloneDX `url` is an `iri-reference`, SARIF
/// `helpUri` a `uri`, Markdown link destinations): every byte outside the unreserved,
/// general-delimiter and sub-delimiter characters becomes `%XX` (and `[`, `]`, which only an
/// IP-literal host may hold), as does a `%` that does not start an escape. Control characters,
/// spaces, backslashes, bidirectional overrides and raw file-name bytes so never reach the
/// output, and nothing needs display escaping afterwards.
enum ReportURL {
    /// `url` percent-encoded; `extra` names further ASCII bytes to encode (Markdown's).
    static func encoded(_ url: String, alsoEncoding extra: Set<UInt8> = []) -> String {
        percentEncoded(url) { bytes, i in
            let byte = bytes[i]
            let escapeStart = byte == 0x25 && i + 2 < bytes.count && isHex(bytes[i + 1]) && isHex(bytes[i + 2])
            return (allowed.contains(byte) || escapeStart) && !extra.contains(byte)
        }
    }

    /// `text`'s bytes (a raw file-name byte, see ``PathBytes``, as the byte it was), each kept
    /// when `keep(bytes, index)` says so and `%XX` otherwise. The one percent-encoding loop of
    /// the reporters: SARIF URIs, purls and advisory URLs differ only in what they keep.
    static func percentEncoded(_ text: String, keeping keep: ([UInt8], Int) -> Bool) -> String {
        let bytes = PathBytes.bytes(of: text)
        var out = ""
        for i in bytes.indices {
            let byte = bytes[i]
            if keep(bytes, i) {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return out
    }

    /// ASCII letters and digits.
    static func isAlphanumeric(_ b: UInt8) -> Bool {
        (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    private static func isHex(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
    }

    private static let allowed: Set<UInt8> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:/?#@!$&'()*+,;=".utf8)
}
